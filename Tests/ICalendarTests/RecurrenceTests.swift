import ICalendar
import ICalendarFixtures
import Testing

@Suite("Recurrence expansion with libical")
struct RecurrenceTests {
    let expander = RecurrenceExpander()
    let fiscal2026 = (
        first: CalendarDate(year: 2026, month: 4, day: 1), last: CalendarDate(year: 2027, month: 3, day: 31)
    )

    func days(_ values: [DateTimeValue]) -> [String] { values.map(\.date.description) }

    @Test("2nd Tuesday of every month through fiscal 2026")
    func secondTuesday() throws {
        let found = try expander.instances(
            start: Fixtures.tokyo(2026, 4, 14, 14, 0), rule: RecurrenceRule("FREQ=MONTHLY;BYDAY=2TU"),
            from: fiscal2026.first, through: fiscal2026.last
        )
        #expect(
            days(found) == [
                "2026-04-14", "2026-05-12", "2026-06-09", "2026-07-14", "2026-08-11", "2026-09-08",
                "2026-10-13", "2026-11-10", "2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09",
            ])
        #expect(found.allSatisfy { $0.time == ClockTime(hour: 14, minute: 0) && $0.basis == Fixtures.tokyo })
    }

    @Test("3rd Wednesday of May, July, September, November, January and March")
    func oddMonths() throws {
        let found = try expander.instances(
            start: Fixtures.tokyo(2026, 5, 20, 10, 0),
            rule: RecurrenceRule("FREQ=MONTHLY;BYMONTH=5,7,9,11,1,3;BYDAY=3WE"),
            from: fiscal2026.first, through: fiscal2026.last
        )
        #expect(days(found) == ["2026-05-20", "2026-07-15", "2026-09-16", "2026-11-18", "2027-01-20", "2027-03-17"])
    }

    @Test("EXDATE removes an instance and RDATE adds one")
    func exceptionsAndAdditions() throws {
        let event = try Fixtures.richCalendar().events[0]
        let found = try expander.instances(of: event, from: fiscal2026.first, through: fiscal2026.last)
        #expect(!days(found).contains("2026-08-11"))
        #expect(days(found).contains("2026-08-18"))
        #expect(found.count == 12)
    }

    @Test("UNTIL and COUNT end the rule; the window cuts it")
    func bounds() throws {
        let until = try expander.instances(
            start: Fixtures.tokyo(2026, 4, 14, 14, 0),
            rule: RecurrenceRule("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260630T235959Z"), from: fiscal2026.first,
            through: fiscal2026.last)
        #expect(days(until) == ["2026-04-14", "2026-05-12", "2026-06-09"])
        let count = try expander.instances(
            start: Fixtures.tokyo(2026, 4, 14, 14, 0), rule: RecurrenceRule("FREQ=MONTHLY;BYDAY=2TU;COUNT=2"),
            from: fiscal2026.first, through: fiscal2026.last)
        #expect(days(count) == ["2026-04-14", "2026-05-12"])
        let window = try expander.instances(
            start: Fixtures.tokyo(2026, 4, 14, 14, 0), rule: RecurrenceRule("FREQ=MONTHLY;BYDAY=2TU"),
            from: CalendarDate(year: 2026, month: 10, day: 1), through: CalendarDate(year: 2026, month: 12, day: 31))
        #expect(days(window) == ["2026-10-13", "2026-11-10", "2026-12-08"])
    }

    @Test("DTSTART counts as the first instance even when it does not match the rule (RFC 5545 §3.8.5.3)")
    func unsynchronisedStart() throws {
        let found = try expander.instances(
            start: Fixtures.tokyo(2026, 4, 1, 14, 0), rule: RecurrenceRule("FREQ=MONTHLY;BYDAY=2TU;COUNT=3"),
            from: fiscal2026.first, through: fiscal2026.last)
        #expect(days(found).first == "2026-04-01")
        #expect(days(found).contains("2026-04-14"))
    }

    @Test("all-day rules stay all-day")
    func allDay() throws {
        let found = try expander.instances(
            start: .date(CalendarDate(year: 2026, month: 4, day: 30)),
            rule: RecurrenceRule("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"), from: fiscal2026.first, through: fiscal2026.last
        )
        #expect(
            found == [
                .date(CalendarDate(year: 2026, month: 4, day: 30)), .date(CalendarDate(year: 2026, month: 5, day: 31)),
                .date(CalendarDate(year: 2026, month: 6, day: 30)),
            ])
    }

    @Test("a rule with no end from long ago stops at the instance limit instead of running away")
    func runaway() throws {
        let tight = RecurrenceExpander(instanceLimit: 1_000)
        #expect(throws: ICalendarError.tooManyInstances(rule: "FREQ=DAILY", limit: 1_000)) {
            try tight.instances(
                start: .date(CalendarDate(year: 1990, month: 1, day: 1)), rule: RecurrenceRule("FREQ=DAILY"),
                from: fiscal2026.first, through: fiscal2026.last)
        }
    }

    @Test(
        "rules are checked and kept in libical's spelling",
        arguments: [
            ("BYDAY=2TU;FREQ=MONTHLY", "FREQ=MONTHLY;BYDAY=2TU"),
            ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"),
        ])
    func canonical(input: String, expected: String) throws {
        #expect(try RecurrenceRule(input).text == expected)
    }

    @Test(
        "malformed rules are refused",
        arguments: ["", "FREQ=FORTNIGHTLY", "BYDAY=2TU", "FREQ=MONTHLY;BYSETPOS=0;BYDAY=TU", "FREQ=MONTHLY:x"])
    func malformed(rule: String) {
        #expect(throws: ICalendarError.self) { try RecurrenceRule(rule) }
    }
}
