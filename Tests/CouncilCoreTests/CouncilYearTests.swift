import CouncilCore
import Testing

/// A year lived: published on one day, the plan edited, seen again on a later day.
@Suite("The council year as it is lived")
struct CouncilYearTests {
    let year = FiscalYear(2026)
    static func day(_ m: Int, _ d: Int, _ y: Int = 2026) -> CalendarDate { CalendarDate(year: y, month: m, day: d) }

    let kita = Business(id: "kita", name: "きた相談室", kind: .designated)
    let minami = Business(id: "minami", name: "みなみ委託", kind: .commissioned)

    func series(
        _ schedule: String, id: SeriesID = "renrakukai", kinds: Set<BusinessKind> = [.designated],
        from: CalendarDate? = nil, until: CalendarDate? = nil
    ) -> MeetingSeries {
        MeetingSeries(
            id: id, title: "連絡会", kind: .liaison, schedule: try! ScheduleRule.parse(schedule).get(),
            scheduleText: schedule,
            time: TimeRange(start: ClockTime(hour: 14, minute: 0), end: ClockTime(hour: 16, minute: 0)),
            invitation: Invitation(kinds: kinds), activeFrom: from, activeUntil: until)
    }

    func council(_ series: [MeetingSeries], published: PublishedSchedule? = nil) -> Council {
        var council = Council(id: "t", name: "テスト協議会", shortName: "テスト", businesses: [kita, minami], series: series)
        council.published[year] = published
        return council
    }

    func councilYear(_ council: Council, today: CalendarDate) -> CouncilYear {
        CouncilYear(council: council, year: year, today: today, scheduler: Scheduler(calendar: council.calendar))
    }

    @Test("a rule changed in December keeps the meetings before today and moves the later ones in place")
    func ruleChange() throws {
        let before = councilYear(council([series("偶数月の第2火曜日")]), today: Self.day(4, 1))
        #expect(
            before.meetings.map(\.date) == [
                Self.day(4, 14), Self.day(6, 9), Self.day(8, 12), Self.day(10, 13), Self.day(12, 8),
                Self.day(2, 9, 2027),
            ])
        let published = before.publishedSchedule

        let after = councilYear(council([series("偶数月の第3火曜日")], published: published), today: Self.day(12, 1))
        #expect(
            Array(after.meetings.prefix(4)) == Array(published.meetings.prefix(4)),
            "the past is as published, announcement and all")
        let december = try #require(after.meetings.first { $0.date.month == 12 })
        #expect(december.date == Self.day(12, 15))
        #expect(
            december.occurrence.originalDate == Self.day(12, 8), "the same meeting: its identity is the published one")
        #expect(december.occurrence.status == .moved)
        #expect(december.announcement.notice.hasPrefix("【日程変更】令和8年12月8日(火)から変更"))
        #expect(after.meetings.last?.occurrence.originalDate == Self.day(2, 9, 2027))
        #expect(after.pastChanges.count == 4)
        #expect(
            after.pastChanges.allSatisfy { if case .placedElsewhere = $0.kind { return true } else { return false } })
        #expect(after.pastChanges[0].description.contains("令和8年4月14日(火) 14:00–16:00は公開済みのため、そのまま残します"))
        #expect(after.pastChanges[0].description.contains("令和8年4月21日(火)"))

        // February's new date is a holiday (建国記念の日 2027-02-11 under 第2木曜日): both reasons are given.
        let thursday = councilYear(council([series("偶数月の第2木曜日")], published: published), today: Self.day(12, 1))
        let february = try #require(thursday.meetings.first { $0.date.month == 2 })
        #expect(february.occurrence.originalDate == Self.day(2, 9, 2027) && february.date == Self.day(2, 12, 2027))
        #expect(february.occurrence.note == "開催日の決め方の変更(偶数月の第2木曜日)、建国記念の日のため翌営業日に変更")

        // Seen again on a later day, the same year comes out: identities hold from one publish to the next.
        let again = councilYear(
            council([series("偶数月の第3火曜日")], published: after.publishedSchedule), today: Self.day(12, 2))
        #expect(again.meetings == after.meetings)
    }

    @Test("a one-off date moved into next year: this year keeps the published meeting, next year has the new one")
    func oneOffMovedOn() throws {
        let first = councilYear(council([series("2026-07-21", id: "shinki")]), today: Self.day(4, 1))
        let moved = council([series("2027-07-20", id: "shinki")], published: first.publishedSchedule)
        let after = councilYear(moved, today: Self.day(12, 1))
        #expect(after.scheduleErrors.isEmpty, "a year without the series' dates is no mistake")
        #expect(after.meetings.map(\.date) == [Self.day(7, 21)])
        #expect(after.pastChanges.map(\.kind) == [.noLongerGiven])
        let next = CouncilYear(
            council: moved, year: FiscalYear(2027), today: Self.day(12, 1),
            scheduler: Scheduler(calendar: moved.calendar))
        #expect(next.scheduleErrors.isEmpty && next.meetings.map(\.date) == [Self.day(7, 20, 2027)])
    }

    @Test("a meeting the plan now gives before today, never published, is not added")
    func neverPublished() throws {
        let first = councilYear(council([series("偶数月の第2火曜日")]), today: Self.day(4, 1))
        let extra = council(
            [series("偶数月の第2火曜日"), series("2026-09-01", id: "extra")], published: first.publishedSchedule)
        let after = councilYear(extra, today: Self.day(12, 1))
        #expect(!after.meetings.contains { $0.series == "extra" })
        #expect(after.pastChanges.count == 1)
        #expect(after.pastChanges[0].description.contains("過去の日で公開されていないため加えません"))
        // Without any published schedule, nothing was published and the plan is the year.
        #expect(councilYear(council(extra.series), today: Self.day(12, 1)).meetings.contains { $0.series == "extra" })
    }

    @Test("invitations before today are those published: a later change of invitation counts from today on")
    func invitationsAsPublished() throws {
        let first = councilYear(council([series("偶数月の第2火曜日")]), today: Self.day(4, 1))
        let widened = councilYear(
            council([series("偶数月の第2火曜日", kinds: [.designated, .commissioned])], published: first.publishedSchedule),
            today: Self.day(12, 1))
        #expect(
            widened.meetings.filter { $0.date < Self.day(12, 1) }.allSatisfy { $0.announcement.invited == ["kita"] })
        #expect(
            widened.meetings.filter { $0.date >= Self.day(12, 1) }.allSatisfy {
                $0.announcement.invited == ["kita", "minami"]
            })
        #expect(widened.pastChanges.isEmpty, "no past meeting moved")
    }

    @Test("a series meets only within from: and until:, and another year without it is no mistake")
    func seriesBelongToYears() throws {
        let bounded = series("第1水曜日", from: Self.day(10, 1), until: Self.day(1, 31, 2027))
        let built = councilYear(council([bounded]), today: Self.day(4, 1))
        #expect(built.scheduleErrors.isEmpty)
        #expect(built.meetings.map(\.date.month) == [10, 11, 12, 1])
        let later = CouncilYear(
            council: council([bounded]), year: FiscalYear(2027), today: Self.day(4, 1),
            scheduler: Scheduler(calendar: BusinessCalendar()))
        #expect(later.scheduleErrors.isEmpty && later.meetings.isEmpty)
        // A recurring rule that gives nothing in a whole year it is active in is still a mistake.
        let broken = councilYear(council([series("2月の第5土曜日")]), today: Self.day(4, 1))
        #expect(broken.scheduleErrors.count == 1)
    }
}

/// A typhoon's make-up counts for the month it makes up for; spare days (予備日) take a cancelled meeting.
@Suite("Make-ups and spare days")
struct MakeUpTests {
    let year = FiscalYear(2026)
    static func day(_ m: Int, _ d: Int, _ y: Int = 2026) -> CalendarDate { CalendarDate(year: y, month: m, day: d) }

    func caseReview(exceptions: [SeriesException] = [], spare: [CalendarDate] = []) -> Council {
        var series = MeetingSeries(
            id: "cr", title: "ケースレビュー", kind: .caseReview, schedule: try! ScheduleRule.parse("第4火曜日").get(),
            scheduleText: "第4火曜日",
            time: TimeRange(start: ClockTime(hour: 14, minute: 0), end: ClockTime(hour: 15, minute: 0)),
            invitation: Invitation(kinds: [.designated]))
        series.exceptions = exceptions
        series.spareDays = spare
        var council = Council(
            id: "t", name: "テスト協議会", shortName: "テスト",
            businesses: [Business(id: "kita", name: "きた相談室", kind: .designated)], series: [series])
        council.plans = [
            Plan(
                year: year, title: "t",
                tasks: [PlanTask(number: 1, title: "ケースレビュー", schedule: .months([5, 6, 7, 8, 10]), series: "cr")])
        ]
        return council
    }

    @Test("a meeting moved into another month to make up for its own counts for its own month")
    func makeUp() throws {
        let council = caseReview(exceptions: [
            SeriesException(
                originalDate: Self.day(8, 25), change: .move(date: Self.day(9, 8), time: nil), reason: "台風のため")
        ])
        let councilYear = CouncilYear(
            council: council, year: year, today: Self.day(4, 1), scheduler: Scheduler(calendar: council.calendar))
        let progress = PlanProgress(
            plan: council.plans[0], occurrences: councilYear.occurrences, recorded: { _ in true }, marks: [],
            asOf: Self.day(9, 30))
        let months = Dictionary(uniqueKeysWithValues: progress.tasks[0].details.map { ($0.month.month, $0) })
        #expect(months[8]?.state == .done, "August is made up on 9/8")
        #expect(
            months[8]?.activities.map(\.date) == [Self.day(9, 8)]
                && months[8]?.activities.first?.makesUpFor == Self.day(8, 25))
        #expect(
            months[9]?.activities.map(\.date) == [Self.day(9, 24)], "September has its own meeting only (9/22 is 国民の休日)"
        )
        #expect(progress.tasks[0].done == 4 && progress.tasks[0].due == 4, "5月 6月 7月 8月, none missed")
    }

    @Test(
        "a spare day the council is closed on, or with no meeting before it in its month, is never used and is warned about"
    )
    func unusableSpareDays() throws {
        let council = caseReview(
            exceptions: [SeriesException(originalDate: Self.day(12, 22), change: .cancel, reason: "会場の都合")],
            spare: [Self.day(4, 1), Self.day(12, 29)])
        let year = CouncilYear(
            council: council, year: self.year, today: Self.day(4, 1), scheduler: Scheduler(calendar: council.calendar))
        #expect(
            year.meetings.first { $0.occurrence.originalDate == Self.day(12, 22) }?.occurrence.status == .cancelled,
            "12/29 is 年末年始")
        #expect(
            year.scheduleWarnings == [
                .unusableSpareDay(series: "cr", date: Self.day(4, 1), reason: nil),
                .unusableSpareDay(series: "cr", date: Self.day(12, 29), reason: "年末年始"),
            ])
    }

    @Test("a slot postponed into the next month counts for its own month")
    func postponedSlot() throws {
        var council = caseReview()
        let rotation = Rotation(
            id: "sv", title: "個別SV", kind: .individualSupervision, slots: .after(series: "cr", minutes: 60),
            targetsPerSlot: 1,
            pool: Invitation(kinds: [.designated]),
            leads: [Lead(id: "x", name: "X", affiliation: .wardOffice(section: nil))])
        council.rotations = [rotation]
        council.plans = [
            Plan(
                year: year, title: "t",
                tasks: [PlanTask(number: 1, title: "個別SV", schedule: .months([5, 6]), series: "sv")])
        ]
        let slot = { (m: Int, d: Int) in
            RotationSlot(rotation: "sv", originalDate: Self.day(m, d), date: Self.day(m, d), time: nil)
        }
        var postponed = SlotAssignment(slot: slot(5, 26), targets: ["kita"], leads: ["x"], outcome: .held)
        postponed.slot.date = Self.day(6, 2)
        council.rotationRecords = [
            RotationRecord(
                rotation: "sv", year: year,
                assignments: [
                    postponed, SlotAssignment(slot: slot(6, 23), targets: ["kita"], leads: ["x"], outcome: .held),
                ])
        ]
        let councilYear = CouncilYear(
            council: council, year: year, today: Self.day(7, 1), scheduler: Scheduler(calendar: council.calendar))
        let progress = try #require(PlanProgress(councilYear, asOf: Self.day(7, 1)))
        #expect(
            progress.tasks[0].months.prefix(3).map(\.state) == [.unplanned, .done, .done],
            "5月 is done on 6/2, 6月 on 6/23")
    }

    @Test(
        "a cancelled meeting moves to the first spare day after it in its month, announced as a move; without one it stays cancelled"
    )
    func spareDays() throws {
        let council = caseReview(
            exceptions: [
                SeriesException(originalDate: Self.day(8, 25), change: .cancel, reason: "台風"),
                SeriesException(originalDate: Self.day(10, 27), change: .cancel, reason: "会場の都合"),
            ], spare: [Self.day(8, 21), Self.day(8, 28), Self.day(10, 20)])
        let meetings = CouncilYear(
            council: council, year: year, today: Self.day(4, 1), scheduler: Scheduler(calendar: council.calendar)
        ).meetings
        let august = try #require(meetings.first { $0.occurrence.originalDate == Self.day(8, 25) })
        #expect(august.occurrence.status == .moved && august.date == Self.day(8, 28), "8/21 is before the meeting")
        #expect(
            august.announcement.notice.hasPrefix("【日程変更】令和8年8月25日(火)から変更(予備日に変更(台風))"), "\(august.announcement.notice)")
        let october = try #require(meetings.first { $0.occurrence.originalDate == Self.day(10, 27) })
        #expect(october.occurrence.status == .cancelled, "the only October spare day is before the meeting")
    }
}

@Suite("Recording a slot's outcome")
struct SlotRecordingTests {
    @Test("the note of a 延期 does not follow the slot to 実施; the same outcome again keeps its note")
    func noteBelongsToItsOutcome() throws {
        let day = CalendarDate(year: 2026, month: 5, day: 20)
        let slot = RotationSlot(rotation: "kobetsu-sv", originalDate: day, date: day, time: nil)
        let record = RotationRecord(
            rotation: "kobetsu-sv", year: FiscalYear(2026),
            assignments: [SlotAssignment(slot: slot, targets: ["kita"], leads: [])])
        let postponed = try record.recording(
            .postponed, on: day, movedTo: CalendarDate(year: 2026, month: 5, day: 27), note: "事業所の都合", today: day
        ).get().record
        #expect(postponed.assignments[0].note == "事業所の都合")
        let again = try postponed.recording(.postponed, on: day, today: day).get().record
        #expect(again.assignments[0].note == "事業所の都合")
        let held = try postponed.recording(
            .held, on: CalendarDate(year: 2026, month: 5, day: 27), today: CalendarDate(year: 2026, month: 5, day: 28)
        ).get().record
        #expect(held.assignments[0].outcome == .held && held.assignments[0].note == nil, "「[実施: 事業所の都合]」 was printed")
        let withNote = try postponed.recording(
            .held, on: CalendarDate(year: 2026, month: 5, day: 27), note: "30分延長",
            today: CalendarDate(year: 2026, month: 5, day: 28)
        ).get().record
        #expect(withNote.assignments[0].note == "30分延長")
    }
}
