import ICalendar
import ICalendarFixtures
import PropertyBased
import Testing

/// Every text property we write, with text of every length and script, must read back exactly (as `writable()`
/// has it) and be written in lines RFC 5545 allows. libical 3.0.16 broke both at some lengths (`\r\r\n \n`); the
/// bundled plans' texts happened to miss them.
@Suite("Text of every length")
struct TextLengthPropertyTests {
    /// Pieces texts are made of: 1-, 2-, 3- and 4-byte UTF-8, a combining mark, an emoji with a modifier, the
    /// characters TEXT escapes, and the line breaks and TAB a plan may hold.
    static let pieces: [String] = [
        "a", "Z", " ", "é", "あ", "漢", "𠮷", "e\u{301}", "👍🏽", "\\", ";", ",", ":", "\"", "\n", "\r\n", "\r", "\t",
    ]

    /// A text of exactly `octets` UTF-8 bytes, the same piece over and over (ASCII filling the last bytes).
    static func text(repeating piece: String, octets: Int) -> String {
        var text = ""
        while text.utf8.count + piece.utf8.count <= octets { text += piece }
        return text + String(repeating: "x", count: octets - text.utf8.count)
    }

    /// The event and calendar with `text` in every text property the feeds write.
    static func calendar(with text: String) -> VCalendar {
        let isBlank = text.allSatisfy { $0 == " " || $0 == "\t" }
        let start = DateTimeValue.dateTime(
            CalendarDate(year: 2026, month: 9, day: 17), ClockTime(hour: 14, minute: 0), .zone("Asia/Tokyo"))
        let event = VEvent(
            uid: "tobu-renrakukai-20260917@example.jp",
            timestamp: .dateTime(CalendarDate(year: 2026, month: 9, day: 1), ClockTime(hour: 0, minute: 0), .utc),
            start: start, end: start, summary: text, location: text, description: text,
            url: "https://example.jp/" + String(repeating: "p", count: text.utf8.count % 120),
            categories: text.contains(",") || isBlank ? [] : [text], status: .cancelled, sequence: 1,
            alarms: isBlank ? [] : [VAlarm(minutesBefore: 1440, description: text)]
        )
        return VCalendar(
            productID: "-//council//test//JA", method: "PUBLISH", name: text, calendarDescription: text,
            refreshInterval: .hours(12),
            timeZones: [Fixtures.tokyoZone], events: [event])
    }

    /// Encodes through the feed encoder (which reads back), decodes with an independent decode, and checks the
    /// lines; returns what is wrong, if anything.
    static func problems(with text: String) -> [String] {
        let calendar = calendar(with: text)
        var encoder = FeedEncoder()
        let bytes: [UInt8]
        do {
            bytes = try encoder.bytes(of: calendar, source: "feed.ics")
        } catch {
            return ["encoding: \(error)"]
        }
        var found = ContentLineRules.problems(in: bytes, source: "feed.ics").map(\.description)
        do {
            let decoded = try ICalendarDecoder().decode(bytes: bytes, source: "feed.ics")
            if decoded != (try calendar.writable()) { found.append("reads back as other values") }
        } catch {
            found.append("decoding: \(error)")
        }
        if bytes != Array(try! ICalendarEncoder().encode(calendar).utf8) {
            found.append("the feed encoder and the whole-calendar encoder differ")
        }
        return found
    }

    @Test("every length from 0 to 400 octets, in every script, in every text property", arguments: pieces)
    func everyLength(piece: String) {
        for octets in 0...400 {
            let text = Self.text(repeating: piece, octets: octets)
            let problems = Self.problems(with: text)
            #expect(problems.isEmpty, "\(octets) octets of \(piece.debugDescription): \(problems)")
            if !problems.isEmpty { return }
        }
    }

    @Test("mixed texts of random pieces and lengths")
    func mixed() async {
        let pieces = Self.pieces
        let texts = Gen.int(in: pieces.indices).array(of: 0...160).map { $0.map { pieces[$0] }.joined() }
        await propertyCheck(count: 400, input: texts) { text in
            let problems = Self.problems(with: text)
            #expect(problems.isEmpty, "\(text.debugDescription): \(problems)")
        }
    }

    @Test("a line break is LF whatever the plan had; other control characters are refused, never written")
    func controlCharacters() throws {
        #expect(
            try VEvent(
                uid: "u", timestamp: .date(CalendarDate(year: 2026, month: 4, day: 1)),
                start: .date(CalendarDate(year: 2026, month: 4, day: 1)), summary: "a\r\nb\rc\nd\te"
            ).writable().summary == "a\nb\nc\nd\te")
        for code in [0x00, 0x01, 0x0B, 0x0C, 0x1B, 0x7F] {
            let text = "会議" + String(UnicodeScalar(UInt8(code))) + "室"
            #expect(throws: ICalendarError.self) { try ICalendarEncoder().encode(Self.calendar(with: text)) }
        }
        var calendar = Self.calendar(with: "会議")
        calendar.events[0].url = "https://example.jp/a b"
        #expect(throws: ICalendarError.self) { try ICalendarEncoder().encode(calendar) }
    }
}
