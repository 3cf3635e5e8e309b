/// How a date-time is anchored (RFC 5545 §3.3.5): floating, UTC, or local time in a named zone.
public enum TimeBasis: Hashable, Sendable {
    case floating
    case utc
    case zone(String)
}

/// A DATE or DATE-TIME value as iCalendar carries it.
public enum DateTimeValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An all-day value (`VALUE=DATE`).
    case date(CalendarDate)
    case dateTime(CalendarDate, ClockTime, TimeBasis)

    public var date: CalendarDate {
        switch self {
        case .date(let d), .dateTime(let d, _, _): return d
        }
    }

    public var time: ClockTime? {
        if case .dateTime(_, let t, _) = self { return t }
        return nil
    }

    public var basis: TimeBasis? {
        if case .dateTime(_, _, let b) = self { return b }
        return nil
    }

    public var isAllDay: Bool {
        if case .date = self { return true }
        return false
    }

    /// Orders by the written date and time; values in different zones are not converted.
    public static func < (lhs: DateTimeValue, rhs: DateTimeValue) -> Bool {
        if lhs.date != rhs.date { return lhs.date < rhs.date }
        return (lhs.time ?? ClockTime(hour: 0, minute: 0)) < (rhs.time ?? ClockTime(hour: 0, minute: 0))
    }

    /// The same basis and time of day on another date.
    public func on(_ date: CalendarDate) -> DateTimeValue {
        switch self {
        case .date: return .date(date)
        case .dateTime(_, let t, let b): return .dateTime(date, t, b)
        }
    }

    public var description: String {
        switch self {
        case .date(let d): return d.description
        case .dateTime(let d, let t, .floating): return "\(d)T\(t)"
        case .dateTime(let d, let t, .utc): return "\(d)T\(t)Z"
        case .dateTime(let d, let t, .zone(let z)): return "\(d)T\(t) \(z)"
        }
    }
}

/// An iCalendar DURATION (RFC 5545 §3.3.6); only whole weeks stand alone, as the grammar requires.
public struct DurationValue: Hashable, Sendable, CustomStringConvertible {
    public var isNegative: Bool
    public var weeks: Int
    public var days: Int
    public var hours: Int
    public var minutes: Int
    public var seconds: Int

    public init(
        isNegative: Bool = false, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0
    ) {
        self.isNegative = isNegative
        self.weeks = weeks
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
    }

    public static func hours(_ h: Int) -> DurationValue { DurationValue(hours: h) }
    public static func minutes(_ m: Int) -> DurationValue { DurationValue(minutes: m) }
    public static func days(_ d: Int) -> DurationValue { DurationValue(days: d) }

    public var totalSeconds: Int {
        let s = (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds
        return isNegative ? -s : s
    }

    /// `PT12H`, `P1D`, `-PT15M`.
    public var description: String {
        var s = isNegative ? "-P" : "P"
        if weeks > 0 { s += "\(weeks)W" }
        if days > 0 { s += "\(days)D" }
        if hours > 0 || minutes > 0 || seconds > 0 {
            s += "T"
            if hours > 0 { s += "\(hours)H" }
            if minutes > 0 { s += "\(minutes)M" }
            if seconds > 0 { s += "\(seconds)S" }
        }
        return s == "P" || s == "-P" ? "PT0S" : s
    }
}

extension DateTimeValue {
    /// The date a clock at `offset` shows at a UTC date-time; other values give their own date.
    public func date(at offset: UTCOffset) -> CalendarDate {
        guard case .dateTime(let date, let time, .utc) = self else { return self.date }
        return offset.local(date, time).date
    }
}
