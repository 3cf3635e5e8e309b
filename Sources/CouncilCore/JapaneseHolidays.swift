/// Japanese public holidays under 国民の祝日に関する法律 (Act No. 178 of 1948, in force 1948-07-20), with
/// its amendments, 振替休日 and 国民の休日, for every year from 1948 to 2150.
///
/// 春分の日 and 秋分の日 are fixed each February by the Cabinet from the National Astronomical
/// Observatory's ephemeris; here they come from the usual approximation of the equinox day, which
/// agrees with the published days for 1948–2099 and is an estimate for 2100–2150. Years outside
/// 1948–2150 have no holidays here.
public enum JapaneseHolidays {
    public static let supportedYears = 1948...2150

    /// The holidays of one calendar year, in date order.
    public static func holidays(in year: Int) -> [Holiday] {
        guard supportedYears.contains(year) else { return [] }
        return table.byYear[year - supportedYears.lowerBound]
    }

    /// The holiday on `date`, if any.
    public static func holiday(on date: CalendarDate) -> Holiday? {
        let day = date.daysSinceEpoch - table.firstDay
        guard table.byDay.indices.contains(day), table.byDay[day] >= 0 else { return nil }
        // A date that does not exist (2026-02-30) falls on another day's number: it is no holiday.
        let holiday = table.all[Int(table.byDay[day])]
        return holiday.date == date ? holiday : nil
    }

    /// Every supported year worked out once (about 3,500 days), as schedules ask day by day: each day of the
    /// supported years has the place of its holiday in `all`, or -1.
    private static let table: (byYear: [[Holiday]], all: [Holiday], firstDay: Int, byDay: [Int16]) = {
        let byYear = supportedYears.map(workedOut(in:))
        let all = Array(byYear.joined())
        let firstDay = CalendarDate(year: supportedYears.lowerBound, month: 1, day: 1).daysSinceEpoch
        let lastDay = CalendarDate(year: supportedYears.upperBound, month: 12, day: 31).daysSinceEpoch
        var byDay = [Int16](repeating: -1, count: lastDay - firstDay + 1)
        for (place, holiday) in all.enumerated() { byDay[holiday.date.daysSinceEpoch - firstDay] = Int16(place) }
        return (byYear, all, firstDay, byDay)
    }()

    /// The law applied to one year.
    private static func workedOut(in year: Int) -> [Holiday] {
        var days = nationalHolidays(in: year).filter { $0.date >= lawInForce }
        let named = Set(days.map(\.date))

        // 振替休日: from 1973-04-12 a holiday on a Sunday gives the next day; from 2007 the next day that
        // is not itself a holiday.
        var substitutes: [Holiday] = []
        for holiday in days where holiday.date.isoWeekday == 7 && holiday.date >= substituteRuleStart {
            var next = holiday.date.adding(days: 1)
            if year >= 2007 {
                while named.contains(next) { next = next.adding(days: 1) }
            } else if named.contains(next) {
                continue
            }
            substitutes.append(Holiday(date: next, name: "振替休日", kind: .substitute))
        }

        // 国民の休日: from 1985-12-27 a day between two national holidays that is not one itself
        // (nor, before 2007, a Sunday or a 振替休日).
        let substituted = Set(substitutes.map(\.date))
        var bridges: [Holiday] = []
        for holiday in days {
            let between = holiday.date.adding(days: 1)
            guard between >= bridgeRuleStart, named.contains(between.adding(days: 1)), !named.contains(between),
                !substituted.contains(between), year >= 2007 || between.isoWeekday != 7
            else { continue }
            bridges.append(Holiday(date: between, name: "国民の休日", kind: .bridge))
        }
        days += substitutes + bridges
        return days.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    static let lawInForce = CalendarDate(year: 1948, month: 7, day: 20)
    static let substituteRuleStart = CalendarDate(year: 1973, month: 4, day: 12)
    static let bridgeRuleStart = CalendarDate(year: 1985, month: 12, day: 27)

    /// The 国民の祝日 themselves (article 2 and the special laws), before 振替休日 and 国民の休日.
    private static func nationalHolidays(in year: Int) -> [Holiday] {
        var list = HolidayList(year: year)
        list.addJanuaryToMay()
        list.addJulyToDecember()
        list.addSpecialLaws()
        return list.holidays
    }

    /// The year's 国民の祝日 as they are added, by date or as the n-th weekday of a month (ハッピーマンデー).
    private struct HolidayList {
        let year: Int
        var holidays: [Holiday] = []

        mutating func add(_ month: Int, _ day: Int, _ name: String) {
            holidays.append(
                Holiday(date: CalendarDate(year: year, month: month, day: day), name: name, kind: .national))
        }

        mutating func addNth(_ n: Int, _ weekday: Int, of month: Int, _ name: String) {
            holidays.append(
                Holiday(date: nthWeekday(n, weekday, year: year, month: month), name: name, kind: .national))
        }

        mutating func addJanuaryToMay() {
            add(1, 1, "元日")
            if year >= 2000 { addNth(2, 1, of: 1, "成人の日") } else { add(1, 15, "成人の日") }
            if year >= 1967 { add(2, 11, "建国記念の日") }
            if year >= 2020 { add(2, 23, "天皇誕生日") }
            add(3, vernalEquinoxDay(year), "春分の日")
            switch year {
            case ..<1989: add(4, 29, "天皇誕生日")
            case 1989...2006: add(4, 29, "みどりの日")
            default: add(4, 29, "昭和の日")
            }
            add(5, 3, "憲法記念日")
            if year >= 2007 { add(5, 4, "みどりの日") }
            add(5, 5, "こどもの日")
        }

        mutating func addJulyToDecember() {
            switch year {
            case 1996...2002: add(7, 20, "海の日")
            case 2020: add(7, 23, "海の日")
            case 2021: add(7, 22, "海の日")
            case 2003...: addNth(3, 1, of: 7, "海の日")
            default: break
            }
            switch year {
            case 2020: add(8, 10, "山の日")
            case 2021: add(8, 8, "山の日")
            case 2016...: add(8, 11, "山の日")
            default: break
            }
            switch year {
            case 1966...2002: add(9, 15, "敬老の日")
            case 2003...: addNth(3, 1, of: 9, "敬老の日")
            default: break
            }
            add(9, autumnalEquinoxDay(year), "秋分の日")
            switch year {
            case 1966...1999: add(10, 10, "体育の日")
            case 2000...2019: addNth(2, 1, of: 10, "体育の日")
            case 2020: add(7, 24, "スポーツの日")
            case 2021: add(7, 23, "スポーツの日")
            case 2022...: addNth(2, 1, of: 10, "スポーツの日")
            default: break
            }
            add(11, 3, "文化の日")
            add(11, 23, "勤労感謝の日")
            if (1989...2018).contains(year) { add(12, 23, "天皇誕生日") }
        }

        /// Days made holidays by their own laws.
        mutating func addSpecialLaws() {
            switch year {
            case 1959: add(4, 10, "皇太子明仁親王の結婚の儀")
            case 1989: add(2, 24, "昭和天皇の大喪の礼")
            case 1990: add(11, 12, "即位礼正殿の儀")
            case 1993: add(6, 9, "皇太子徳仁親王の結婚の儀")
            case 2019:
                add(5, 1, "天皇の即位の日")
                add(10, 22, "即位礼正殿の儀")
            default: break
            }
        }
    }

    /// The day of March of 春分の日, by the approximation used for Japan's equinox days.
    static func vernalEquinoxDay(_ year: Int) -> Int {
        equinoxDay(year, base: year < 1980 ? 20.8357 : year < 2100 ? 20.8431 : 21.8510)
    }

    /// The day of September of 秋分の日.
    static func autumnalEquinoxDay(_ year: Int) -> Int {
        equinoxDay(year, base: year < 1980 ? 23.2588 : year < 2100 ? 23.2488 : 24.2488)
    }

    /// `int(base + 0.242194 × (Y − 1980) − int((Y − 1983 or 1980) / 4))`, each `int` truncating toward zero.
    private static func equinoxDay(_ year: Int, base: Double) -> Int {
        let leapCorrection = (year < 1980 ? year - 1983 : year - 1980) / 4
        return Int(base + 0.242194 * Double(year - 1980) - Double(leapCorrection))
    }
}

/// One public holiday.
public struct Holiday: Hashable, Sendable, CustomStringConvertible {
    public var date: CalendarDate
    /// The name the law gives it, e.g. 海の日, 振替休日, 国民の休日.
    public var name: String
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        /// A 国民の祝日 (including days made holidays by special laws).
        case national
        /// 振替休日.
        case substitute
        /// 国民の休日: a day between two national holidays.
        case bridge
    }

    public init(date: CalendarDate, name: String, kind: Kind) {
        self.date = date
        self.name = name
        self.kind = kind
    }

    /// `2026-09-22\t国民の休日`.
    public var description: String { "\(date)\t\(name)" }

    /// Whether the day is not yet official on `today`: 春分の日 and 秋分の日 are fixed each year by the 暦要項,
    /// which the National Astronomical Observatory publishes in early February of the year before; until
    /// then the day is the formula's. A 振替休日 or 国民の休日 that an equinox day makes shares its doubt.
    public func isProvisional(asOf today: CalendarDate) -> Bool {
        guard today < CalendarDate(year: date.year - 1, month: 2, day: 1), date.month == 3 || date.month == 9 else {
            return false
        }
        let equinox =
            date.month == 3
            ? JapaneseHolidays.vernalEquinoxDay(date.year) : JapaneseHolidays.autumnalEquinoxDay(date.year)
        switch kind {
        case .national: return date.day == equinox
        case .substitute: return (1...2).contains(date.day - equinox)
        case .bridge: return date.day == equinox - 1
        }
    }
}

/// The `n`th (1–5) `weekday` (ISO, 1 = Monday) of a month, or the last one for `n` = -1.
public func nthWeekday(_ n: Int, _ weekday: Int, year: Int, month: Int) -> CalendarDate {
    if n < 0 {
        let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
        let back = (last.isoWeekday - weekday + 7) % 7
        return last.adding(days: -back - 7 * (-n - 1))
    }
    let first = CalendarDate(year: year, month: month, day: 1)
    let forward = (weekday - first.isoWeekday + 7) % 7
    return first.adding(days: forward + 7 * (n - 1))
}
