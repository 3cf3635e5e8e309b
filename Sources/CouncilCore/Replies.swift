/// What a business says beforehand about a meeting or slot it is invited to (回答): it will come, join online,
/// or not come. Answers are intentions; what happened is the attendance record.
public enum ReplyChoice: String, CaseIterable, Hashable, Sendable {
    case present = "出席"
    case online = "オンライン"
    case absent = "欠席"

    public var identifier: String {
        switch self {
        case .present: return "present"
        case .online: return "online"
        case .absent: return "absent"
        }
    }

    /// The attendance a check-in form starts from: a business that said it would not come gave notice (欠席連絡あり).
    public var expectedAttendance: AttendanceStatus {
        switch self {
        case .present: return .present
        case .online: return .online
        case .absent: return .excused
        }
    }

    /// Said it would come, in the room or online.
    public var attending: Bool { self != .absent }
}

extension ReplyChoice: LabelledKind {}

/// A moment as a clock in the council's zone shows it (the councils are in Japan): when an answer was given, and
/// what a deadline is compared with.
public struct LocalMoment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: CalendarDate
    public var time: ClockTime

    public init(_ date: CalendarDate, _ time: ClockTime) {
        self.date = date
        self.time = time
    }

    public static func < (a: LocalMoment, b: LocalMoment) -> Bool { (a.date, a.time) < (b.date, b.time) }

    /// `2026-12-01T19:04:05+09:00`, as the record of answers keeps it.
    public var description: String {
        "\(date)T\(time.paddedDescription)\(UTCOffset.japan)"
    }
}

extension ClockTime {
    /// `09:04:05`: always with seconds.
    public var paddedDescription: String {
        [hour, minute, second].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }
}

/// What an answer is about: a meeting of a series, or a rotation's slot (個別SV, 訪問), each named by the day its
/// rule gave it.
public enum ReplySubject: Hashable, Sendable, Comparable {
    case meeting(SeriesID)
    case slot(RotationID)

    public var id: String {
        switch self {
        case .meeting(let series): return series.rawValue
        case .slot(let rotation): return rotation.rawValue
        }
    }

    public static func < (a: ReplySubject, b: ReplySubject) -> Bool {
        (a.isSlot ? 1 : 0, a.id) < (b.isSlot ? 1 : 0, b.id)
    }

    public var isSlot: Bool {
        if case .slot = self { return true }
        return false
    }
}

/// Who gave an answer: the business on its own page, or the secretariat on the command line (an answer given by
/// phone). A page is named by the revision of its token, which says which URL was used without the URL itself.
public enum ReplySource: Hashable, Sendable, CustomStringConvertible {
    case page(revision: Int)
    case commandLine

    /// `page-r1`, `cli`.
    public var description: String {
        switch self {
        case .page(let revision): return "page-r\(revision)"
        case .commandLine: return "cli"
        }
    }

    public init?(_ text: String) {
        if text == "cli" {
            self = .commandLine
        } else if text.hasPrefix("page-r"), let revision = Int(text.dropFirst(6)), revision >= 0 {
            self = .page(revision: revision)
        } else {
            return nil
        }
    }
}

/// One answer as given: the record of answers keeps every one, and the latest per business and subject is the answer.
public struct Reply: Hashable, Sendable {
    public var subject: ReplySubject
    /// The day the schedule gave the meeting or slot (its identity).
    public var originalDate: CalendarDate
    public var business: BusinessID
    public var choice: ReplyChoice
    public var note: String?
    public var at: LocalMoment
    public var by: ReplySource

    public init(
        subject: ReplySubject, originalDate: CalendarDate, business: BusinessID, choice: ReplyChoice,
        note: String? = nil, at: LocalMoment, by: ReplySource
    ) {
        self.subject = subject
        self.originalDate = originalDate
        self.business = business
        self.choice = choice
        self.note = note
        self.at = at
        self.by = by
    }

    public struct Key: Hashable, Sendable, Comparable {
        public var subject: ReplySubject
        public var originalDate: CalendarDate
        public var business: BusinessID

        public init(subject: ReplySubject, originalDate: CalendarDate, business: BusinessID) {
            self.subject = subject
            self.originalDate = originalDate
            self.business = business
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.originalDate, a.subject, a.business) < (b.originalDate, b.subject, b.business)
        }
    }

    public var key: Key { Key(subject: subject, originalDate: originalDate, business: business) }
}

/// A fiscal year's answers in the order they were given (`answers-<year>.csv`): nothing is ever taken out.
public struct ReplyBook: Hashable, Sendable {
    /// Every answer, in the order given.
    public private(set) var history: [Reply]
    private var latestIndex: [Reply.Key: Int]

    public init(_ history: [Reply] = []) {
        self.history = []
        self.latestIndex = [:]
        for reply in history { append(reply) }
    }

    public mutating func append(_ reply: Reply) {
        latestIndex[reply.key] = history.count
        history.append(reply)
    }

    /// The answer: the latest given for this business and subject.
    public func latest(_ key: Reply.Key) -> Reply? { latestIndex[key].map { history[$0] } }

    public var isEmpty: Bool { history.isEmpty }
}

/// Until when an answer may be given or changed: through the end of a day (`answer_by: 3日前`), or, without
/// `answer_by`, until the meeting starts (through its day when it has no time).
public enum ReplyDeadline: Hashable, Sendable {
    case endOfDay(CalendarDate)
    case start(CalendarDate, ClockTime)

    /// The deadline of a meeting or slot held on `date` at `time`, answered `daysBefore` days ahead (nil: until it starts).
    public init(date: CalendarDate, time: TimeRange?, daysBefore: Int?) {
        if let daysBefore {
            self = .endOfDay(date.adding(days: -daysBefore))
        } else if let time {
            self = .start(date, time.start)
        } else {
            self = .endOfDay(date)
        }
    }

    /// Whether an answer given at `moment` is in time.
    public func isOpen(at moment: LocalMoment) -> Bool {
        switch self {
        case .endOfDay(let day): return moment.date <= day
        case .start(let day, let time): return moment < LocalMoment(day, time)
        }
    }
}

extension MeetingSeries {
    /// `answer_by: 3日前` as days: `N日前`, `前日` (1) or `当日` (0), at most 28 days.
    public static func answerDays(parsing text: String) -> Int? {
        if text == "当日" { return 0 }
        guard let minutes = reminder(text), minutes % (24 * 60) == 0 else { return nil }
        return minutes / (24 * 60)
    }
}
