/// A day in the proleptic Gregorian calendar, with no time and no zone (an iCalendar DATE).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date without checking it; use `isValid` or `init?(validYear:month:day:)` for input.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date only when the day exists (no 2026-02-30, no month 13).
    public init?(validYear year: Int, month: Int, day: Int) {
        self.init(year: year, month: month, day: day)
        guard isValid else { return nil }
    }

    public var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month)
            && (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before it), by Howard Hinnant's `days_from_civil`.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `daysSinceEpoch` days after 1970-01-01, by Howard Hinnant's `civil_from_days`.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let d = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
        return (d < 0 ? d + 7 : d) + 1
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2026-04-14`.
    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A wall-clock time of day.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(hour: Int, minute: Int, second: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds 60 is allowed for a leap second, as RFC 5545 allows it.
    public var isValid: Bool {
        (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    /// `14:00` or `14:00:30`.
    public var description: String {
        second == 0 ? "\(pad(hour, 2)):\(pad(minute, 2))" : "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}

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

    public init(isNegative: Bool = false, weeks: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0) {
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

func pad(_ n: Int, _ width: Int) -> String {
    pad(String(n), width)
}
