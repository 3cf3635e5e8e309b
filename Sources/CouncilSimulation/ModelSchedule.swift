import BenchmarkSupport
import CivilCalendar
import CouncilCore

/// The model's own reading of a series' schedule: which day each meeting is on, worked out here from the rule as
/// the plan format documents it, not by the product's scheduler. Only the holiday law is shared (checked against
/// jpholiday for 1948–2099 by scripts/check-holidays.py).
public struct ModelRule: Sendable, Equatable {
    public enum Months: Sendable, Equatable {
        case every, even, odd
        case listed([Int])

        func contains(_ month: Int) -> Bool {
            switch self {
            case .every: return true
            case .even: return month % 2 == 0
            case .odd: return month % 2 == 1
            case .listed(let months): return months.contains(month)
            }
        }
    }

    public enum Form: Sendable, Equatable {
        /// The n-th weekday (n 1–4, or -1 for the last) of the months.
        case nthWeekday(n: Int, weekday: Int, months: Months)
        case listed([CalendarDate])
        /// `RRULE:FREQ=MONTHLY;BYDAY=<n><day>`, every month.
        case rrule(n: Int, weekday: Int)
    }

    public enum HolidayPolicy: String, Sendable, CaseIterable {
        case next = "next-business-day"
        case previous = "previous-business-day"
        case skip, keep
    }

    public enum Exception: Sendable, Equatable {
        case move(to: CalendarDate, reason: String)
        case cancel(String)
    }

    public var form: Form

    static let weekdayNames = ["", "月", "火", "水", "木", "金", "土", "日"]
    static let rruleDays = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    public var text: String {
        switch form {
        case .nthWeekday(let n, let weekday, let months):
            let week = n == -1 ? "最終" : "第\(n)"
            switch months {
            case .every: return "毎月\(week)\(Self.weekdayNames[weekday])曜日"
            case .even: return "偶数月の\(week)\(Self.weekdayNames[weekday])曜日"
            case .odd: return "奇数月の\(week)\(Self.weekdayNames[weekday])曜日"
            case .listed(let list):
                return list.map(String.init).joined(separator: ",") + "月の\(week)\(Self.weekdayNames[weekday])曜日"
            }
        case .listed(let dates): return dates.map(\.description).joined(separator: ", ")
        case .rrule(let n, let weekday): return "RRULE:FREQ=MONTHLY;BYDAY=\(n)\(Self.rruleDays[weekday])"
        }
    }

    public static func generate(_ random: inout SplitMix64, year: Int) -> ModelRule {
        let weekday = 1 + random.below(5)
        switch random.below(8) {
        case 0, 1: return ModelRule(form: .nthWeekday(n: 1 + random.below(4), weekday: weekday, months: .every))
        case 2: return ModelRule(form: .nthWeekday(n: 1 + random.below(4), weekday: weekday, months: .even))
        case 3: return ModelRule(form: .nthWeekday(n: 1 + random.below(4), weekday: weekday, months: .odd))
        case 4: return ModelRule(form: .nthWeekday(n: -1, weekday: weekday, months: .every))
        case 5:
            let months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].filter { _ in random.below(3) == 0 }
            return ModelRule(
                form: .nthWeekday(
                    n: 1 + random.below(4), weekday: weekday, months: .listed(months.isEmpty ? [7] : months)))
        case 6:
            let start = CalendarDate(year: year, month: 4, day: 1)
            let dates = Set((0..<(1 + random.below(3))).map { _ in start.adding(days: random.below(365)) })
            return ModelRule(form: .listed(dates.sorted()))
        default: return ModelRule(form: .rrule(n: 1 + random.below(4), weekday: weekday))
        }
    }

    /// The rule's dates in fiscal year `year` (April to March), in order.
    public func dates(year: Int) -> [CalendarDate] {
        let months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map { (year: $0 >= 4 ? year : year + 1, month: $0) }
        switch form {
        case .nthWeekday(let n, let weekday, let chosen):
            return months.filter { chosen.contains($0.month) }.map {
                Self.nth(n, weekday, year: $0.year, month: $0.month)
            }
        case .rrule(let n, let weekday):
            return months.map { Self.nth(n, weekday, year: $0.year, month: $0.month) }
        case .listed(let dates):
            return dates.filter {
                $0 >= CalendarDate(year: year, month: 4, day: 1) && $0 < CalendarDate(year: year + 1, month: 4, day: 1)
            }
        }
    }

    /// The n-th (or last, -1) `weekday` (1 Monday … 7 Sunday) of a month, by Zeller's congruence.
    static func nth(_ n: Int, _ weekday: Int, year: Int, month: Int) -> CalendarDate {
        let days = (1...31).filter { day in
            switch month {
            case 4, 6, 9, 11: return day <= 30
            case 2: return day <= ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28)
            default: return true
            }
        }
        let matching = days.filter { Self.weekday(year: year, month: month, day: $0) == weekday }
        return CalendarDate(year: year, month: month, day: n == -1 ? matching.last! : matching[n - 1])
    }

    /// 1 Monday … 7 Sunday.
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let m = month < 3 ? month + 12 : month
        let y = month < 3 ? year - 1 : year
        let h = (day + (13 * (m + 1)) / 5 + y % 100 + (y % 100) / 4 + (y / 100) / 4 + 5 * (y / 100)) % 7  // 0 Saturday
        return (h + 5) % 7 + 1
    }
}

/// Business days as the plan format documents them: Monday to Friday, not a public holiday, not 12/29–1/3, not the
/// council's local closed day.
public struct ModelCalendar: Sendable {
    var localClosure: (month: Int, day: Int)?

    public func isBusinessDay(_ day: CalendarDate) -> Bool {
        let weekday = ModelRule.weekday(year: day.year, month: day.month, day: day.day)
        if weekday >= 6 || JapaneseHolidays.holiday(on: day) != nil { return false }
        if (day.month == 12 && day.day >= 29) || (day.month == 1 && day.day <= 3) { return false }
        if let localClosure, localClosure.month == day.month, localClosure.day == day.day { return false }
        return true
    }

    func step(_ day: CalendarDate, by step: Int) -> CalendarDate {
        var day = day.adding(days: step)
        while !isBusinessDay(day) { day = day.adding(days: step) }
        return day
    }
}

/// One meeting as the model expects it: known by its series and the k-th meeting its rule gives in a month (the
/// product pairs a changed rule's meetings with the published ones the same way), on a day, held or cancelled.
public struct ModelMeeting: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable, CustomStringConvertible {
        public var series: String
        public var year: Int
        public var month: Int
        public var index: Int
        public static func < (a: Key, b: Key) -> Bool {
            (a.series, a.year, a.month, a.index) < (b.series, b.year, b.month, b.index)
        }
        public var description: String { "\(series) \(year)-\(month)#\(index + 1)" }
    }

    public var key: Key
    /// The day the rule gives (before holidays and exceptions).
    public var ruleDate: CalendarDate
    public var date: CalendarDate
    public var cancelled: Bool
    /// Explicitly placed there by an exception (it may be a holiday then).
    public var movedByException: Bool
}

extension GeneratedCouncil.Series {
    /// The meetings the plan as it is now gives in fiscal year `year`.
    func meetings(year: Int, calendar: ModelCalendar) -> [ModelMeeting] {
        var perMonth: [Int: Int] = [:]
        return rule.dates(year: year).map { ruleDate in
            let index = perMonth[ruleDate.month, default: 0]
            perMonth[ruleDate.month] = index + 1
            var meeting = ModelMeeting(
                key: .init(series: id, year: ruleDate.year, month: ruleDate.month, index: index),
                ruleDate: ruleDate, date: ruleDate, cancelled: false, movedByException: false
            )
            if !calendar.isBusinessDay(ruleDate) {
                switch policy {
                case .next: meeting.date = calendar.step(ruleDate, by: 1)
                case .previous: meeting.date = calendar.step(ruleDate, by: -1)
                case .skip: meeting.cancelled = true
                case .keep: break
                }
            }
            switch exceptions[ruleDate] {
            case .move(let to, _)?:
                meeting.date = to
                meeting.movedByException = true
            case .cancel?: meeting.cancelled = true
            case nil: break
            }
            return meeting
        }
    }
}
