import ICalendar
import ICalendarFixtures
import Testing

@Suite("Located errors for text that is not iCalendar")
struct DecodingErrorTests {
    let decoder = ICalendarDecoder()

    func problems(_ text: String) -> [ICalendarProblem] {
        do {
            _ = try decoder.decode(text, source: "bad.ics")
            Issue.record("decoding should have failed")
            return []
        } catch {
            return error.problems
        }
    }

    static let header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//JA\r\n"

    @Test("a truncated file names the component left open")
    func truncated() {
        let found = problems(Self.header + "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:2026")
        #expect(found.map(\.id) == [.unterminatedComponent])
        #expect(found.first?.line == 7)
        #expect(found.first?.description.hasPrefix("bad.ics:7:1: error[ical-unterminated-component]:") == true)
        #expect(found.first?.expected == "END:VEVENT")
    }

    @Test("a bad RRULE and a bad date are both reported, each on its own line")
    func badValues() {
        let text =
            Self.header + """
                BEGIN:VEVENT\r
                UID:1\r
                DTSTAMP:20260101T000000Z\r
                DTSTART:20260230T140000\r
                RRULE:FREQ=FORTNIGHTLY;BYDAY=2TU\r
                SUMMARY:ok\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:2\r
                DTSTAMP:20260101T000000Z\r
                DTSTART:20260414T250000\r
                END:VEVENT\r
                END:VCALENDAR\r\n
                """
        let found = problems(text)
        #expect(found.map(\.id) == [.badDate, .badProperty, .badDate])
        #expect(found.map(\.line) == [7, 8, 14])
        #expect(found[0].column == 9, "points at the value after DTSTART:")
        #expect(found[0].message.contains("2026-02-30"))
        #expect(found[1].expected.contains("FREQ=MONTHLY"))
    }

    @Test("BYSETPOS=0 is refused on its line")
    func bySetPosZero() {
        let found = problems(
            Self.header
                + "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260414T140000\r\nRRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        #expect(found.map(\.id) == [.badProperty])
        #expect(found.first?.line == 8)
    }

    @Test("missing required properties are reported at the component")
    func missing() {
        let found = problems(Self.header + "BEGIN:VEVENT\r\nSUMMARY:no uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(found.map(\.id) == [.missingProperty])
        #expect(found.first?.line == 4)
        let noProduct = problems("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
        #expect(noProduct.map(\.id) == [.missingProperty])
    }

    @Test("structure: nothing to read, a stray END, trailing text, a NUL byte, not UTF-8")
    func structure() {
        #expect(problems("").map(\.id) == [.noCalendar])
        #expect(problems("hello world").map(\.id) == [.noCalendar])
        #expect(problems(Self.header + "END:VEVENT\r\nEND:VCALENDAR\r\n").map(\.id) == [.unbalancedEnd])
        #expect(problems(Self.header + "END:VCALENDAR\r\nX:1\r\n").map(\.id) == [.trailingContent])
        let nul = problems(Self.header + "SUMMARY:a\u{0}b\r\nEND:VCALENDAR\r\n")
        #expect(nul.map(\.id) == [.controlCharacter])
        #expect(nul.first?.line == 4 && nul.first?.column == 10)
        do {
            _ = try decoder.decode(
                bytes: Array((Self.header + "SUMMARY:").utf8) + [0xE3, 0x81] + Array("\r\nEND:VCALENDAR\r\n".utf8))
            Issue.record("invalid UTF-8 must fail")
        } catch {
            #expect(error.problems.map(\.id) == [.notUTF8])
            #expect(error.problems.first?.line == 4 && error.problems.first?.column == 9)
        }
    }

    @Test("every problem of a file is reported at once")
    func allAtOnce() {
        let text =
            Self.header
            + "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261301\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nSUMMARY:x\u{7}\r\nEND:VCALENDAR\r\n"
        let found = problems(text)
        #expect(found.map(\.id) == [.badDate, .missingProperty, .controlCharacter])
    }
}

@Suite("Pathological iCalendar input")
struct PathologicalTests {
    @Test("a 10 MB line is read whole, and an RRULE with no end expands only as far as asked")
    func bounded() throws {
        let huge = String(repeating: "長", count: 3_500_000)  // 10.5 MB of UTF-8 on one line
        let text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=MINUTELY\r\nSUMMARY:\(huge)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let calendar = try ICalendarDecoder().decode(text)
        #expect(calendar.events.first?.summary?.count == 3_500_000)
        #expect(throws: ICalendarError.self) {
            try RecurrenceExpander(instanceLimit: 10_000).instances(
                of: calendar.events[0], from: CalendarDate(year: 2026, month: 1, day: 1),
                through: CalendarDate(year: 2026, month: 12, day: 31))
        }
        let few = try RecurrenceExpander().instances(
            of: calendar.events[0], from: CalendarDate(year: 2026, month: 1, day: 1),
            through: CalendarDate(year: 2026, month: 1, day: 1))
        #expect(few.count == 1_440, "one day of minutes")
    }
}
