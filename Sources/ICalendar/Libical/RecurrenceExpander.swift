internal import CLibical

/// Expands recurring events into their instances within a window, with libical's recurrence iterator.
///
/// RFC 5545 §3.8.5.3: "The DTSTART property value always counts as the first occurrence", even when it
/// does not match the rule; libical's iterator leaves such a DTSTART out, so it is added here. EXDATE
/// removes instances (matched on date and time as written), RDATE adds them.
public struct RecurrenceExpander: Sendable {
    /// The most instances one rule may yield from DTSTART to the window's end before expansion stops
    /// with `ICalendarError.tooManyInstances`: the bound on work for rules that never end.
    public var instanceLimit: Int

    /// Whether DTSTART is an instance even when the rule does not give it, as RFC 5545 says it is. A
    /// schedule that only borrows DTSTART as the place to start counting turns this off.
    public var countsStartAsInstance: Bool

    public init(instanceLimit: Int = 100_000, countsStartAsInstance: Bool = true) {
        self.instanceLimit = instanceLimit
        self.countsStartAsInstance = countsStartAsInstance
    }

    /// The start of each instance of `event` that falls on a day from `first` through `last`, in order.
    public func instances(of event: VEvent, from first: CalendarDate, through last: CalendarDate) throws(ICalendarError) -> [DateTimeValue] {
        try instances(
            start: event.start, rule: event.recurrenceRule,
            exceptionDates: event.exceptionDates, recurrenceDates: event.recurrenceDates,
            from: first, through: last
        )
    }

    /// The instances of a recurrence set given by DTSTART, an optional RRULE, EXDATEs and RDATEs.
    public func instances(
        start: DateTimeValue,
        rule: RecurrenceRule?,
        exceptionDates: [DateTimeValue] = [],
        recurrenceDates: [DateTimeValue] = [],
        from first: CalendarDate,
        through last: CalendarDate
    ) throws(ICalendarError) -> [DateTimeValue] {
        if let problem = start.invalidity {
            throw .invalidValue(property: "DTSTART", value: start.description, expected: "a real date and time (\(problem))")
        }
        var found: Set<DateTimeValue> = countsStartAsInstance ? [start] : []
        if let rule {
            let generated = try Libical.onThisThread { () throws(ICalendarError) -> [DateTimeValue] in
                try expand(rule, from: start, through: last)
            }
            found.formUnion(generated)
        }
        found.formUnion(recurrenceDates)
        found.subtract(exceptionDates)
        return found.filter { $0.date >= first && $0.date <= last }.sorted()
    }

    /// Runs libical's iterator from DTSTART up to the last day of the window.
    private func expand(_ rule: RecurrenceRule, from start: DateTimeValue, through last: CalendarDate) throws(ICalendarError) -> [DateTimeValue] {
        let recurrence = icalrecurrencetype_from_string(rule.text)
        guard recurrence.freq != ICAL_NO_RECURRENCE else {
            throw .invalidRecurrenceRule(rule: rule.text, reason: currentLibicalError())
        }
        guard let iterator = icalrecur_iterator_new(recurrence, start.icalTime) else {
            throw .invalidRecurrenceRule(rule: rule.text, reason: "libical cannot iterate it from \(start): \(currentLibicalError())")
        }
        defer { icalrecur_iterator_free(iterator) }
        var instances: [DateTimeValue] = []
        var count = 0
        while true {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            let value = start.on(CalendarDate(year: Int(next.year), month: Int(next.month), day: Int(next.day)))
            let instance: DateTimeValue
            if case .dateTime(let date, _, let basis) = value {
                instance = .dateTime(date, ClockTime(hour: Int(next.hour), minute: Int(next.minute), second: Int(next.second)), basis)
            } else {
                instance = value
            }
            if instance.date > last { break }
            count += 1
            if count > instanceLimit { throw .tooManyInstances(rule: rule.text, limit: instanceLimit) }
            instances.append(instance)
        }
        return instances
    }
}
