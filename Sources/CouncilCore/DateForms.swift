/// The forms dates, times and weekdays are written in, read and written in one place.

extension CalendarDate {
    /// 月 火 水 木 金 土 日, Monday first (ISO 8601 weekday − 1).
    public static let japaneseWeekdays: [Character] = ["月", "火", "水", "木", "金", "土", "日"]

    /// The ISO weekday (1 = Monday) of `月`, `火曜日`, …; nil for anything else.
    public static func isoWeekday(japanese text: String) -> Int? {
        let name = text.hasSuffix("曜日") ? String(text.dropLast(2)) : text
        guard name.count == 1, let first = name.first, let index = japaneseWeekdays.firstIndex(of: first) else {
            return nil
        }
        return index + 1
    }

    /// `2026年4月14日` or `令和8年4月14日` (`元年` too), only for days that exist. An era's year is counted from
    /// the calendar year it began (`令和元年4月14日` is 2019-04-14, as people write it, though that day was 平成).
    public init?(japanese text: String) {
        guard text.hasSuffix("日") else { return nil }
        var rest = Substring(text)
        var era: JapaneseEra?
        if let found = JapaneseEra.allCases.first(where: { text.hasPrefix($0.rawValue) }) {
            era = found
            rest = rest.dropFirst(found.rawValue.count)
        }
        let parts = rest.split(whereSeparator: { "年月日".contains($0) }).map(String.init)
        guard parts.count == 3, let year = parts[0] == "元" && era != nil ? 1 : Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return nil }
        guard let era else {
            self.init(validYear: year, month: month, day: day)
            return
        }
        self.init(validYear: era.firstDay.year + year - 1, month: month, day: day)
    }
}

/// `2026-07-21` (also with `/`), only for days that exist.
public func isoDate(_ text: String) -> CalendarDate? {
    // Read as ASCII bytes, with nothing allocated: attendance records and published schedules hold dates on
    // every line.
    var year: Int?
    var month: Int?
    var digits = 0
    var value = 0
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            guard digits <= 4 else { return nil }
        case UInt8(ascii: "-"), UInt8(ascii: "/"):
            guard digits > 0, month == nil else { return nil }
            guard year == nil ? digits == 4 : digits <= 2 else { return nil }
            if year == nil { year = value } else { month = value }
            (digits, value) = (0, 0)
        default:
            return nil
        }
    }
    guard let year, let month, (1...2).contains(digits) else { return nil }
    return CalendarDate(validYear: year, month: month, day: value)
}

/// `14:00` → 14:00; nil unless hour 0–23 and minute 0–59.
public func clockTime(_ text: String) -> ClockTime? {
    // Two parts around one colon, of one or two ASCII characters each (the minutes two), each read as `Int`
    // reads it (a sign, then digits), by bytes: published schedules hold two times on every line.
    let bytes = text.utf8
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let hourPart = bytes[..<colon]
    let minutePart = bytes[bytes.index(after: colon)...]
    guard (1...2).contains(hourPart.count), minutePart.count == 2, let hour = signedInteger(hourPart),
        let minute = signedInteger(minutePart)
    else { return nil }
    let time = ClockTime(hour: hour, minute: minute)
    return time.isValid ? time : nil
}

/// ASCII bytes as `Int(_:)` reads them: an optional sign, then one digit or more.
private func signedInteger(_ bytes: Substring.UTF8View) -> Int? {
    var rest = bytes[...]
    var sign = 1
    if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
        sign = first == UInt8(ascii: "-") ? -1 : 1
        rest = rest.dropFirst()
    }
    guard !rest.isEmpty else { return nil }
    var value = 0
    for byte in rest {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return sign * value
}
