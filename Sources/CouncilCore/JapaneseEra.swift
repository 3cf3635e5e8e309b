/// The modern Japanese eras (元号) and dates written the way a ward office writes them.
public enum JapaneseEra: String, CaseIterable, Sendable {
    case meiji = "明治"
    case taisho = "大正"
    case showa = "昭和"
    case heisei = "平成"
    case reiwa = "令和"

    /// The first day of each era.
    public var firstDay: CalendarDate {
        switch self {
        case .meiji: return CalendarDate(year: 1868, month: 1, day: 25)  // 明治元年1月1日 (旧暦) in the Gregorian calendar
        case .taisho: return CalendarDate(year: 1912, month: 7, day: 30)
        case .showa: return CalendarDate(year: 1926, month: 12, day: 25)
        case .heisei: return CalendarDate(year: 1989, month: 1, day: 8)
        case .reiwa: return CalendarDate(year: 2019, month: 5, day: 1)
        }
    }

    /// The era in force on `date`, or nil before 明治.
    public static func of(_ date: CalendarDate) -> JapaneseEra? {
        allCases.last { $0.firstDay <= date }
    }

    /// The year within the era (1 for the first year, written 元年).
    public func year(of date: CalendarDate) -> Int {
        date.year - firstDay.year + 1
    }

    /// `令和8年`, `令和元年`, or `1867年` before 明治.
    public static func yearName(of date: CalendarDate) -> String {
        guard let era = of(date) else { return "\(date.year)年" }
        let year = era.year(of: date)
        return "\(era.rawValue)\(year == 1 ? "元" : String(year))年"
    }
}

extension CalendarDate {
    /// The weekday as one kanji: 月 火 水 木 金 土 日.
    public var japaneseWeekday: String {
        String(Self.japaneseWeekdays[isoWeekday - 1])
    }

    /// `令和8年4月14日(火)`.
    public var japaneseDescription: String {
        "\(JapaneseEra.yearName(of: self))\(month)月\(day)日(\(japaneseWeekday))"
    }

    /// `4月14日(火)`: within a fiscal year the era is understood.
    public var shortJapaneseDescription: String {
        "\(month)月\(day)日(\(japaneseWeekday))"
    }
}
