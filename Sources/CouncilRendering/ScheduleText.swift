import CouncilCore

/// `council schedule`'s views of a dated year: Japanese text by series, or one tab-separated line per
/// meeting or slot (date, start, end, series or rotation id, status, original date).
public struct ScheduleText: Sendable {
    public var council: Council
    public var year: CouncilYear
    /// The series and rotations to show, in the council's order.
    public var series: [MeetingSeries]
    public var rotations: [Rotation]
    /// Only what this business's calendar holds: the meetings it is invited to, the slots it is involved in.
    public var business: BusinessID?

    public init(
        council: Council, year: CouncilYear, series: [MeetingSeries], rotations: [Rotation], business: BusinessID? = nil
    ) {
        self.council = council
        self.year = year
        self.series = series
        self.rotations = rotations
        self.business = business
    }

    /// The occurrences shown, by series: every one, or those of the meetings the business is invited to.
    private var occurrencesBySeries: [SeriesID: [Occurrence]] {
        let meetings =
            business.map { id in year.meetings.filter { $0.announcement.invited.contains(id) } } ?? year.meetings
        return Dictionary(grouping: meetings.map(\.occurrence), by: \.series)
    }

    /// A rotation's slots shown: every one, or those the business is involved in (target, lead's business, section).
    private func assignments(of rotation: Rotation) -> [SlotAssignment] {
        let all = year.assignments(of: rotation.id)
        guard let business else { return all }
        return all.filter { rotation.involves(business, in: $0) }
    }

    public func tsv() -> String {
        let bySeries = occurrencesBySeries
        let meetings = series.flatMap { item in (bySeries[item.id] ?? []).map { Self.tsvRow($0, item.id.rawValue) } }
        let slots = rotations.flatMap { rotation in
            assignments(of: rotation).map { Self.tsvRow($0.occurrence, rotation.id.rawValue) }
        }
        return (meetings + slots).map { $0 + "\n" }.joined()
    }

    private static func tsvRow(_ o: Occurrence, _ id: String) -> String {
        [
            o.date.description, o.time?.start.description ?? "", o.time?.end.description ?? "", id, o.status.rawValue,
            o.originalDate.description,
        ].joined(separator: "\t")
    }

    /// `■ 相談支援事業所等連絡会(第2火曜日、14:00–16:00, 会議室)` and its days; moves and cancellations with
    /// their reason; then each rotation's slots with their targets and leads (or 未割当).
    public func text() -> String {
        let bySeries = occurrencesBySeries
        let whose = business.map { id in "(\(council.business(id)?.name ?? id.rawValue))" } ?? ""
        var lines = ["\(year.year.japaneseName) \(council.name) 開催日程\(whose)", ""]
        for item in series {
            guard let occurrences = bySeries[item.id] else { continue }
            let place = [item.time?.description, item.venue].compactMap { $0 }.joined(separator: ", ")
            lines.append("■ \(item.title)(\(item.scheduleText)\(place.isEmpty ? "" : "、\(place)"))")
            lines += occurrences.map { line(for: $0, of: item) }
            lines.append("")
        }
        for rotation in rotations {
            // The recorded assignments when `council rotate` has run, else the bare slots.
            let shown = assignments(of: rotation)
            if business != nil && shown.isEmpty { continue }
            lines.append("■ \(rotation.title)(\(rotation.kind.rawValue)、\(rotation.targetsPerSlot)か所ずつ)")
            lines += shown.map { line(for: $0, of: rotation) }
            lines.append("")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private func line(for o: Occurrence, of item: MeetingSeries) -> String {
        var line = "  \(o.date.japaneseDescription)"
        if let time = o.time, time != item.time { line += " \(time)" }
        switch o.status {
        case .scheduled: break
        case .moved: line += "  ← \(o.movedFrom.shortJapaneseDescription)から(\(o.note ?? "日程変更"))"
        case .cancelled: line = "  \(o.date.japaneseDescription)  × \(o.note ?? "中止")"
        }
        return line
    }

    private func line(for a: SlotAssignment, of rotation: Rotation) -> String {
        let targets = a.targets.compactMap { council.business($0)?.name }.joined(separator: "、")
        let leads = a.leads.compactMap { rotation.lead($0)?.name }.joined(separator: "・")
        var line = "  \(a.slot.date.japaneseDescription)\(a.slot.time.map { " \($0)" } ?? "")"
        line += targets.isEmpty ? "  (未割当: council rotate で割り当て)" : "  \(targets)  担当: \(leads)"
        if let outcome = outcomeLabel(a) { line += outcome }
        return line
    }
}

/// `council rotate`'s view of a plan: each slot with its targets (and why they come first) and leads, then
/// the businesses left without a turn.
public struct RotationPlanText: Sendable {
    public var council: Council
    public var rotation: Rotation
    public var plan: RotationPlan
    /// The planner that made the plan: it says why each business comes first (新規, 一人, 昨年度未実施).
    public var planner: RotationPlanner

    public init(council: Council, rotation: Rotation, plan: RotationPlan, planner: RotationPlanner) {
        self.council = council
        self.rotation = rotation
        self.plan = plan
        self.planner = planner
    }

    public func text() -> String {
        var lines = ["\(plan.year.japaneseName) \(council.name) \(rotation.title)"]
        for assignment in plan.assignments {
            let slot = assignment.slot
            let targets = assignment.targets.map { id -> String in
                guard let business = council.business(id) else { return id.rawValue }
                let reasons = planner.priorityReasons(business)
                return business.name + (reasons.isEmpty ? "" : "(\(reasons.joined(separator: "・")))")
            }.joined(separator: "、")
            let leads = assignment.leads.compactMap { rotation.lead($0)?.name }.joined(separator: "・")
            let time = slot.time.map { " \($0)" } ?? ""
            let state = outcomeLabel(assignment) ?? (assignment.isHeld ? "  [日付経過・未記録]" : "")
            lines.append("  \(slot.date.shortJapaneseDescription)\(time)  \(targets)  担当: \(leads)\(state)")
        }
        if !plan.withoutTurn.isEmpty {
            // Each with why it came after those who had a turn.
            let names = plan.withoutTurn.compactMap { council.business($0) }.map { business in
                let reasons = planner.laterReasons(business)
                return business.name + (reasons.isEmpty ? "" : "(\(reasons.joined(separator: "・")))")
            }
            lines.append("  今年度は順番が回りません(枠が足りません) / no slot this year: \(names.joined(separator: "、"))")
            lines.append("  順番の優先: 今年度ほかのローテーションで順番なし > 昨年度未実施 > 新規事業所 > 一人事業所")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `  [延期: 会場の都合]`: a recorded slot's outcome and note, as both views show it; nil before it is recorded.
private func outcomeLabel(_ assignment: SlotAssignment) -> String? {
    assignment.outcome.map { "  [\($0.rawValue)\(assignment.note.map { ": \($0)" } ?? "")]" }
}
