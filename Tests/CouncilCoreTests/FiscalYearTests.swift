import CouncilCore
import Testing

@Suite("Fiscal years and Japanese dates")
struct FiscalYearTests {
    @Test("令和8年度 runs from 2026-04-01 to 2027-03-31 in grid order 4月 … 3月")
    func fiscal2026() {
        let year = FiscalYear(2026)
        #expect(year.japaneseName == "令和8年度")
        #expect(year.firstDay == CalendarDate(year: 2026, month: 4, day: 1))
        #expect(year.lastDay == CalendarDate(year: 2027, month: 3, day: 31))
        #expect(year.months.map(\.month) == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3])
        #expect(year.months.first == YearMonth(year: 2026, month: 4))
        #expect(year.months.last == YearMonth(year: 2027, month: 3))
        #expect(FiscalYear(containing: CalendarDate(year: 2027, month: 3, day: 31)) == year)
        #expect(FiscalYear(containing: CalendarDate(year: 2027, month: 4, day: 1)) == FiscalYear(2027))
    }

    @Test("the 平成 → 令和 boundary: 2019-04-30 is 平成31年, 2019-05-01 is 令和元年")
    func eraBoundary() {
        #expect(CalendarDate(year: 2019, month: 4, day: 30).japaneseDescription == "平成31年4月30日(火)")
        #expect(CalendarDate(year: 2019, month: 5, day: 1).japaneseDescription == "令和元年5月1日(水)")
        #expect(CalendarDate(year: 2020, month: 1, day: 1).japaneseDescription == "令和2年1月1日(水)")
        #expect(FiscalYear(2019).japaneseName == "平成31年度", "the fiscal year is named by its first day")
        #expect(FiscalYear(2020).japaneseName == "令和2年度")
        #expect(CalendarDate(year: 1989, month: 1, day: 7).japaneseDescription == "昭和64年1月7日(土)")
        #expect(CalendarDate(year: 1989, month: 1, day: 8).japaneseDescription == "平成元年1月8日(日)")
    }

    @Test("dates as a ward office writes them")
    func japaneseDates() {
        #expect(CalendarDate(year: 2026, month: 4, day: 14).japaneseDescription == "令和8年4月14日(火)")
        #expect(CalendarDate(year: 2027, month: 3, day: 31).shortJapaneseDescription == "3月31日(水)")
    }

    @Test("the forms dates, times and weekdays are read in: one place for each")
    func forms() {
        let day = CalendarDate(year: 2026, month: 4, day: 14)
        #expect(
            isoDate("2026-04-14") == day && isoDate("2026/4/14") == day && isoDate("2026-02-30") == nil
                && isoDate("26-04-14") == nil)
        #expect(CalendarDate(japanese: "2026年4月14日") == day && CalendarDate(japanese: "令和8年4月14日") == day)
        #expect(CalendarDate(japanese: "令和元年5月1日") == CalendarDate(year: 2019, month: 5, day: 1))
        #expect(CalendarDate(japanese: "平成31年4月30日") == CalendarDate(year: 2019, month: 4, day: 30))
        #expect(CalendarDate(japanese: "昭和64年1月7日") == CalendarDate(year: 1989, month: 1, day: 7))
        #expect(
            CalendarDate(japanese: "令和8年2月30日") == nil && CalendarDate(japanese: "令和8年4月") == nil
                && CalendarDate(japanese: "元年4月14日") == nil)
        #expect(
            clockTime("14:00") == ClockTime(hour: 14, minute: 0) && clockTime("9:05") == ClockTime(hour: 9, minute: 5))
        #expect(clockTime("24:00") == nil && clockTime("14:0") == nil && clockTime("１４:００") == nil)
        // Read by bytes as `Int` reads each part: one colon, the minutes two characters, a sign allowed.
        for text in [
            "", ":", "14:", ":00", "14:00:00", "1400", "114:00", "14:000", "a4:00", "14:0a", "+:00", "-1:00", "14:-1",
            "14 :00",
        ] {
            #expect(clockTime(text) == nil, "\(text)")
        }
        #expect(
            clockTime("09:30") == ClockTime(hour: 9, minute: 30) && clockTime("0:00") == ClockTime(hour: 0, minute: 0)
                && clockTime("+9:30") == ClockTime(hour: 9, minute: 30))
        #expect(
            isoDate("2026-4-14-1") == nil && isoDate("2026-") == nil && isoDate("2026-04-") == nil
                && isoDate("2026-04-140") == nil && isoDate("2026") == nil)
        #expect(
            CalendarDate.isoWeekday(japanese: "火") == 2 && CalendarDate.isoWeekday(japanese: "日曜日") == 7
                && CalendarDate.isoWeekday(japanese: "火水") == nil)
        #expect((0..<7).map { day.adding(days: $0).japaneseWeekday } == ["火", "水", "木", "金", "土", "日", "月"])
    }

    @Test(
        "days since the epoch round-trip and weekdays are right",
        arguments: [
            (CalendarDate(year: 1970, month: 1, day: 1), 4),
            (CalendarDate(year: 2000, month: 2, day: 29), 2),
            (CalendarDate(year: 2026, month: 4, day: 14), 2),
            (CalendarDate(year: 1948, month: 7, day: 20), 2),
            (CalendarDate(year: 2099, month: 12, day: 31), 4),
        ])
    func epoch(date: CalendarDate, weekday: Int) {
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        #expect(date.isoWeekday == weekday)
        #expect(date.adding(days: 1).adding(days: -1) == date)
    }

    @Test("a business is new when it opened in the previous fiscal year or later, one-person with one staff")
    func businessFlags() {
        let year = FiscalYear(2026)
        let opened = { (y: Int, m: Int) in
            Business(
                id: "b", name: "b", kind: .designated, openedOn: CalendarDate(year: y, month: m, day: 1), staffCount: 1)
        }
        #expect(opened(2025, 4).isNew(in: year))
        #expect(!opened(2025, 3).isNew(in: year))
        #expect(opened(2026, 6).isNew(in: year))
        #expect(opened(2020, 1).isOnePerson)
        #expect(BusinessKind(label: "指定特定") == .designated)
        #expect(BusinessKind(label: "community-care") == .communityCare)
        #expect(BusinessKind(label: "指定") == nil)
    }

    @Test("task schedules mark the months the grid shows")
    func schedules() {
        #expect(TaskSchedule.everyMonth.isPlanned(month: 7))
        #expect(!TaskSchedule.asNeeded.isPlanned(month: 7))
        #expect(TaskSchedule.months([4, 6]).isPlanned(month: 6))
        #expect(!TaskSchedule.months([4, 6]).isPlanned(month: 5))
        #expect(TaskSchedule.atLeast(times: 1, months: []).isPlanned(month: 1))
        #expect(!TaskSchedule.atLeast(times: 1, months: [10]).isPlanned(month: 1))
        #expect(circledNumber(1) == "①" && circledNumber(20) == "⑳" && circledNumber(21) == "(21)")
    }
}
