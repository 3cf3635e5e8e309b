/// Which days a council works: weekdays it opens, minus public holidays and its closures.
public struct BusinessCalendar: Hashable, Sendable {
    /// ISO weekdays (1 = Monday) the council works; Monday to Friday unless the council says otherwise.
    public var workingWeekdays: Set<Int>
    public var closures: [Closure]

    public init(workingWeekdays: Set<Int> = [1, 2, 3, 4, 5], closures: [Closure] = [.yearEnd]) {
        self.workingWeekdays = workingWeekdays
        self.closures = closures
    }

    public func closure(on date: CalendarDate) -> Closure? {
        closures.first { $0.contains(date) }
    }

    public func isBusinessDay(_ date: CalendarDate) -> Bool {
        workingWeekdays.contains(date.isoWeekday) && JapaneseHolidays.holiday(on: date) == nil
            && closure(on: date) == nil
    }

    /// Why the council does not work on `date` (祝日の名前, 休館日, 土曜日 …), or nil on a business day.
    public func reasonClosed(on date: CalendarDate) -> String? {
        if let holiday = JapaneseHolidays.holiday(on: date) { return holiday.name }
        if let closure = closure(on: date) { return closure.name }
        if !workingWeekdays.contains(date.isoWeekday) { return "\(date.japaneseWeekday)曜日" }
        return nil
    }

    /// The first business day after (`step` 1) or before (`step` -1) `date`, within a year's search.
    public func businessDay(from date: CalendarDate, step: Int) -> CalendarDate? {
        var day = date.adding(days: step)
        for _ in 0..<366 {
            if isBusinessDay(day) { return day }
            day = day.adding(days: step)
        }
        return nil
    }
}

/// Days the council is closed: a span of month-days every year (年末年始 12/29–1/3) or a span of dates.
public struct Closure: Hashable, Sendable {
    public enum Span: Hashable, Sendable {
        /// From month/day to month/day every year; may wrap over the new year.
        case yearly(fromMonth: Int, fromDay: Int, toMonth: Int, toDay: Int)
        case dates(CalendarDate, CalendarDate)
    }

    public var span: Span
    public var name: String

    public init(span: Span, name: String) {
        self.span = span
        self.name = name
    }

    /// 年末年始: December 29 to January 3, when ward offices close.
    public static let yearEnd = Closure(span: .yearly(fromMonth: 12, fromDay: 29, toMonth: 1, toDay: 3), name: "年末年始")

    public func contains(_ date: CalendarDate) -> Bool {
        switch span {
        case .dates(let first, let last):
            return date >= first && date <= last
        case .yearly(let fromMonth, let fromDay, let toMonth, let toDay):
            let day = (date.month, date.day)
            if (fromMonth, fromDay) <= (toMonth, toDay) {
                return day >= (fromMonth, fromDay) && day <= (toMonth, toDay)
            }
            return day >= (fromMonth, fromDay) || day <= (toMonth, toDay)
        }
    }
}
