/// One dated meeting of a series.
///
/// Its identity is the series and the date the rule gave (`originalDate`), never its position or its
/// content, so that a moved or shifted meeting is the same meeting to a calendar client.
public struct Occurrence: Hashable, Sendable, Comparable {
    public var series: SeriesID
    public var originalDate: CalendarDate
    public var date: CalendarDate
    public var time: TimeRange?
    public var status: Status
    /// Why it moved or was cancelled, in Japanese, for the secretariat and the feeds.
    public var note: String?
    /// The day subscribers had before the move this occurrence carries, when that was not the rule's date: a
    /// meeting published on 9/24 (敬老の日 moved it from 9/21) and then moved to 9/17 by a new rule moved *from
    /// 9/24*. Kept in `published-<year>.csv` so that the same move is announced the same way at every export.
    public var formerDate: CalendarDate?
    /// Which meeting of this identity it is: 1, or more when an earlier meeting of the same series and rule date was
    /// published, withdrawn from the plan and its day has passed (its cancellation stays in the feeds under its own
    /// UID, so this one needs another). Kept in `published-<year>.csv`.
    public var issue: Int

    /// The day a move is announced from: the day subscribers last had, else the rule's.
    public var movedFrom: CalendarDate { formerDate ?? originalDate }

    public enum Status: String, Hashable, Sendable {
        case scheduled
        /// Moved away from the rule's date, by the holiday policy or by an exception.
        case moved
        case cancelled
    }

    public init(
        series: SeriesID, originalDate: CalendarDate, date: CalendarDate, time: TimeRange?, status: Status = .scheduled,
        note: String? = nil, formerDate: CalendarDate? = nil, issue: Int = 1
    ) {
        self.series = series
        self.originalDate = originalDate
        self.date = date
        self.time = time
        self.status = status
        self.note = note
        self.formerDate = formerDate
        self.issue = issue
    }

    public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool {
        lhs.dayKey != rhs.dayKey ? lhs.dayKey < rhs.dayKey : lhs.series < rhs.series
    }

    /// The day and the start (midnight without a time) as one number, in the same order.
    var dayKey: Int {
        ((date.year * 13 + date.month) * 32 + date.day) << 20 | (time?.start.secondsSinceMidnight ?? 0)
    }
}

extension Array {
    /// In the order of the occurrence each element has (`<`: day, start, series), equal ones as they came, as
    /// `sorted()` gives them — by an index and a number per element, so that the elements themselves are
    /// moved once, not at every step. Every year's meetings are sorted so.
    func sortedByDay(_ occurrence: (Element) -> Occurrence) -> [Element] {
        let keys = map { occurrence($0).dayKey }
        func before(_ a: Int, _ b: Int) -> Bool {
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            let (x, y) = (occurrence(self[a]).series, occurrence(self[b]).series)
            return x != y ? x < y : a < b
        }
        // Most lists (a series' dates, a year already in order) come sorted: nothing to move then.
        if indices.dropFirst().allSatisfy({ before($0 - 1, $0) }) { return self }
        return indices.sorted(by: before).map { self[$0] }
    }
}

/// What to do when the rule's date is not a business day (a holiday, a closure, a weekend).
public enum HolidayPolicy: String, CaseIterable, Hashable, Sendable {
    /// No meeting that month.
    case skip
    case nextBusinessDay = "next-business-day"
    case previousBusinessDay = "previous-business-day"
    /// Meet anyway (e.g. an event meant for a holiday).
    case keep
}

/// A change to one occurrence, named by the date the rule gives it.
public struct SeriesException: Hashable, Sendable {
    public var originalDate: CalendarDate
    public var change: Change
    public var reason: String?

    public enum Change: Hashable, Sendable {
        case cancel
        /// To another date and/or time.
        case move(date: CalendarDate?, time: TimeRange?)
    }

    public init(originalDate: CalendarDate, change: Change, reason: String? = nil) {
        self.originalDate = originalDate
        self.change = change
        self.reason = reason
    }
}
