import CouncilCore
import Testing

@Suite("Japanese public holidays")
struct JapaneseHolidaysTests {
    func list(_ year: Int) -> [String] {
        JapaneseHolidays.holidays(in: year).map { "\($0.date) \($0.name)" }
    }

    @Test("2019: the enthronement year — 5/1, 10/22, the days they created, and no 天皇誕生日")
    func year2019() {
        #expect(
            list(2019) == [
                "2019-01-01 元日", "2019-01-14 成人の日", "2019-02-11 建国記念の日", "2019-03-21 春分の日",
                "2019-04-29 昭和の日", "2019-04-30 国民の休日", "2019-05-01 天皇の即位の日", "2019-05-02 国民の休日",
                "2019-05-03 憲法記念日", "2019-05-04 みどりの日", "2019-05-05 こどもの日", "2019-05-06 振替休日",
                "2019-07-15 海の日", "2019-08-11 山の日", "2019-08-12 振替休日", "2019-09-16 敬老の日",
                "2019-09-23 秋分の日", "2019-10-14 体育の日", "2019-10-22 即位礼正殿の儀", "2019-11-03 文化の日",
                "2019-11-04 振替休日", "2019-11-23 勤労感謝の日",
            ])
    }

    @Test("2020: the Olympic year's moved 海の日, スポーツの日 and 山の日")
    func year2020() {
        #expect(
            list(2020) == [
                "2020-01-01 元日", "2020-01-13 成人の日", "2020-02-11 建国記念の日", "2020-02-23 天皇誕生日",
                "2020-02-24 振替休日", "2020-03-20 春分の日", "2020-04-29 昭和の日", "2020-05-03 憲法記念日",
                "2020-05-04 みどりの日", "2020-05-05 こどもの日", "2020-05-06 振替休日", "2020-07-23 海の日",
                "2020-07-24 スポーツの日", "2020-08-10 山の日", "2020-09-21 敬老の日", "2020-09-22 秋分の日",
                "2020-11-03 文化の日", "2020-11-23 勤労感謝の日",
            ])
    }

    @Test("2021: moved again, 山の日 on a Sunday gives 8/9")
    func year2021() {
        #expect(
            list(2021) == [
                "2021-01-01 元日", "2021-01-11 成人の日", "2021-02-11 建国記念の日", "2021-02-23 天皇誕生日",
                "2021-03-20 春分の日", "2021-04-29 昭和の日", "2021-05-03 憲法記念日", "2021-05-04 みどりの日",
                "2021-05-05 こどもの日", "2021-07-22 海の日", "2021-07-23 スポーツの日", "2021-08-08 山の日",
                "2021-08-09 振替休日", "2021-09-20 敬老の日", "2021-09-23 秋分の日", "2021-11-03 文化の日",
                "2021-11-23 勤労感謝の日",
            ])
    }

    @Test("2025")
    func year2025() {
        #expect(
            list(2025) == [
                "2025-01-01 元日", "2025-01-13 成人の日", "2025-02-11 建国記念の日", "2025-02-23 天皇誕生日",
                "2025-02-24 振替休日", "2025-03-20 春分の日", "2025-04-29 昭和の日", "2025-05-03 憲法記念日",
                "2025-05-04 みどりの日", "2025-05-05 こどもの日", "2025-05-06 振替休日", "2025-07-21 海の日",
                "2025-08-11 山の日", "2025-09-15 敬老の日", "2025-09-23 秋分の日", "2025-10-13 スポーツの日",
                "2025-11-03 文化の日", "2025-11-23 勤労感謝の日", "2025-11-24 振替休日",
            ])
    }

    @Test("2026: 憲法記念日 on a Sunday is made up on 5/6, and 9/22 is a 国民の休日")
    func year2026() {
        #expect(
            list(2026) == [
                "2026-01-01 元日", "2026-01-12 成人の日", "2026-02-11 建国記念の日", "2026-02-23 天皇誕生日",
                "2026-03-20 春分の日", "2026-04-29 昭和の日", "2026-05-03 憲法記念日", "2026-05-04 みどりの日",
                "2026-05-05 こどもの日", "2026-05-06 振替休日", "2026-07-20 海の日", "2026-08-11 山の日",
                "2026-09-21 敬老の日", "2026-09-22 国民の休日", "2026-09-23 秋分の日", "2026-10-12 スポーツの日",
                "2026-11-03 文化の日", "2026-11-23 勤労感謝の日",
            ])
    }

    @Test("2099")
    func year2099() {
        #expect(
            list(2099) == [
                "2099-01-01 元日", "2099-01-12 成人の日", "2099-02-11 建国記念の日", "2099-02-23 天皇誕生日",
                "2099-03-20 春分の日", "2099-04-29 昭和の日", "2099-05-03 憲法記念日", "2099-05-04 みどりの日",
                "2099-05-05 こどもの日", "2099-05-06 振替休日", "2099-07-20 海の日", "2099-08-11 山の日",
                "2099-09-21 敬老の日", "2099-09-22 国民の休日", "2099-09-23 秋分の日", "2099-10-12 スポーツの日",
                "2099-11-03 文化の日", "2099-11-23 勤労感謝の日",
            ])
    }

    @Test("振替休日: none before 1973-04-12; the next day only before 2007; the next free day since 2007")
    func substitutes() {
        #expect(
            JapaneseHolidays.holiday(on: CalendarDate(year: 1973, month: 2, day: 12)) == nil,
            "2/11 was a Sunday, before the rule")
        #expect(
            JapaneseHolidays.holiday(on: CalendarDate(year: 1973, month: 4, day: 30))?.name == "振替休日", "the first one")
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2006, month: 1, day: 2))?.name == "振替休日")
        // 2008-05-04 (みどりの日) was a Sunday: 5/5 is こどもの日, so the substitute goes to 5/6 — the 2007 rule.
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2008, month: 5, day: 6))?.name == "振替休日")
        // 2003-05-04 (国民の休日, not a 祝日) on a Sunday gave no substitute.
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2003, month: 5, day: 6)) == nil)
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 1948, month: 7, day: 19)) == nil, "before the law")
        #expect(list(1948) == ["1948-09-23 秋分の日", "1948-11-03 文化の日", "1948-11-23 勤労感謝の日"])
    }

    @Test(
        "a day is looked up by its number: days outside the supported years and dates that do not exist are no holiday")
    func outsideAndImpossible() {
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 1947, month: 1, day: 1)) == nil)
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2151, month: 1, day: 1)) == nil)
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 99_999, month: 1, day: 1)) == nil)
        // 2026-04-30 + 3 days is the number of 2026-05-03 (憲法記念日); 2026-01-00 that of 2025-12-31.
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2026, month: 4, day: 33)) == nil)
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2026, month: 5, day: 3))?.name == "憲法記念日")
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2150, month: 12, day: 31)) == nil)
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 2150, month: 1, day: 1))?.name == "元日")
    }

    @Test(
        "国民の休日 between two holidays",
        arguments: [(2009, 9, 22), (2015, 9, 22), (2026, 9, 22), (1988, 5, 4), (2032, 9, 21)])
    func bridges(year: Int, month: Int, day: Int) {
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: year, month: month, day: day))?.name == "国民の休日")
    }

    @Test("no 国民の休日 before 1985-12-27, and none on a Sunday before 2007")
    func noEarlyBridges() {
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 1985, month: 5, day: 4)) == nil)
        #expect(JapaneseHolidays.holiday(on: CalendarDate(year: 1986, month: 5, day: 4)) == nil, "a Sunday")
        #expect(
            JapaneseHolidays.holiday(on: CalendarDate(year: 1987, month: 5, day: 4))?.name == "振替休日",
            "憲法記念日 was a Sunday")
    }

    @Test("春分の日 and 秋分の日 for 2000–2030 as published")
    func equinoxes() {
        let vernal = [
            20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 21, 21, 20, 20, 20,
            21, 20, 20, 20,
        ]
        let autumnal = [
            23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 23, 22, 23, 23, 23, 22, 23, 23, 23, 22, 23, 23, 23, 22, 23, 23,
            23, 22, 23, 23,
        ]
        for (offset, year) in (2000...2030).enumerated() {
            let days = JapaneseHolidays.holidays(in: year)
            #expect(
                days.first { $0.name == "春分の日" }?.date == CalendarDate(year: year, month: 3, day: vernal[offset]),
                "\(year)")
            #expect(
                days.first { $0.name == "秋分の日" }?.date == CalendarDate(year: year, month: 9, day: autumnal[offset]),
                "\(year)")
        }
    }

    @Test("天皇誕生日 moves with the reign: 4/29 until 1988, 12/23 1989–2018, none in 2019, 2/23 since 2020")
    func emperorsBirthday() {
        func birthday(_ year: Int) -> [String] {
            JapaneseHolidays.holidays(in: year).filter { $0.name == "天皇誕生日" }.map { "\($0.date.month)/\($0.date.day)" }
        }
        #expect(birthday(1988) == ["4/29"])
        #expect(birthday(1989) == ["12/23"])
        #expect(birthday(2018) == ["12/23"])
        #expect(birthday(2019) == [])
        #expect(birthday(2020) == ["2/23"])
        #expect(JapaneseHolidays.holidays(in: 1947).isEmpty && JapaneseHolidays.holidays(in: 2151).isEmpty)
    }
}
