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
    public func instances(of event: VEvent, from first: CalendarDate, through last: CalendarDate) throws(ICalendarError)
        -> [DateTimeValue]
    {
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
            throw .invalidValue(
                property: "DTSTART", value: start.description, expected: "a real date and time (\(problem))")
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
    private func expand(_ rule: RecurrenceRule, from start: DateTimeValue, through last: CalendarDate)
        throws(ICalendarError) -> [DateTimeValue]
    {
        var recurrence = icalrecurrencetype_from_string(rule.text)
        guard recurrence.freq != ICAL_NO_RECURRENCE else {
            throw .invalidRecurrenceRule(rule: rule.text, reason: currentLibicalError())
        }
        let iteratorStart = Self.weeklyIteratorStart(recurrence, for: start)
        let count = Int(recurrence.count)
        if iteratorStart != start {
            // The days from the week's first BYDAY to DTSTART are not instances, so they must not use up COUNT.
            recurrence.count = 0
        }
        guard let iterator = icalrecur_iterator_new(recurrence, iteratorStart.icalTime) else {
            throw .invalidRecurrenceRule(
                rule: rule.text, reason: "libical cannot iterate it from \(start): \(currentLibicalError())")
        }
        defer { icalrecur_iterator_free(iterator) }
        var instances: [DateTimeValue] = []
        while count == 0 || instances.count < count {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            let value = start.on(CalendarDate(year: Int(next.year), month: Int(next.month), day: Int(next.day)))
            let instance: DateTimeValue
            if case .dateTime(let date, _, let basis) = value {
                instance = .dateTime(
                    date, ClockTime(hour: Int(next.hour), minute: Int(next.minute), second: Int(next.second)), basis)
            } else {
                instance = value
            }
            if instance < start { continue }
            if instance.date > last { break }
            if instances.count == instanceLimit { throw .tooManyInstances(rule: rule.text, limit: instanceLimit) }
            instances.append(instance)
        }
        return instances
    }

    /// Where libical's iterator must start for a weekly rule to keep RFC 5545's weeks: on the first BYDAY day of
    /// the week (beginning on WKST, Monday by default) that holds DTSTART, which may be before DTSTART.
    ///
    /// With INTERVAL > 1 the week DTSTART belongs to decides which weeks are kept. libical 3.0.16 (Debian 12's
    /// libical3; `adjust_to_byday` in icalrecur.c is the same through 3.0.19) moves a DTSTART that is not a BYDAY
    /// day by the difference of the weekday numbers (Sunday = 1) and corrects for WKST only when DTSTART's number
    /// is below WKST's. So for `FREQ=WEEKLY;INTERVAL=2;BYDAY=SU` from Wednesday 2026-04-01 it moves back to Sunday
    /// 3/29, in the week before, and the rule starts on 4/12 instead of 4/5 (issue #33; writing `WKST=MO` changes
    /// nothing). Started on a BYDAY day it moves nothing and counts its weeks from WKST as RFC 5545 does; the
    /// instances before DTSTART are then dropped and COUNT is counted from DTSTART, which keeps libical the engine.
    static func weeklyIteratorStart(_ recurrence: icalrecurrencetype, for start: DateTimeValue) -> DateTimeValue {
        guard recurrence.freq == ICAL_WEEKLY_RECURRENCE else { return start }
        let days = withUnsafeBytes(of: recurrence.by_day) { bytes in
            bytes.bindMemory(to: Int16.self).prefix { Int($0) != Int(ICAL_RECURRENCE_ARRAY_MAX.rawValue) }
                .map { icalrecurrencetype_day_day_of_week($0) }
        }
        guard !days.isEmpty else { return start }
        let weekStart = recurrence.week_start == ICAL_NO_WEEKDAY ? ICAL_MONDAY_WEEKDAY : recurrence.week_start
        // libical numbers weekdays from Sunday = 1, so the place in the week is the distance from WKST.
        func place(ofLibicalWeekday day: icalrecurrencetype_weekday) -> Int {
            (Int(day.rawValue) - Int(weekStart.rawValue) + 7) % 7
        }
        let startWeekday = icalrecurrencetype_weekday(rawValue: UInt32(start.date.isoWeekday % 7 + 1))
        let startPlace = place(ofLibicalWeekday: startWeekday)
        let firstPlace = days.map { place(ofLibicalWeekday: $0) }.min()!
        return start.on(start.date.adding(days: firstPlace - startPlace))
    }
}
