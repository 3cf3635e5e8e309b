import Foundation
import ICalendar
import Testing

/// Inputs the fuzzer found, kept so what they broke stays fixed.
@Suite("Fuzzer regressions")
struct RegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Regressions")

    /// A TZOFFSETTO of +5867 (minutes 67): libical reads it as some other offset and writes that back.
    @Test("an offset that is no UTC offset is refused on its line, not changed on the way through")
    func offset() throws {
        let bytes = try #require(
            FileManager.default.contents(atPath: Self.folder.appendingPathComponent("fuzz-roundtrip-1.ics").path))
        do {
            _ = try ICalendarDecoder().decode(bytes: bytes, source: "fuzz-roundtrip-1.ics")
            Issue.record("the offset must be refused")
        } catch {
            #expect(error.problems.map(\.id) == [.badValue])
            #expect(error.problems.first?.line == 19 && error.problems.first?.message.contains("+5867") == true)
        }
        for good in ["+0900", "-0330", "+054500", "+0000"] {
            let text =
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:\(good)\r\nTZOFFSETTO:\(good)\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"
            let calendar = try ICalendarDecoder().decode(text)
            #expect(try ICalendarDecoder().decode(ICalendarEncoder().encode(calendar)) == calendar, "\(good)")
        }
    }

    @Test("what decodes, encodes and decodes again to the same values", arguments: ["fuzz-roundtrip-1.ics"])
    func roundTrip(name: String) throws {
        var text = String(
            decoding: try #require(FileManager.default.contents(atPath: Self.folder.appendingPathComponent(name).path)),
            as: UTF8.self)
        text = text.replacingOccurrences(of: "TZOFFSETTO:+5867", with: "TZOFFSETTO:+0900")
        let calendar = try ICalendarDecoder().decode(text, source: name)
        let again = try ICalendarDecoder().decode(ICalendarEncoder().encode(calendar))

        #expect(again.events.count == calendar.events.count)
        for (a, b) in zip(calendar.events, again.events) where a != b {
            Issue.record("event \(a.uid) differs:\n\(a)\n---\n\(b)")
        }
        #expect(again.extraProperties == calendar.extraProperties)
        #expect(again == calendar)
    }
}
