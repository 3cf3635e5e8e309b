import CouncilCore
import Testing

@Suite("Scheduling series into dated occurrences")
struct SchedulerTests {
    let year = FiscalYear(2026)
    let scheduler = Scheduler(calendar: BusinessCalendar())

    func series(_ schedule: String, policy: HolidayPolicy = .nextBusinessDay, exceptions: [SeriesException] = []) throws
        -> MeetingSeries
    {
        let rule = try ScheduleRule.parse(schedule).get()
        return MeetingSeries(
            id: "s", title: "連絡会", kind: .liaison, schedule: rule, scheduleText: schedule,
            time: TimeRange(start: ClockTime(hour: 14, minute: 0), end: ClockTime(hour: 16, minute: 0)),
            holidayPolicy: policy, exceptions: exceptions)
    }

    func day(_ m: Int, _ d: Int, _ y: Int? = nil) -> CalendarDate {
        CalendarDate(year: y ?? year.year(ofMonth: m), month: m, day: d)
    }

    @Test(
        "friendly schedules",
        arguments: [
            ("第2火曜日", 12), ("毎月第2火曜日", 12), ("第二火曜日", 12), ("偶数月の第2火曜日", 6), ("奇数月の第4金曜日", 6),
            ("5,7,9,11,1,3月の第3水曜日", 6), ("６、１０、２月の第３金曜日", 3), ("毎月最終金曜日", 12), ("第1・第3水曜日", 24),
            ("毎週水曜日", 53), ("2026-07-21", 1), ("2026-07-21, 2026-11-17, 2027-04-01", 2),
        ])
    func friendly(text: String, count: Int) throws {
        let rule = try ScheduleRule.parse(text).get()
        #expect(try rule.dates(from: year.firstDay, through: year.lastDay, expander: nil).count == count)
    }

    @Test("the dates of friendly rules")
    func friendlyDates() throws {
        let odd = try ScheduleRule.parse("5,7,9,11,1,3月の第3水曜日").get().dates(
            from: year.firstDay, through: year.lastDay, expander: nil)
        #expect(
            odd.map(\.description) == [
                "2026-05-20", "2026-07-15", "2026-09-16", "2026-11-18", "2027-01-20", "2027-03-17",
            ])
        let last = try ScheduleRule.parse("毎月最終金曜日").get().dates(
            from: year.firstDay, through: year.lastDay, expander: nil)
        #expect(last.prefix(3).map(\.description) == ["2026-04-24", "2026-05-29", "2026-06-26"])
        let fifth = try ScheduleRule.parse("第5月曜日").get().dates(
            from: year.firstDay, through: year.lastDay, expander: nil)
        #expect(fifth.allSatisfy { $0.day >= 29 }, "a 5th Monday exists only in some months")
    }

    @Test(
        "unreadable schedules say what was expected",
        arguments: ["第6火曜日", "第2火曜日と", "毎月", "隔週水曜日", "13月の第1月曜日", "2026-02-30", "火曜日"])
    func unreadable(text: String) {
        guard case .failure(let error) = ScheduleRule.parse(text) else {
            Issue.record("\(text) should not parse")
            return
        }
        #expect(
            error.expected.contains("e.g.") || error.expected.contains("YYYY-MM-DD")
                || error.expected.contains("months"))
    }

    @Test("skip: a 3rd Monday in September falls on 敬老の日 and that month has no meeting")
    func skip() throws {
        let found = try scheduler.occurrences(of: series("第3月曜日", policy: .skip), in: year)
        let september = try #require(found.first { $0.originalDate == day(9, 21) })
        #expect(september.status == .cancelled)
        #expect(september.note == "敬老の日のため休会")
        #expect(found.filter { $0.status != .cancelled }.allSatisfy { scheduler.calendar.isBusinessDay($0.date) })
    }

    @Test("next-business-day: 敬老の日 9/21 → 9/24, past 国民の休日 and 秋分の日")
    func nextBusinessDay() throws {
        let found = try scheduler.occurrences(of: series("第3月曜日"), in: year)
        let september = try #require(found.first { $0.originalDate == day(9, 21) })
        #expect(september.date == day(9, 24))
        #expect(september.status == .moved)
        #expect(september.note == "敬老の日のため翌営業日に変更")
    }

    @Test("previous-business-day: 山の日 8/11 (Tue) → 8/10 (Mon)")
    func previousBusinessDay() throws {
        let found = try scheduler.occurrences(of: series("第2火曜日", policy: .previousBusinessDay), in: year)
        #expect(found.first { $0.originalDate == day(8, 11) }?.date == day(8, 10))
    }

    @Test("keep: the meeting stays on the holiday")
    func keep() throws {
        let found = try scheduler.occurrences(of: series("第2火曜日", policy: .keep), in: year)
        let august = try #require(found.first { $0.originalDate == day(8, 11) })
        #expect(august.date == day(8, 11) && august.status == .scheduled)
    }

    @Test("年末年始 12/29–1/3 is closed across the year end; a closure can be a span of dates")
    func closures() throws {
        let calendar = BusinessCalendar(closures: [
            .yearEnd, Closure(span: .dates(day(8, 12), day(8, 14)), name: "夏季休館"),
        ])
        for date in [day(12, 29), day(12, 31), day(1, 1), day(1, 3)] {
            #expect(!calendar.isBusinessDay(date), "\(date)")
        }
        #expect(calendar.isBusinessDay(day(1, 4)))
        #expect(calendar.reasonClosed(on: day(12, 30)) == "年末年始")
        #expect(calendar.reasonClosed(on: day(8, 13)) == "夏季休館")
        let scheduler = Scheduler(calendar: calendar)
        let found = try scheduler.occurrences(of: series("毎週水曜日"), in: year)
        let yearEnd = try #require(found.first { $0.originalDate == day(12, 30) })
        #expect(yearEnd.date == day(1, 4, 2027), "12/30 (Wed) moves past 年末年始 to Monday 1/4")
        let summer = try #require(found.first { $0.originalDate == day(8, 12) })
        #expect(summer.date == day(8, 17))
    }

    @Test("a moved and a cancelled occurrence keep their identity: the rule's date")
    func exceptions() throws {
        let exceptions = [
            SeriesException(
                originalDate: day(6, 9),
                change: .move(
                    date: day(6, 16),
                    time: TimeRange(start: ClockTime(hour: 15, minute: 0), end: ClockTime(hour: 17, minute: 0))),
                reason: "会場の都合"),
            SeriesException(originalDate: day(10, 13), change: .cancel, reason: "台風接近"),
        ]
        let found = try scheduler.occurrences(of: series("偶数月の第2火曜日", exceptions: exceptions), in: year)
        #expect(found.count == 6)
        let june = try #require(found.first { $0.originalDate == day(6, 9) })
        #expect(june.date == day(6, 16) && june.time?.start == ClockTime(hour: 15, minute: 0) && june.status == .moved)
        #expect(june.note == "変更: 会場の都合")
        let october = try #require(found.first { $0.originalDate == day(10, 13) })
        #expect(october.status == .cancelled && october.date == day(10, 13) && october.note == "中止: 台風接近")
    }

    @Test("a recurring rule that gives no date in the year is an error; dates of another year are just not this year's")
    func nothing() throws {
        #expect(throws: ScheduleError.noOccurrences(series: "s", schedule: "2月の第5土曜日", year: year)) {
            try scheduler.occurrences(of: series("2月の第5土曜日"), in: year)
        }
        #expect(try scheduler.occurrences(of: series("2025-07-21"), in: year).isEmpty)
    }

    @Test("a date named twice is one meeting: its date is its identity")
    func datesOnce() throws {
        #expect(try scheduler.occurrences(of: series("2026-07-21, 2026-07-21"), in: year).count == 1)
        let twice = try scheduler.occurrences(of: series("第1・第1水曜日"), in: year)
        #expect(twice.count == 12 && Set(twice.map(\.originalDate)).count == 12)
    }

    @Test("an RRULE without libical says so instead of guessing")
    func rruleNeedsExpander() throws {
        #expect(throws: ScheduleError.self) {
            try scheduler.occurrences(of: series("RRULE:FREQ=MONTHLY;BYDAY=2TU"), in: year)
        }
    }

    @Test(
        "remind: 1日前, 2時間前, 30分前, 前日 and full-width digits; nonsense is nil",
        arguments: [
            ("1日前", 1440), ("前日", 1440), ("2時間前", 120), ("30分前", 30), ("３０分前", 30), ("1日", 1440), ("0分前", 0),
        ])
    func reminders(text: String, minutes: Int) {
        #expect(MeetingSeries.reminder(text) == minutes)
    }

    @Test("unreadable reminders", arguments: ["明日", "1週間前", "-1日前", "30日前", ""])
    func badReminders(text: String) {
        #expect(MeetingSeries.reminder(text) == nil)
    }
}

@Suite("Schedule warnings")
struct ScheduleWarningTests {
    let year = FiscalYear(2026)
    static func day(_ m: Int, _ d: Int, _ y: Int = 2026) -> CalendarDate { CalendarDate(year: y, month: m, day: d) }

    func occurrences(_ schedule: String, policy: HolidayPolicy, closures: [Closure] = [.yearEnd]) throws -> [Occurrence]
    {
        var series = MeetingSeries(
            id: "s", title: "会", kind: .liaison, schedule: try ScheduleRule.parse(schedule).get(),
            scheduleText: schedule, invitation: Invitation())
        series.holidayPolicy = policy
        return try Scheduler(calendar: BusinessCalendar(closures: closures)).occurrences(of: series, in: year)
    }

    @Test("a holiday moving a meeting onto a day the series already meets is warned about; both stay")
    func sameDay() throws {
        // 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日: the next business day is 9/24, already a meeting day.
        let found = try occurrences("2026-09-21, 2026-09-24", policy: .nextBusinessDay)
        #expect(found.filter { $0.date == Self.day(9, 24) }.count == 2)
        #expect(
            Scheduler.warnings(found, in: year) == [
                .sameDay(series: "s", date: Self.day(9, 24), from: [Self.day(9, 21), Self.day(9, 24)])
            ])
        #expect(Scheduler.warnings(try occurrences("2026-09-21, 2026-09-24", policy: .skip), in: year).isEmpty)
    }

    @Test("previous-business-day moving a closed 4月1日 into March is warned about")
    func outsideYear() throws {
        let closed = Closure(span: .dates(Self.day(4, 1), Self.day(4, 1)), name: "休館日")
        let found = try occurrences(
            "2026-04-01, 2026-05-13", policy: .previousBusinessDay, closures: [.yearEnd, closed])
        #expect(found.first?.date == Self.day(3, 31))
        #expect(
            Scheduler.warnings(found, in: year) == [
                .outsideYear(series: "s", originalDate: Self.day(4, 1), date: Self.day(3, 31), year: year)
            ])
        #expect(Scheduler.warnings(found, in: year).first?.description.contains("令和8年度の外の日") == true)
    }
}
