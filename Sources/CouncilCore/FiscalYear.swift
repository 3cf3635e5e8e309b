/// A Japanese fiscal year (年度): April 1 to March 31, named by the calendar year it starts in.
public struct FiscalYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 2026 for 令和8年度 (2026-04-01 … 2027-03-31).
    public let startYear: Int

    public init(_ startYear: Int) {
        self.startYear = startYear
    }

    /// The fiscal year a date belongs to.
    public init(containing date: CalendarDate) {
        self.init(date.month >= 4 ? date.year : date.year - 1)
    }

    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1) }
    public var lastDay: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31) }

    public func contains(_ date: CalendarDate) -> Bool { date >= firstDay && date <= lastDay }

    /// The twelve months in the order of the plan grid: 4月 … 12月, 1月 … 3月.
    public var months: [YearMonth] {
        (0..<12).map { offset in
            let month = (3 + offset) % 12 + 1
            return YearMonth(year: month >= 4 ? startYear : startYear + 1, month: month)
        }
    }

    /// The calendar year in which `month` (1–12) of this fiscal year falls.
    public func year(ofMonth month: Int) -> Int { month >= 4 ? startYear : startYear + 1 }

    /// `令和8年度`: the era in force on the fiscal year's first day. 2019年度 started in 平成 (平成31年度)
    /// although 令和 began a month later, which is how ward offices named it.
    public var japaneseName: String {
        "\(JapaneseEra.yearName(of: firstDay))度"
    }

    public var previous: FiscalYear { FiscalYear(startYear - 1) }
    public var next: FiscalYear { FiscalYear(startYear + 1) }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.startYear < rhs.startYear }

    public var description: String { "\(startYear)年度" }
}

/// A month of a particular year.
public struct YearMonth: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}
