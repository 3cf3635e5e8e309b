/// A meeting series (会議体), e.g. 相談支援事業所等連絡会: when it meets, where, and who is invited.
public struct MeetingSeries: Hashable, Sendable, Identifiable {
    public var id: SeriesID
    public var title: String
    public var kind: MeetingKind
    public var schedule: ScheduleRule
    /// The schedule as the secretariat wrote it (`偶数月の第2火曜日`), for display.
    public var scheduleText: String
    public var time: TimeRange?
    public var venue: String?
    public var onlineURL: String?
    /// Minutes before each meeting that its events remind subscribers (`remind: 1日前`); nil for no reminder.
    public var remindMinutes: Int?
    /// Days before each meeting that answers close (`answer_by: 3日前`); nil: answers may change until it starts.
    public var answerDays: Int?
    public var invitation: Invitation
    public var holidayPolicy: HolidayPolicy
    public var exceptions: [SeriesException]
    /// 予備日: days set aside in advance; a meeting cancelled (by an exception or a holiday) moves to the first of
    /// them later in its month, announced as any move.
    public var spareDays: [CalendarDate] = []
    /// The first and last day the series meets (`from:` / `until:`); nil for no bound. Years outside have
    /// no meeting of it, and that is no mistake.
    public var activeFrom: CalendarDate?
    public var activeUntil: CalendarDate?
    /// In a council above councils, the member councils that co-host the series (共催, `hosts:`): it invites their
    /// businesses only, names every host, and counts in each host's own figures. Empty: the council itself hosts.
    public var hosts: [String] = []
    /// The series this one was before it moved here (`formerly: aoba/houkatsu-kyousai`): its meetings keep the
    /// UIDs they were published under, so no subscriber sees one twice.
    public var formerly: SeriesOrigin?

    public init(
        id: SeriesID, title: String, kind: MeetingKind, schedule: ScheduleRule, scheduleText: String,
        time: TimeRange? = nil, venue: String? = nil, onlineURL: String? = nil, invitation: Invitation = Invitation(),
        holidayPolicy: HolidayPolicy = .nextBusinessDay, exceptions: [SeriesException] = [],
        activeFrom: CalendarDate? = nil, activeUntil: CalendarDate? = nil
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.schedule = schedule
        self.scheduleText = scheduleText
        self.time = time
        self.venue = venue
        self.onlineURL = onlineURL
        self.invitation = invitation
        self.holidayPolicy = holidayPolicy
        self.exceptions = exceptions
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
    }

    /// The part of `year` in which the series meets, or nil when it does not meet that year.
    public func activeSpan(in year: FiscalYear) -> ClosedRange<CalendarDate>? {
        let first = max(year.firstDay, activeFrom ?? year.firstDay)
        let last = min(year.lastDay, activeUntil ?? year.lastDay)
        return first <= last ? first...last : nil
    }
}

public typealias SeriesID = Identifier<MeetingSeries>

public enum MeetingKind: String, CaseIterable, Hashable, Sendable {
    case liaison = "連絡会"
    case caseReview = "ケースレビュー"
    case informationExchange = "情報交換会"
    case training = "研修会"
    case steering = "運営会議"
    case groupSupervision = "GSV"
    case individualSupervision = "個別SV"
    case visit = "訪問"
    case other = "その他"

    public var identifier: String {
        switch self {
        case .liaison: return "liaison"
        case .caseReview: return "case-review"
        case .informationExchange: return "information-exchange"
        case .training: return "training"
        case .steering: return "steering"
        case .groupSupervision: return "group-supervision"
        case .individualSupervision: return "individual-supervision"
        case .visit: return "visit"
        case .other: return "other"
        }
    }
}

extension MeetingKind: LabelledKind {}

/// A time of day range such as 14:00–16:00.
public struct TimeRange: Hashable, Sendable, CustomStringConvertible {
    public var start: ClockTime
    public var end: ClockTime

    public init(start: ClockTime, end: ClockTime) {
        self.start = start
        self.end = end
    }

    /// `14:00–16:00`.
    public var description: String { "\(start)–\(end)" }
}

/// Where a series was defined before it moved: a council and its series id there.
public struct SeriesOrigin: Hashable, Sendable {
    public var council: String
    public var series: SeriesID

    public init(council: String, series: SeriesID) {
        self.council = council
        self.series = series
    }
}

/// Who a series invites: every business of some kinds, plus named businesses, minus named ones.
public struct Invitation: Hashable, Sendable {
    /// Built-in kinds: every business of the kind, whatever the council calls it.
    public var kinds: Set<BusinessKind>
    /// The council's own kinds (`business_kinds:`): only the businesses the roster gives that label.
    public var labels: Set<String>
    public var businesses: [BusinessID]
    public var excluded: Set<BusinessID>

    public init(
        kinds: Set<BusinessKind> = [], labels: Set<String> = [], businesses: [BusinessID] = [],
        excluded: Set<BusinessID> = []
    ) {
        self.kinds = kinds
        self.labels = labels
        self.businesses = businesses
        self.excluded = excluded
    }

    public func invites(_ business: Business) -> Bool {
        !excluded.contains(business.id)
            && (kinds.contains(business.kind) || business.kindLabel.map(labels.contains) == true
                || businesses.contains(business.id))
    }
}

extension MeetingSeries {
    /// `1日前`, `2時間前`, `30分前` (also `1日`, `前日` for a day): minutes before the start; nil when unreadable.
    public static func reminder(_ text: String) -> Int? {
        if text == "前日" { return 24 * 60 }
        var body = Substring(text.filter { $0 != " " && $0 != "\u{3000}" })
        if body.hasSuffix("前") { body = body.dropLast() }
        for (unit, minutes) in [("日", 24 * 60), ("時間", 60), ("分", 1)] where body.hasSuffix(unit) {
            let number = body.dropLast(unit.count)
            guard let count = Int(number.applyingFullWidthDigits), count >= 0, count <= 28 * 24 * 60 / minutes else {
                return nil
            }
            return count * minutes
        }
        return nil
    }
}

extension Substring {
    /// Full-width digits (１２) as ASCII.
    fileprivate var applyingFullWidthDigits: String {
        String(
            unicodeScalars.map { scalar in
                (0xFF10...0xFF19).contains(scalar.value)
                    ? Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!) : Character(scalar)
            })
    }
}
