/// When a meeting series meets, in one of the forms a secretariat writes.
///
/// | text | rule |
/// |---|---|
/// | `第2火曜日`, `毎月第2火曜日` | the 2nd Tuesday of every month |
/// | `毎月最終金曜日` | the last Friday of every month |
/// | `偶数月の第3水曜日`, `奇数月の第4金曜日` | in even or odd months only |
/// | `5,7,9,11,1,3月の第3水曜日` (also `、` or `・`) | in the months listed |
/// | `第1・第3水曜日` | two (or more) weeks of the month |
/// | `毎週水曜日` | every Wednesday |
/// | `2026-07-21`, `2026-07-21, 2026-11-17` | the dates listed |
/// | `RRULE:FREQ=MONTHLY;BYDAY=2TU` | an RFC 5545 rule, expanded by libical |
public enum ScheduleRule: Hashable, Sendable {
    /// Weekdays of the month: `ordinals` are 1–5 or -1 (last), `weekday` is ISO (1 = Monday).
    case monthlyWeekday(months: Set<Int>?, ordinals: [Int], weekday: Int)
    case weekly(weekday: Int)
    case dates([CalendarDate])
    /// RRULE text, without the `RRULE:` prefix.
    case recurrenceRule(String)

    /// Dates listed one by one, which belong to the years they fall in.
    public var isDateList: Bool {
        if case .dates = self { return true }
        return false
    }

    /// Reads the friendly forms above; the error says what was expected.
    public static func parse(_ source: String) -> Result<ScheduleRule, ScheduleRuleError> {
        let text = normalised(source)
        if text.hasPrefix("RRULE:") || text.hasPrefix("FREQ=") {
            let rule = text.hasPrefix("RRULE:") ? String(text.dropFirst(6)) : text
            return .success(.recurrenceRule(rule))
        }
        if let first = text.first, first.isNumber, text.contains("-") {
            var dates: [CalendarDate] = []
            for part in text.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == " " }) {
                guard let date = isoDate(String(part)) else {
                    return .failure(
                        ScheduleRuleError(
                            text: source, reason: "「\(part)」は日付として読めません / \"\(part)\" is not a date",
                            expected: "YYYY-MM-DD dates separated by commas, e.g. 2026-07-21, 2026-11-17"))
                }
                dates.append(date)
            }
            // A date written twice is one meeting, not two with one identity.
            return .success(.dates(Array(Set(dates)).sorted()))
        }
        if text.hasPrefix("毎週") {
            var rest = Substring(text.dropFirst(2))
            guard let weekday = weekday(&rest), rest.isEmpty else { return .failure(.friendly(source)) }
            return .success(.weekly(weekday: weekday))
        }
        var rest = Substring(text)
        var months: Set<Int>?
        if rest.hasPrefix("毎月") {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("偶数月の") {
            months = [2, 4, 6, 8, 10, 12]
            rest = rest.dropFirst(4)
        } else if rest.hasPrefix("奇数月の") {
            months = [1, 3, 5, 7, 9, 11]
            rest = rest.dropFirst(4)
        } else if let marker = rest.firstIndex(of: "月"), rest[marker...].hasPrefix("月の") {
            var listed: Set<Int> = []
            for part in rest[..<marker].split(whereSeparator: { ",、・".contains($0) }) {
                guard let month = Int(part), (1...12).contains(month) else {
                    return .failure(
                        ScheduleRuleError(
                            text: source, reason: "「\(part)」は月ではありません / \"\(part)\" is not a month",
                            expected: "months 1–12 such as 5,7,9,11,1,3月の第3水曜日"))
                }
                listed.insert(month)
            }
            months = listed
            rest = rest[marker...].dropFirst(2)
        }
        var ordinals: [Int] = []
        while true {
            if rest.hasPrefix("最終") {
                ordinals.append(-1)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("第"), let digit = rest.dropFirst().first, let n = digit.wholeNumberValue,
                (1...5).contains(n)
            {
                ordinals.append(n)
                rest = rest.dropFirst(2)
            } else {
                break
            }
            if rest.first == "・" || rest.first == "," || rest.first == "、" { rest = rest.dropFirst() }
        }
        guard !ordinals.isEmpty, let weekday = weekday(&rest), rest.isEmpty else { return .failure(.friendly(source)) }
        return .success(.monthlyWeekday(months: months, ordinals: ordinals, weekday: weekday))
    }

    /// The dates the rule gives from `first` through `last`; an RRULE goes to `expander`.
    public func dates(from first: CalendarDate, through last: CalendarDate, expander: (any RecurrenceExpanding)?)
        throws(ScheduleRuleError) -> [CalendarDate]
    {
        switch self {
        case .dates(let dates):
            return dates.filter { $0 >= first && $0 <= last }
        case .weekly(let weekday):
            var day = first.adding(days: (weekday - first.isoWeekday + 7) % 7)
            var found: [CalendarDate] = []
            while day <= last {
                found.append(day)
                day = day.adding(days: 7)
            }
            return found
        case .monthlyWeekday(let months, let ordinals, let weekday):
            var found: [CalendarDate] = []
            var month = YearMonth(year: first.year, month: first.month)
            while (month.year, month.month) <= (last.year, last.month) {
                if months?.contains(month.month) ?? true {
                    for n in ordinals {
                        let day = nthWeekday(n, weekday, year: month.year, month: month.month)
                        // A 5th weekday that does not exist spills into the next month; it is no date of this rule.
                        if day.month == month.month, day >= first, day <= last { found.append(day) }
                    }
                }
                month =
                    month.month == 12
                    ? YearMonth(year: month.year + 1, month: 1) : YearMonth(year: month.year, month: month.month + 1)
            }
            return found.sorted()
        case .recurrenceRule(let rule):
            guard let expander else {
                throw ScheduleRuleError(
                    text: "RRULE:\(rule)",
                    reason: "RRULEの展開にはlibicalが必要です / expanding an RRULE needs the iCalendar module",
                    expected: "a friendly form, or the council command (which brings libical)")
            }
            do {
                return try expander.dates(rule: rule, from: first, through: last)
            } catch {
                throw ScheduleRuleError(
                    text: "RRULE:\(rule)", reason: "\(error)",
                    expected: "an RFC 5545 rule such as FREQ=MONTHLY;BYDAY=2TU")
            }
        }
    }

    /// Full-width digits and commas become ASCII, spaces around separators go.
    private static func normalised(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0C: out.append(",")
            case 0x3000: out.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingCharacters(in: " ")
    }

    private static func weekday(_ rest: inout Substring) -> Int? {
        guard let first = rest.first, let index = CalendarDate.japaneseWeekdays.firstIndex(of: first) else {
            return nil
        }
        rest = rest.dropFirst()
        if rest.hasPrefix("曜日") { rest = rest.dropFirst(2) } else if rest.hasPrefix("曜") { rest = rest.dropFirst() }
        return index + 1
    }
}

/// Expands RFC 5545 recurrence rules; the iCalendar module provides it through libical, so the core needs no C.
public protocol RecurrenceExpanding: Sendable {
    /// The days on which `rule` falls from `first` through `last`, counting only the rule's own days.
    func dates(rule: String, from first: CalendarDate, through last: CalendarDate) throws -> [CalendarDate]
}

/// Why a schedule could not be read or expanded.
public struct ScheduleRuleError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var expected: String

    static func friendly(_ text: String) -> ScheduleRuleError {
        ScheduleRuleError(
            text: text, reason: "「\(text)」を日程として読めません / cannot read the schedule",
            expected:
                "e.g. 第2火曜日, 偶数月の第3水曜日, 毎月最終金曜日, 5,7,9,11,1,3月の第3水曜日, 毎週水曜日, 2026-07-21, or RRULE:FREQ=MONTHLY;BYDAY=2TU"
        )
    }

    public var description: String { "\(reason) (expected: \(expected))" }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
