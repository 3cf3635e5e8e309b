import CouncilCore

/// The plan grid (作業手順・スケジュール) of one council and year, in the forms a secretariat uses.
///
/// Text form at 100 columns, ambiguous characters narrow: names wrap, cells show the days of the meetings.
///
/// ```
/// 令和8年度 青葉区障害者自立支援協議会 作業手順・スケジュール
///
/// No  取組                              │  4月  5月  6月  7月  8月  9月 10月 11月 12月  1月  2月  3月
/// ──────────────────────────────────────┼─────────────────────────────────────────────────────────────
/// ①   ちょこっとケースレビューの実施    │  ■14       ■9       ■→12       ■13       ■8        ■9
/// ②   新規事業所向けの相談支援事業所等  │                 □21
///     連絡会議の実施                    │
///
/// ■ 実施予定  □ この期間に1回以上  14 開催日  →12 日程変更後の開催日
/// ```
public struct GanttChart: Sendable {
    public var council: Council
    public var plan: Plan
    /// With progress, the grid shows plan against actual: done, missed and cancelled months.
    public var progress: PlanProgress?
    /// The year's meetings and rotation slots (slots under their rotation's id), for the days in the cells.
    public var occurrences: [Occurrence]
    /// The day the grid is seen on: with progress, its month is marked in the header and the months after it
    /// show the plan only.
    public var today: CalendarDate?
    /// The series of the councils above (仙台市) that this council's businesses are invited to, as rows after the
    /// plan's: labelled with that council's short name (仙台市, a 圏域's own), titled 【仙台市】…, planned in the months
    /// they meet.
    public var above: [PlanTask] = []
    /// The meetings of those series with attendance recorded, for plan against actual.
    var aboveRecorded: Set<MeetingKey> = []

    public init(
        council: Council, plan: Plan, progress: PlanProgress? = nil, occurrences: [Occurrence] = [],
        today: CalendarDate? = nil
    ) {
        self.council = council
        self.plan = plan
        self.progress = progress
        self.occurrences = occurrences
        self.today = today
    }

    /// The grid of a council's year: its plan, meetings and slots; with `progress`, against actual.
    public init?(_ year: CouncilYear, progress: PlanProgress? = nil, today: CalendarDate? = nil) {
        guard let plan = year.plan else { return nil }
        let slots = year.council.rotations.flatMap { year.assignments(of: $0.id).map(\.occurrence) }
        self.init(
            council: year.council, plan: plan, progress: progress, occurrences: year.occurrences + slots, today: today)
        let months = Dictionary(
            grouping: year.occurrences.filter { CouncilYear.isFromAbove($0.series) && $0.status != .cancelled },
            by: \.series
        ).mapValues { Set($0.map(\.date.month)) }
        above = year.council.series.filter { months[$0.id] != nil }.map {
            PlanTask(number: 0, title: $0.title, schedule: .months(months[$0.id]!), series: $0.id)
        }
        aboveRecorded = year.attendance.recordedMeetings.filter { CouncilYear.isFromAbove($0.series) }
    }

    public var title: String {
        "\(plan.year.japaneseName) \(council.name) 作業手順・スケジュール" + (progress == nil ? "" : "(計画と実績)")
    }

    public func render(_ options: GanttOptions = GanttOptions()) -> String {
        switch options.format {
        case .text, .ascii: return GanttTextRenderer(chart: self, options: options).render()
        case .markdown: return GanttMarkdownRenderer(chart: self, dates: options.dates).render()
        case .csv: return GanttCSVRenderer(chart: self, dates: options.dates).render()
        case .html: return GanttHTMLRenderer(chart: self, dates: options.dates).render()
        }
    }

    /// The month of `today` within the year (0 for April … 11 for March), when progress is shown.
    var todayIndex: Int? {
        guard progress != nil, let today else { return nil }
        return plan.year.months.firstIndex(of: YearMonth(year: today.year, month: today.month))
    }

    /// One cell per month of the fiscal year, April first: the mark and the days of the task's meetings.
    var rows: [Row] {
        let bySeries = Dictionary(grouping: occurrences, by: \.series)
        let current = todayIndex
        return (plan.tasks + above).map { task in
            let actual = task.number == 0 ? nil : progress?.tasks.first { $0.task.number == task.number }
            let meetings = task.series.flatMap { bySeries[$0] } ?? []
            // A council above's row has no task of the plan: its months are what its meetings became.
            func state(_ index: Int, _ month: YearMonth) -> PlanProgress.MonthState? {
                guard task.number != 0 else { return progress.flatMap { aboveState(meetings, month, asOf: $0.asOf) } }
                return actual?.months[index].state
            }
            return Row(
                label: label(of: task),
                title: task.title,
                cells: plan.year.months.enumerated().map { index, month in
                    Cell(
                        mark: mark(
                            task, month: month, actual: state(index, month),
                            isFuture: current.map { index > $0 } ?? false), days: Self.days(meetings, in: month))
                }
            )
        }
    }

    /// Every row's label, in order (cheaper than the rows themselves).
    var rowLabels: [String] {
        (plan.tasks + above).map(label(of:))
    }

    /// A row's label: the task's number (①), or for a council above's row its short name, from the
    /// `<council>:<series>` id of the row's series.
    private func label(of task: PlanTask) -> String {
        guard task.number == 0 else { return task.numberLabel }
        guard let id = task.series?.rawValue.split(separator: ":").first.map(String.init) else { return "市" }
        return council.shortNamesAbove[id] ?? "市"
    }

    /// A month of a council above's series as it happened: held and recorded (done), held without a record,
    /// only cancelled; nil before it is over or without meetings.
    private func aboveState(_ meetings: [Occurrence], _ month: YearMonth, asOf: CalendarDate) -> PlanProgress
        .MonthState?
    {
        let those = meetings.filter { $0.date.year == month.year && $0.date.month == month.month }
        let held = those.filter { $0.status != .cancelled && $0.date <= asOf }
        if held.contains(where: { aboveRecorded.contains(MeetingKey($0)) }) { return .done }
        if !held.isEmpty { return .unrecorded }
        return !those.isEmpty && those.allSatisfy { $0.status == .cancelled } ? .cancelled : nil
    }

    /// Done, missed or cancelled as it happened; never for a month after today's.
    private func mark(_ task: PlanTask, month: YearMonth, actual: PlanProgress.MonthState?, isFuture: Bool) -> Mark? {
        if !isFuture {
            switch actual {
            case .done?, .doneUnplanned?: return .done
            case .missed?: return .missed
            case .unrecorded?: return .unrecorded
            case .cancelled?: return .cancelled
            default: break
            }
        }
        switch task.schedule {
        case .asNeeded: return .asNeeded
        case .atLeast: return task.schedule.isPlanned(month: month.month) ? .atLeast : nil
        case .months, .everyMonth: return task.schedule.isPlanned(month: month.month) ? .planned : nil
        }
    }

    /// The days of the month on which meetings are held, moved to, or were to be held when cancelled.
    private static func days(_ meetings: [Occurrence], in month: YearMonth) -> [Day] {
        meetings.compactMap { meeting -> Day? in
            let date = meeting.date
            guard date.year == month.year, date.month == month.month else { return nil }
            switch meeting.status {
            case .scheduled: return Day(day: date.day, change: nil)
            case .moved: return Day(day: date.day, change: .moved)
            case .cancelled: return Day(day: date.day, change: .cancelled)
            }
        }.sorted { $0.day < $1.day }
    }

    /// The marks the grid uses, in legend order.
    var marksUsed: [Mark] {
        let used = Set(rows.flatMap { $0.cells.compactMap(\.mark) })
        return Mark.allCases.filter(used.contains)
    }

    /// The kinds of day the grid shows (plain, moved, cancelled), in legend order.
    var dayKindsUsed: [Day.Change?] {
        let used = Set(rows.flatMap { $0.cells.flatMap { $0.days.map(\.change) } })
        return [nil, .moved, .cancelled].filter(used.contains)
    }

    var monthLabels: [String] { plan.year.months.map { "\($0.month)月" } }

    /// The month labels, today's month marked `12月(今日)` when progress is shown.
    var headerLabels: [String] {
        let today = todayIndex
        return monthLabels.enumerated().map { $0 == today ? "\($1)(今日)" : $1 }
    }

    /// The legend entries, e.g. `■ 実施予定`, then what the days mean when they are shown.
    func legend(ascii: Bool, dates: Bool = false) -> [String] {
        let times = Set(
            plan.tasks.compactMap { task -> Int? in
                if case .atLeast(let times, _) = task.schedule { return times }
                return nil
            })
        let marks = marksUsed.map {
            "\($0.symbol(ascii: ascii)) \($0.meaning(atLeastTimes: times.count == 1 ? times.first : nil))"
        }
        guard dates else { return marks }
        return marks
            + dayKindsUsed.map { change in
                switch change {
                case nil: return "\(Day(day: 14, change: nil).text(ascii: ascii)) 開催日"
                case .moved?: return "\(Day(day: 12, change: .moved).text(ascii: ascii)) 日程変更後の開催日"
                case .cancelled?: return "\(Day(day: 14, change: .cancelled).text(ascii: ascii)) 中止(予定日)"
                }
            }
    }

    struct Row {
        var label: String
        var title: String
        var cells: [Cell]
    }

    /// One month of one task: its mark, and the days its meetings are held that month.
    struct Cell: Hashable {
        var mark: Mark?
        var days: [Day]

        /// `■12`, `■6・20`, `#6,20`; without `dates`, the mark alone.
        func text(ascii: Bool, dates: Bool) -> String {
            (mark?.symbol(ascii: ascii) ?? "")
                + (dates ? days.map { $0.text(ascii: ascii) }.joined(separator: Day.separator(ascii: ascii)) : "")
        }
    }

    /// A day of the month in a cell: `12`, moved there `→12`, cancelled `−14`.
    struct Day: Hashable {
        var day: Int
        var change: Change?

        enum Change: Hashable {
            case moved, cancelled
        }

        func text(ascii: Bool) -> String {
            switch change {
            case nil: return "\(day)"
            case .moved?: return (ascii ? "->" : "→") + "\(day)"
            case .cancelled?: return (ascii ? "-" : "−") + "\(day)"
            }
        }

        static func separator(ascii: Bool) -> String { ascii ? "," : "・" }
    }

    enum Mark: CaseIterable, Hashable {
        case planned, asNeeded, atLeast, done, missed, unrecorded, cancelled

        func symbol(ascii: Bool) -> String {
            switch self {
            case .planned: return ascii ? "#" : "■"
            case .asNeeded: return ascii ? "o" : "○"
            case .atLeast: return ascii ? "+" : "□"
            case .done: return ascii ? "*" : "●"
            case .missed: return ascii ? "x" : "×"
            case .unrecorded: return ascii ? "?" : "△"
            case .cancelled: return ascii ? "-" : "−"
            }
        }

        /// What the mark means; `atLeastTimes` is the N of "N回以上" when every such task shares it.
        func meaning(atLeastTimes: Int?) -> String {
            switch self {
            case .planned: return "実施予定"
            case .asNeeded: return "随時(必要に応じて)"
            case .atLeast: return atLeastTimes.map { "この期間に\($0)回以上" } ?? "この期間に所定の回数以上"
            case .done: return "実施"
            case .missed: return "未実施"
            case .unrecorded: return "未記録(開催済み・出欠の記録なし)"
            case .cancelled: return "中止"
            }
        }
    }
}

public struct GanttOptions: Hashable, Sendable {
    /// The narrowest grid: number, a 12-column title, the rule and twelve 4-column months.
    public static let minimumWidth = 70

    public var format: GanttFormat
    /// The whole width in terminal columns (text and ascii forms); at least `minimumWidth`.
    public var width: Int
    /// Whether East Asian ambiguous characters (■ ○ ① ─) take two columns, as in CJK-configured terminals.
    public var ambiguousIsWide: Bool
    /// Whether cells show the days of the meetings (`■12`, `■6・20`) beside the marks.
    public var dates: Bool

    public init(format: GanttFormat = .text, width: Int = 100, ambiguousIsWide: Bool = false, dates: Bool = true) {
        self.format = format
        self.width = width
        self.ambiguousIsWide = ambiguousIsWide
        self.dates = dates
    }
}

public enum GanttFormat: String, CaseIterable, Hashable, Sendable {
    case text, ascii, markdown, csv, html
}
