/// The forms dates, times and weekdays are written in, read and written in one place.

extension CalendarDate {
    /// 月 火 水 木 金 土 日, Monday first (ISO 8601 weekday − 1).
    public static let japaneseWeekdays: [Character] = ["月", "火", "水", "木", "金", "土", "日"]

    /// The ISO weekday (1 = Monday) of `月`, `火曜日`, …; nil for anything else.
    public static func isoWeekday(japanese text: String) -> Int? {
        let name = text.hasSuffix("曜日") ? String(text.dropLast(2)) : text
        guard name.count == 1, let first = name.first, let index = japaneseWeekdays.firstIndex(of: first) else { return nil }
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
        guard parts.count == 3, let year = parts[0] == "元" && era != nil ? 1 : Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        guard let era else {
            self.init(validYear: year, month: month, day: day)
            return
        }
        self.init(validYear: era.firstDay.year + year - 1, month: month, day: day)
    }
}

/// `2026-07-21` (also with `/`), only for days that exist.
public func isoDate(_ text: String) -> CalendarDate? {
    // Read as ASCII bytes: attendance records hold a date on every line.
    var numbers: [Int] = []
    var digits = 0
    var value = 0
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            guard digits <= 4 else { return nil }
        case UInt8(ascii: "-"), UInt8(ascii: "/"):
            guard digits > 0, numbers.count < 2 else { return nil }
            guard numbers.isEmpty ? digits == 4 : digits <= 2 else { return nil }
            numbers.append(value)
            (digits, value) = (0, 0)
        default:
            return nil
        }
    }
    guard numbers.count == 2, (1...2).contains(digits) else { return nil }
    return CalendarDate(validYear: numbers[0], month: numbers[1], day: value)
}

/// `14:00` → 14:00; nil unless hour 0–23 and minute 0–59.
public func clockTime(_ text: String) -> ClockTime? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
          let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2 else { return nil }
    let time = ClockTime(hour: hour, minute: minute)
    return time.isValid ? time : nil
}
