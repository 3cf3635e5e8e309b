import ICalendar

/// One rich calendar that uses every property the model has, and malformed texts for every error path;
/// shared by the iCalendar tests and the leak check.
public enum Fixtures {
    public static let tokyo = TimeBasis.zone("Asia/Tokyo")
    /// The zone the fixtures' times are in, written into their calendars.
    public static let tokyoZone = VTimeZone.fixed(id: "Asia/Tokyo", offset: UTCOffset(hours: 9), name: "JST")
    public static let stamp = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 3, day: 1), ClockTime(hour: 0, minute: 0), .utc)

    public static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
        CalendarDate(year: y, month: m, day: d)
    }

    public static func tokyo(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> DateTimeValue {
        .dateTime(date(y, m, d), ClockTime(hour: h, minute: min), tokyo)
    }

    public static let longJapanese = String(
        repeating: "相談支援事業所等連絡会では、指定特定相談支援事業所の相談員が日頃の悩みやケース支援について気軽に話し合います。",
        count: 7
    ).prefix(300)

    public static func richCalendar() throws -> VCalendar {
        let meeting = VEvent(
            uid: "aoba-renrakukai-20260414@council.example",
            timestamp: stamp,
            start: tokyo(2026, 4, 14, 14, 0),
            end: tokyo(2026, 4, 14, 16, 0),
            summary: "相談支援事業所等連絡会; 第1回, 4月",
            location: "青葉区役所 4階 第1会議室",
            description: String(longJapanese) + "\n問合せ: 青葉区障害高齢課\\事務局",
            url: "https://example.jp/aoba/renrakukai",
            categories: ["連絡会", "ケースレビュー"],
            status: .confirmed,
            sequence: 2,
            lastModified: .dateTime(date(2026, 2, 20), ClockTime(hour: 9, minute: 30, second: 15), .utc),
            recurrenceRule: try RecurrenceRule("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270331T145959Z"),
            exceptionDates: [tokyo(2026, 8, 11, 14, 0)],
            recurrenceDates: [tokyo(2026, 8, 18, 14, 0)],
            organizer: CalendarUser(
                address: "mailto:office@aoba.example.jp", commonName: "青葉区自立支援協議会 事務局", role: "CHAIR"),
            attendees: [
                CalendarUser(
                    address: "mailto:a@example.jp", commonName: "相談室あおば", role: "REQ-PARTICIPANT",
                    participationStatus: "NEEDS-ACTION", rsvp: true),
                CalendarUser(
                    address: "mailto:b@example.jp", commonName: "Sato, Hanako", role: "OPT-PARTICIPANT",
                    participationStatus: "ACCEPTED", rsvp: false),
            ],
            extraProperties: [
                ContentProperty(
                    name: "X-COUNCIL-TASKS", value: "①,②; ③\\④\n⑤",
                    parameters: [ContentParameter(name: "X-KIND", value: "plan")]),
                ContentProperty(name: "TRANSP", value: "OPAQUE"),
                ContentProperty(name: "COMMENT", value: "注記, 1; 2"),
            ]
        )
        let moved = VEvent(
            uid: meeting.uid,
            timestamp: stamp,
            start: tokyo(2026, 5, 19, 14, 0),
            end: tokyo(2026, 5, 19, 16, 0),
            summary: "相談支援事業所等連絡会(日程変更)",
            status: .tentative,
            sequence: 3,
            recurrenceID: tokyo(2026, 5, 12, 14, 0)
        )
        let allDay = VEvent(
            uid: "aoba-closure-20261229@council.example",
            timestamp: stamp,
            start: .date(date(2026, 12, 29)),
            end: .date(date(2027, 1, 4)),
            summary: "年末年始 休館",
            status: .cancelled,
            sequence: 0
        )
        return VCalendar(
            productID: "-//council//council 0.1//JA",
            method: "PUBLISH",
            name: "青葉区障害者自立支援協議会, 令和8年度",
            calendarDescription: "連絡会・ケースレビュー; 研修会\\その他",
            timeZoneHint: "Asia/Tokyo",
            refreshInterval: .hours(12),
            timeZones: [tokyoZone],
            events: [meeting, moved, allDay],
            extraProperties: [ContentProperty(name: "X-COUNCIL-ID", value: "aoba")]
        )
    }

    /// Texts that are not iCalendar, one for each kind of problem the decoder reports.
    public static let malformed: [String] = {
        let header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//JA\r\n"
        return [
            "", "hello", header + "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:2026",
            header
                + "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260230T140000\r\nRRULE:FREQ=FORTNIGHTLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            header
                + "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260414T140000\r\nRRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            header + "BEGIN:VEVENT\r\nSUMMARY:no uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            header + "END:VEVENT\r\nEND:VCALENDAR\r\n", header + "END:VCALENDAR\r\nX:1\r\n",
            header + "SUMMARY:a\u{0}b\r\nEND:VCALENDAR\r\n",
            header
                + "BEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nDTSTART:bad\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n",
        ]
    }()
}
