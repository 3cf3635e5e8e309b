import CouncilCore
import ICalendar

/// RRULE schedules for the domain, expanded by libical through the iCalendar module.
public struct LibicalRecurrence: RecurrenceExpanding {
    public init() {}

    /// The rule's own days from `first` through `last`, counting from `first` (which is not itself a
    /// meeting unless the rule gives it).
    public func dates(rule: String, from first: CalendarDate, through last: CalendarDate) throws -> [CalendarDate] {
        let expander = RecurrenceExpander(countsStartAsInstance: false)
        return try expander.instances(start: .date(first), rule: RecurrenceRule(rule), from: first, through: last).map(
            \.date)
    }
}
