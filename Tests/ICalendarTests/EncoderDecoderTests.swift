import Foundation
import ICalendar
import ICalendarFixtures
import Testing

@Suite("Encoding and decoding")
struct EncoderDecoderTests {
    let encoder = ICalendarEncoder()
    let decoder = ICalendarDecoder()

    @Test("every modelled property survives encode → decode")
    func roundTrip() throws {
        let calendar = try Fixtures.richCalendar()
        let text = try encoder.encode(calendar)
        let decoded = try decoder.decode(text, source: "rich.ics")
        #expect(decoded == calendar)
        #expect(decoded.events[0].attendees == calendar.events[0].attendees)
        #expect(try encoder.encode(decoded) == text, "re-encoding what was read changes no byte")
    }

    @Test("a DISPLAY VALARM is written as RFC 5545 §3.6.6 asks and read back; other alarms are left out")
    func alarms() throws {
        let start = DateTimeValue.dateTime(
            CalendarDate(year: 2026, month: 12, day: 8), ClockTime(hour: 14, minute: 0), .zone("Asia/Tokyo"))
        let event = VEvent(
            uid: "a@example.jp",
            timestamp: .dateTime(CalendarDate(year: 2026, month: 12, day: 1), ClockTime(hour: 0, minute: 0), .utc),
            start: start,
            summary: "連絡会",
            alarms: [
                VAlarm(minutesBefore: 24 * 60, description: "連絡会 12月8日(火)(1日前のお知らせ)"),
                VAlarm(minutesBefore: 90, description: "まもなく"),
            ])
        let text = try ICalendarEncoder().encode(event)
        #expect(text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P1D\r\nDESCRIPTION:"))
        #expect(text.contains("TRIGGER:-PT1H30M\r\n"))
        let calendar = VCalendar(productID: "-//test//JA", events: [event])
        let decoded = try ICalendarDecoder().decode(try ICalendarEncoder().encode(calendar))
        #expect(decoded.events.first?.alarms == event.alarms)
        let audio = try ICalendarEncoder().encode(calendar).replacingOccurrences(
            of: "ACTION:DISPLAY\r\nTRIGGER:-PT1H30M", with: "ACTION:AUDIO\r\nTRIGGER:-PT1H30M")
        #expect(
            try ICalendarDecoder().decode(audio).events.first?.alarms.map(\.minutesBefore) == [1440],
            "an AUDIO alarm is outside the model")
        #expect(throws: ICalendarError.self) {
            try ICalendarEncoder().encode(
                VEvent(uid: "b", timestamp: start, start: start, alarms: [VAlarm(minutesBefore: -5, description: "x")]))
        }
    }

    @Test("lines are CRLF-terminated and folded at 75 octets without splitting a character")
    func folding() throws {
        let text = try encoder.encode(try Fixtures.richCalendar())
        #expect(!text.replacingCRLF.contains("\r"), "no bare CR")
        #expect(!text.replacingCRLF.contains("\n"), "no bare LF")
        let lines = text.utf8.split(separator: 0x0D).map { $0.drop { $0 == 0x0A } }
        for line in lines where !line.isEmpty {
            #expect(line.count <= 75, "\(line.count) octets: \(String(decoding: line, as: UTF8.self))")
            #expect(String(validating: Array(line), as: UTF8.self) != nil, "each physical line is UTF-8 on its own")
        }
        let descriptionLines = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("DESCRIPTION:") }.prefix {
            $0.hasPrefix("DESCRIPTION:") || $0.hasPrefix(" ")
        }
        #expect(descriptionLines.count >= 10, "a 300-character Japanese description folds over many lines")
        let decoded = try decoder.decode(text)
        #expect(decoded.events[0].description?.hasPrefix(String(Fixtures.longJapanese)) == true)
        #expect(decoded.events[0].description?.count == 300 + "\n問合せ: 青葉区障害高齢課\\事務局".count)
    }

    @Test("TEXT values escape backslash, semicolon, comma and newline; so do X- values")
    func escaping() throws {
        let text = try encoder.encode(try Fixtures.richCalendar()).unfolded
        #expect(text.contains("SUMMARY:相談支援事業所等連絡会\\; 第1回\\, 4月\r\n"))
        #expect(text.contains("X-WR-CALNAME:青葉区障害者自立支援協議会\\, 令和8年度\r\n"))
        #expect(text.contains("X-WR-CALDESC:連絡会・ケースレビュー\\; 研修会\\\\その他\r\n"))
        #expect(text.contains("X-COUNCIL-TASKS;X-KIND=plan:①\\,②\\; ③\\\\④\\n⑤\r\n"))
        #expect(text.contains("COMMENT:注記\\, 1\\; 2\r\n"))
        #expect(text.contains("\\n問合せ: 青葉区障害高齢課\\\\事務局\r\n"))
    }

    @Test("zoned times carry TZID=Asia/Tokyo and the calendar carries one minimal VTIMEZONE")
    func timeZones() throws {
        let text = try encoder.encode(try Fixtures.richCalendar()).unfolded
        #expect(text.contains("DTSTART;TZID=Asia/Tokyo:20260414T140000\r\n"))
        #expect(text.contains("EXDATE;TZID=Asia/Tokyo:20260811T140000\r\n"))
        #expect(text.contains("RDATE;TZID=Asia/Tokyo:20260818T140000\r\n"))
        #expect(text.contains("RECURRENCE-ID;TZID=Asia/Tokyo:20260512T140000\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261229\r\n"))
        #expect(text.contains("DTSTAMP:20260301T000000Z\r\n"))
        let zone =
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        #expect(text.contains(zone))
        #expect(!text.contains("freeassociation"))
    }

    @Test("calendar-level subscriber hints are written in both spellings")
    func subscriberHints() throws {
        let text = try encoder.encode(try Fixtures.richCalendar()).unfolded
        #expect(
            text.hasPrefix(
                "BEGIN:VCALENDAR\r\nPRODID:-//council//council 0.1//JA\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
            ))
        #expect(text.contains("NAME:青葉区障害者自立支援協議会\\, 令和8年度\r\n"))
        #expect(text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n"))
        #expect(text.contains("X-PUBLISHED-TTL:PT12H\r\n"))
        #expect(text.contains("X-WR-TIMEZONE:Asia/Tokyo\r\n"))
    }

    @Test("a single event encodes on its own", arguments: [0, 1, 2])
    func singleEvent(index: Int) throws {
        let event = try Fixtures.richCalendar().events[index]
        let text = try encoder.encode(event)
        #expect(text.hasPrefix("BEGIN:VEVENT\r\n"))
        #expect(text.hasSuffix("END:VEVENT\r\n"))
        #expect(text.contains("UID:\(event.uid)\r\n"))
    }

    @Test("values that cannot be written are refused before libical sees them")
    func invalidValues() throws {
        var event = try Fixtures.richCalendar().events[0]
        event.start = .dateTime(
            CalendarDate(year: 2026, month: 2, day: 30), ClockTime(hour: 14, minute: 0), Fixtures.tokyo)
        #expect(throws: ICalendarError.self) { try encoder.encode(event) }
        event.start = Fixtures.tokyo(2026, 4, 14, 25, 0)
        #expect(throws: ICalendarError.self) { try encoder.encode(event) }
        event = try Fixtures.richCalendar().events[0]
        event.categories = ["a,b"]
        #expect(throws: ICalendarError.self) { try encoder.encode(event) }
        event.categories = []
        event.uid = ""
        #expect(throws: ICalendarError.self) { try encoder.encode(event) }
    }

    @Test("a calendar written by another program is read: folded lines, LF ends, lower-case names, a BOM")
    func foreignText() throws {
        let text =
            "\u{FEFF}BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example Corp.//CalDAV Client//EN\nX-WR-CALNAME:外部\nBEGIN:VEVENT\nUID:1@example.com\nDTSTAMP:20260101T000000Z\nDTSTART;TZID=Asia/Tokyo:20260414T140000\nsummary:長い件名を折り返し\n て続ける\nEND:VEVENT\nBEGIN:VTODO\nUID:t\nEND:VTODO\nEND:VCALENDAR\n"
        let calendar = try decoder.decode(bytes: Array(text.utf8), source: "foreign.ics")
        #expect(calendar.name == "外部")
        #expect(calendar.events.count == 1)
        #expect(calendar.events[0].summary == "長い件名を折り返して続ける")
        #expect(calendar.events[0].start == Fixtures.tokyo(2026, 4, 14, 14, 0))
    }
}

extension String {
    var replacingCRLF: String { replacingOccurrences(of: "\r\n", with: "") }
    /// Undoes RFC 5545 folding so a test can look for a whole property.
    var unfolded: String { replacingOccurrences(of: "\r\n ", with: "") }
}
