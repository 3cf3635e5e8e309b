/// A day in the proleptic Gregorian calendar, with no time and no zone (an iCalendar DATE).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// One number for the three fields (dates are looked up by the hundred thousand when a year is read).
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(year &* 416 &+ month &* 32 &+ day)
    }

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

    /// The same day `months` months on, or the month's last day where it is shorter (1月31日 + 1 → 2月28日).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let (y, m) = (
            index.quotientAndRemainder(dividingBy: 12).quotient,
            index.quotientAndRemainder(dividingBy: 12).remainder + 1
        )
        return CalendarDate(year: y, month: m, day: min(day, Self.daysIn(month: m, year: y)))
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

    /// `20260414`: ISO 8601's basic format, as in iCalendar DATE values and the feeds' UIDs.
    public var basicDescription: String {
        "\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))"
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

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// A fixed offset from UTC, in seconds east: the clock of a zone that keeps it all year (no summer time).
public struct UTCOffset: Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public init(hours: Int, minutes: Int = 0) {
        self.init(seconds: hours * 3600 + (hours < 0 ? -minutes : minutes) * 60)
    }

    /// `+09:00`, as ISO 8601 writes it.
    public var description: String {
        let minutes = abs(seconds) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        return "\(seconds < 0 ? "-" : "+")\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }

    /// The date and time a clock at this offset shows at the UTC `date` and `time`.
    public func local(_ date: CalendarDate, _ time: ClockTime) -> (date: CalendarDate, time: ClockTime) {
        let total = time.secondsSinceMidnight + seconds
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let within = total - days * 86_400
        return (
            date.adding(days: days), ClockTime(hour: within / 3600, minute: within % 3600 / 60, second: within % 60)
        )
    }
}
