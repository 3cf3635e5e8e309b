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

    public enum Status: String, Hashable, Sendable {
        case scheduled
        /// Moved away from the rule's date, by the holiday policy or by an exception.
        case moved
        case cancelled
    }

    public init(series: SeriesID, originalDate: CalendarDate, date: CalendarDate, time: TimeRange?, status: Status = .scheduled, note: String? = nil) {
        self.series = series
        self.originalDate = originalDate
        self.date = date
        self.time = time
        self.status = status
        self.note = note
    }

    public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool {
        (lhs.date, lhs.time?.start ?? ClockTime(hour: 0, minute: 0), lhs.series) < (rhs.date, rhs.time?.start ?? ClockTime(hour: 0, minute: 0), rhs.series)
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
