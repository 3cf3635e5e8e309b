/// One meeting of a council's year: when it is (its occurrence) and how it is announced to subscribers.
///
/// For a meeting whose day has passed both are what was published then (`published-<year>.csv`), so a later
/// edit of the plan never rewrites it; for the others they are what the plan gives now.
public struct Meeting: Hashable, Sendable, Comparable {
    public var occurrence: Occurrence
    public var announcement: MeetingAnnouncement

    public init(occurrence: Occurrence, announcement: MeetingAnnouncement) {
        self.occurrence = occurrence
        self.announcement = announcement
    }

    public var series: SeriesID { occurrence.series }
    public var date: CalendarDate { occurrence.date }

    public static func < (lhs: Meeting, rhs: Meeting) -> Bool { lhs.occurrence < rhs.occurrence }
}

/// What subscribers read about a meeting, and who is invited to it.
public struct MeetingAnnouncement: Hashable, Sendable {
    public var title: String
    public var kind: MeetingKind
    public var venue: String?
    public var onlineURL: String?
    /// The notice (the event's description): changes, the schedule, venue, the plan's tasks that month, whom to ask.
    ///
    /// ```
    /// 【日程変更】2026年8月11日(火)から変更(山の日のため翌営業日に変更)
    /// 相談支援事業所等連絡会議(偶数月の第2火曜日)
    /// 会場: 青葉区役所 4階 第1会議室
    ///
    /// この回の取組(令和8年度計画):
    /// ① ちょこっとケースレビューの実施
    ///
    /// 問合せ: 青葉区障害高齢課 障害者支援係 022-000-1111
    /// ```
    public var notice: String
    /// The invited businesses, in roster order.
    public var invited: [BusinessID]
    /// Minutes before the start that the event reminds subscribers (VALARM); nil for none.
    public var remindMinutes: Int?

    public init(
        title: String, kind: MeetingKind, venue: String? = nil, onlineURL: String? = nil, notice: String,
        invited: [BusinessID], remindMinutes: Int? = nil
    ) {
        self.title = title
        self.kind = kind
        self.venue = venue
        self.onlineURL = onlineURL
        self.notice = notice
        self.invited = invited
        self.remindMinutes = remindMinutes
    }

    /// The announcement the plan gives now for `occurrence` of `series`; `invited` is the series' invitees,
    /// worked out once per series by the caller, as `lines` may be.
    public init(
        _ occurrence: Occurrence, of series: MeetingSeries, in council: Council, invited: [BusinessID],
        lines: NoticeLines? = nil
    ) {
        self.init(
            title: series.title, kind: series.kind, venue: series.venue, onlineURL: series.onlineURL,
            notice: Self.notice(occurrence, of: series, in: council, lines: lines ?? NoticeLines(series, in: council)),
            invited: invited, remindMinutes: series.remindMinutes
        )
    }

    /// The lines of a series' notices that are the same for each of its meetings: the series and its schedule,
    /// hosts, venue, online link, and whom to ask.
    public struct NoticeLines: Sendable {
        /// The series and its schedule, hosts, venue and online link, a line each.
        let heading: String
        let contact: String?
        /// The notice of a meeting held as scheduled with no task of the plan that month: one text for all of them.
        let plain: String

        public init(_ series: MeetingSeries, in council: Council) {
            var heading = ["\(series.title)(\(series.scheduleText))"]
            if !series.hosts.isEmpty { heading.append("共催: \(council.hostNames(of: series).joined(separator: "・"))") }
            if let venue = series.venue { heading.append("会場: \(venue)") }
            if let online = series.onlineURL { heading.append("オンライン: \(online)") }
            self.heading = heading.joined(separator: "\n")
            contact = council.secretariat?.contactLine
            plain = self.heading + (contact.map { "\n\n" + $0 } ?? "")
        }
    }

    private static func notice(
        _ occurrence: Occurrence, of series: MeetingSeries, in council: Council, lines fixed: NoticeLines
    ) -> String {
        var change = ""
        switch occurrence.status {
        case .cancelled:
            change = "【中止】\(occurrence.note ?? "")\n"
        case .moved:
            change = "【日程変更】\(occurrence.movedFrom.japaneseDescription)から変更(\(occurrence.note ?? "日程変更"))\n"
        case .scheduled:
            break
        }
        var agendaLines = ""
        let year = FiscalYear(containing: occurrence.originalDate)
        if council.plan(for: year) != nil {
            let tasks = agenda(of: occurrence, in: council)
            if !tasks.isEmpty {
                agendaLines = "\n\nこの回の取組(\(year.japaneseName)計画):"
                for task in tasks { agendaLines += "\n\(task.numberLabel) \(task.title)" }
            }
        }
        guard !change.isEmpty || !agendaLines.isEmpty else { return fixed.plain }
        return change + fixed.heading + agendaLines + (fixed.contact.map { "\n\n" + $0 } ?? "")
    }

    /// The plan's tasks (取組) tied to the meeting's series and planned in the month it was scheduled for.
    public static func agenda(of occurrence: Occurrence, in council: Council) -> [PlanTask] {
        let plan = council.plan(for: FiscalYear(containing: occurrence.originalDate))
        return plan?.tasks.filter {
            $0.series == occurrence.series && $0.schedule.isPlanned(month: occurrence.originalDate.month)
        } ?? []
    }
}
