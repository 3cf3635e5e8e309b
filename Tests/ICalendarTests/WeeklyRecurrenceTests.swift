import Foundation
import ICalendar
import Testing

/// Weekly rules expanded here against python-dateutil's expansion of the same rules (issue #33).
///
/// `Recurrences/weekly-dateutil.txt` is written by `scripts/make-weekly-rrule-fixture.py`: every FREQ=WEEKLY rule
/// with INTERVAL 1–4, each BYDAY subset, WKST absent, MO or SU, and COUNT or UNTIL, from an all-day DTSTART on each
/// weekday of two weeks. The week a DTSTART belongs to decides which weeks an INTERVAL keeps, so these are the rules
/// where RFC 5545's week (from WKST) and libical's can disagree.
@Suite("Weekly recurrences agree with python-dateutil")
struct WeeklyRecurrenceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Recurrences/weekly-dateutil.txt")

    struct Case {
        var rule: String
        var start: CalendarDate
        var offsets: [Int]
    }

    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for line in try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let halves = line.split(separator: " : ", maxSplits: 1, omittingEmptySubsequences: false)
            let head = halves[0].split(separator: " ")
            guard halves.count == 2, head.count == 3, head[1] == "from", let monday = basicDate(head[2]) else {
                Issue.record("unreadable fixture line: \(line)")
                continue
            }
            let lists = halves[1].split(separator: "|", omittingEmptySubsequences: false)
            #expect(lists.count == 7, "seven DTSTARTs in \(line)")
            for (n, list) in lists.enumerated() {
                let offsets = list.split(separator: " ").compactMap { Int($0) }
                cases.append(Case(rule: String(head[0]), start: monday.adding(days: n), offsets: offsets))
            }
        }
        return cases
    }

    static func basicDate(_ text: Substring) -> CalendarDate? {
        guard text.count == 8, let number = Int(text) else { return nil }
        return CalendarDate(validYear: number / 10_000, month: number / 100 % 100, day: number % 100)
    }

    @Test("every generated weekly rule gives dateutil's days")
    func generatedRules() throws {
        let cases = try Self.cases()
        #expect(cases.count == 42_672)
        let expander = RecurrenceExpander(countsStartAsInstance: false)
        var differing: [String] = []
        for item in cases {
            let found = try expander.instances(
                start: .date(item.start), rule: RecurrenceRule(item.rule),
                from: item.start, through: item.start.adding(days: 120)
            )
            let expected = item.offsets.map { item.start.adding(days: $0) }
            if found.map(\.date) != expected {
                differing.append("DTSTART \(item.start) \(item.rule): dateutil \(expected), ours \(found.map(\.date))")
            }
        }
        let examples = differing.prefix(8).joined(separator: "\n")
        #expect(differing.isEmpty, "\(differing.count) of \(cases.count) differ, e.g.\n\(examples)")
    }

    @Test(
        "a fortnightly Sunday from Wednesday 2026-04-01 starts that week (issue #33)",
        arguments: [
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=MO;COUNT=3",
        ])
    func fortnightlySunday(rule: String) throws {
        let start = CalendarDate(year: 2026, month: 4, day: 1)
        let found = try RecurrenceExpander(countsStartAsInstance: false).instances(
            start: .date(start), rule: RecurrenceRule(rule),
            from: start, through: CalendarDate(year: 2027, month: 3, day: 31)
        )
        #expect(found.map(\.date.description) == ["2026-04-05", "2026-04-19", "2026-05-03"])
    }

    @Test("a timed DTSTART keeps its time when the week starts before it")
    func timedStart() throws {
        func twoPM(_ month: Int, _ day: Int) -> DateTimeValue {
            .dateTime(
                CalendarDate(year: 2026, month: month, day: day), ClockTime(hour: 14, minute: 0), .zone("Asia/Tokyo"))
        }
        let start = twoPM(4, 1)
        let found = try RecurrenceExpander(countsStartAsInstance: false).instances(
            start: start, rule: RecurrenceRule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=3"),
            from: start.date, through: CalendarDate(year: 2026, month: 6, day: 30)
        )
        // Monday 3/30 is in DTSTART's week but before it: neither an instance nor counted.
        #expect(found == [twoPM(4, 5), twoPM(4, 13), twoPM(4, 19)])
    }
}
