import CouncilCore
import Testing

/// Small hand-computed data: three invited businesses, two series, one cancelled meeting.
@Suite("Participation figures and plan progress")
struct ParticipationReviewTests {
    /// A ratio as the reports show it (rounded whole percent), written out here rather than taken from CouncilRendering.
    func shown(_ ratio: Double?) -> String { ratio.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }

    let year = FiscalYear(2026)
    static func day(_ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: 2026, month: m, day: d) }

    let a = Business(id: "a", name: "A相談室", kind: .designated, openedOn: day(4, 1), staffCount: 1)
    let b = Business(
        id: "b", name: "B相談室", kind: .designated, openedOn: CalendarDate(year: 2015, month: 4, day: 1), staffCount: 3)
    let c = Business(id: "c", name: "C委託", kind: .commissioned)
    let d = Business(id: "d", name: "D(招待なし)", kind: .other)

    var council: Council {
        let rule = ScheduleRule.dates([])
        return Council(
            id: "t", name: "テスト協議会", shortName: "テスト", businesses: [a, b, c, d],
            series: [
                MeetingSeries(
                    id: "s1", title: "連絡会", kind: .liaison, schedule: rule, scheduleText: "",
                    invitation: Invitation(kinds: [.designated, .commissioned])),
                MeetingSeries(
                    id: "s2", title: "研修会", kind: .training, schedule: rule, scheduleText: "",
                    invitation: Invitation(kinds: [.designated])),
            ])
    }

    let occurrences = [
        Occurrence(series: "s1", originalDate: day(4, 14), date: day(4, 14), time: nil),
        Occurrence(series: "s1", originalDate: day(5, 12), date: day(5, 12), time: nil, status: .cancelled),
        Occurrence(series: "s1", originalDate: day(6, 9), date: day(6, 9), time: nil),
        Occurrence(series: "s2", originalDate: day(4, 20), date: day(4, 20), time: nil),
        Occurrence(series: "s1", originalDate: day(7, 14), date: day(7, 14), time: nil),
    ]

    var book: AttendanceBook {
        AttendanceBook([
            AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "a", status: .present),
            AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "b", status: .absent),
            AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "c", status: .online),
            AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "d", status: .present),
            AttendanceEntry(series: "s1", originalDate: Self.day(6, 9), business: "a", status: .excused),
            AttendanceEntry(series: "s1", originalDate: Self.day(6, 9), business: "b", status: .present),
            AttendanceEntry(series: "s1", originalDate: Self.day(6, 9), business: "c", status: .present),
            AttendanceEntry(series: "s2", originalDate: Self.day(4, 20), business: "a", status: .absent),
            AttendanceEntry(series: "s2", originalDate: Self.day(4, 20), business: "b", status: .online),
        ])
    }

    /// The year with `occurrences` as published (every one before today), and `attendance` recorded; `more`
    /// businesses join the roster, invited as their kind is.
    func councilYear(_ attendance: AttendanceBook, more: [Business] = []) -> CouncilYear {
        var council = self.council
        council.businesses += more
        council.attendance[year] = attendance
        council.published[year] = PublishedSchedule(
            year: year,
            meetings: occurrences.map { occurrence in
                let series = council.series(occurrence.series)!
                return Meeting(
                    occurrence: occurrence,
                    announcement: MeetingAnnouncement(
                        occurrence, of: series, in: council, invited: council.invitees(of: series).map(\.id)))
            })
        return CouncilYear(
            council: council, year: year, today: Self.day(12, 1), scheduler: Scheduler(calendar: council.calendar))
    }

    func makeReview(kinds: Set<BusinessKind> = []) -> ParticipationReview {
        ParticipationReview(councilYear(book), asOf: Self.day(6, 30), kinds: kinds)
    }

    @Test("a business that has closed is not followed up; its past stays in the figures")
    func closedBusinessNotFollowedUp() {
        var council = self.council
        council.businesses[0].closedOn = Self.day(6, 15)  // A相談室, which came in April only
        council.attendance[year] = book
        council.published[year] = councilYear(book).council.published[year]
        let year = CouncilYear(
            council: council, year: year, today: Self.day(12, 1), scheduler: Scheduler(calendar: council.calendar))
        let open = ParticipationReview(councilYear(book), asOf: Self.day(12, 1)).followUps(months: 3).map(\.business.id)
        let review = ParticipationReview(year, asOf: Self.day(12, 1))
        #expect(open.contains("a"), "while it is open, it is followed up")
        #expect(!review.followUps(months: 3).map(\.business.id).contains("a"), "closed on 6/15: nobody to call")
        #expect(
            ParticipationReview(year, asOf: Self.day(6, 14)).followUps(months: 0).map(\.business.id).contains("a"),
            "the day before it closed, still")
        #expect(
            review.byBusiness.contains { $0.business.id == "a" && $0.rate.attended > 0 }, "its past stays in the review"
        )
    }

    @Test("council-year rate: 5 attendances of 8 invitations; the cancelled and the later meeting do not count")
    func overall() {
        let review = makeReview()
        #expect(review.meetings.map(\.originalDate) == [Self.day(4, 14), Self.day(4, 20), Self.day(6, 9)])
        #expect(review.overall == .init(attended: 5, invited: 8, online: 2, excused: 1, absent: 2))
        #expect(shown(review.overall.ratio) == "63%")
        #expect(review.reach == .init(attended: 3, invited: 3), "D came uninvited and counts nowhere")
    }

    @Test("per business, series, month and kind")
    func breakdowns() {
        let review = makeReview()
        #expect(
            review.byBusiness.map { "\($0.business.id) \($0.rate.attended)/\($0.rate.invited)" } == [
                "a 1/3", "b 2/3", "c 2/2",
            ])
        #expect(
            review.bySeries.map { "\($0.series.id) \($0.rate.attended)/\($0.rate.invited)" } == ["s1 4/6", "s2 1/2"])
        #expect(
            review.byMonth.map { "\($0.month.month) \($0.rate.attended)/\($0.rate.invited)" } == ["4 3/5", "6 2/3"])
        #expect(review.byKind.map { "\($0.kind) \($0.rate.attended)/\($0.rate.invited)" } == ["指定特定 3/6", "委託 2/2"])
        #expect(
            makeReview(kinds: [.designated]).overall == .init(attended: 3, invited: 6, online: 1, excused: 1, absent: 2)
        )
    }

    @Test("follow-up: not seen for a month, flagged new and one-person")
    func followUps() {
        let list = makeReview().followUps(months: 1)
        #expect(list.map(\.business.id) == ["a"])
        #expect(list.first?.lastAttended == Self.day(4, 14))
        #expect(list.first?.isNew == true && list.first?.isOnePerson == true)
        #expect(makeReview().followUps(months: 3).isEmpty)
        let nobody = ParticipationReview(
            councilYear(
                AttendanceBook([
                    AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "c", status: .present)
                ])), asOf: Self.day(6, 30))
        #expect(nobody.followUps(months: 3).map(\.business.id) == ["a", "b"], "never reached this year")
    }

    @Test("merging: new lines added, the same line twice changes nothing, a different status is a conflict")
    func merging() {
        var record = book
        let again = record.merge(record.sorted)
        #expect(again.added.isEmpty && again.conflicts.isEmpty && again.unchanged.count == 9)
        let new = AttendanceEntry(series: "s1", originalDate: Self.day(7, 14), business: "a", status: .present)
        let changed = AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "b", status: .present)
        let plan = record.merge([new, changed, new])
        #expect(plan.added == [new])
        #expect(plan.conflicts.map(\.existing.status) == [.absent])
        record.add(plan.added)
        #expect(record.entries.count == 10)
    }

    @Test("each meeting's lines are counted with the book, however it is made, and follow additions and removals")
    func lineCounts() {
        let counts = { (record: AttendanceBook) in self.occurrences.map { record.lineCount(of: MeetingKey($0)) } }
        let entries = book.sorted
        #expect(counts(book) == [4, 0, 3, 2, 0] && book.recordedMeetings.count == 3)
        // Read in a file's order, in any order, or keyed already: the same counts.
        let keyed = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) })
        #expect(counts(AttendanceBook(unique: keyed, order: entries)) == counts(book))
        #expect(counts(AttendanceBook(unique: keyed, order: entries.reversed())) == counts(book))
        #expect(
            counts(
                AttendanceBook(
                    unique: keyed,
                    order: entries.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(
                        \.element))) == counts(book))
        #expect(counts(AttendanceBook(unique: keyed)) == counts(book))
        var record = book
        record.add([
            AttendanceEntry(series: "s1", originalDate: Self.day(7, 14), business: "a", status: .present), entries[0],
        ])
        #expect(counts(record) == [4, 0, 3, 2, 1], "a new line counts, a line replaced does not")
        _ = record.remove([
            entries[0].key, entries[0].key,
            AttendanceEntry.Key(series: "s1", originalDate: Self.day(7, 14), business: "a"),
        ])
        #expect(
            counts(record) == [3, 0, 3, 2, 0] && record.recordedMeetings.count == 3,
            "a meeting with no line left is 未記録 again")
    }

    @Test(
        "a book read with each meeting's lines together in business order hands them over so; any other order, or a change, does not"
    )
    func linesInBusinessOrder() {
        let entries = book.sorted
        let keyed = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) })
        let ordered = AttendanceBook(unique: keyed, order: entries)
        for occurrence in occurrences {
            let meeting = MeetingKey(occurrence)
            let expected = entries.filter { MeetingKey($0.key) == meeting }
            #expect(ordered.linesInBusinessOrder(of: meeting).map(Array.init) == expected)
        }
        #expect(
            AttendanceBook(unique: keyed, order: entries.reversed()).linesInBusinessOrder(
                of: MeetingKey(occurrences[0])) == nil, "businesses in reverse order")
        // One meeting's lines in two runs.
        let split = entries.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(
            \.element)
        #expect(AttendanceBook(unique: keyed, order: split).linesInBusinessOrder(of: MeetingKey(occurrences[0])) == nil)
        #expect(
            AttendanceBook(unique: keyed).linesInBusinessOrder(of: MeetingKey(occurrences[0])) == nil, "no order given")
        var changed = ordered
        changed.add([])
        #expect(
            changed.linesInBusinessOrder(of: MeetingKey(occurrences[0])) == nil && changed == ordered,
            "changed, the same book without the order")
    }

    @Test(
        "a book kept as the lines were read and one keyed are the same book: equal, hashed alike, every line found, none invented"
    )
    func runsAndKeyed() {
        let entries = book.sorted
        let keyed = AttendanceBook(unique: Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) }))
        guard let runs = AttendanceBook(runs: entries) else {
            Issue.record("each meeting's lines together in business order are runs")
            return
        }
        #expect(runs == keyed && keyed == runs && runs.hashValue == keyed.hashValue && runs.count == 9)
        #expect(
            runs.entries == keyed.entries && runs.sorted == keyed.sorted
                && runs.recordedMeetings == keyed.recordedMeetings)
        for entry in entries { #expect(runs.entry(entry.key) == entry) }
        // Before the first, between two and after the last business of a meeting, and a meeting with no line.
        for (business, date) in [
            ("0", Self.day(4, 14)), ("bb", Self.day(4, 14)), ("e", Self.day(4, 14)), ("a", Self.day(5, 12)),
        ] {
            #expect(
                runs.entry(AttendanceEntry.Key(series: "s1", originalDate: date, business: BusinessID(business))) == nil
            )
        }
        #expect(runs.entries(of: MeetingKey(occurrences[2])) == keyed.entries(of: MeetingKey(occurrences[2])))
        // A business twice in a meeting, or a meeting's lines in two runs, are not runs.
        #expect(AttendanceBook(runs: [entries[0], entries[0]]) == nil)
        #expect(AttendanceBook(runs: [entries[0], entries[4], entries[1]]) == nil)
        #expect(AttendanceBook(runs: []) == AttendanceBook())
        // A different line, or one fewer, is another book.
        var changed = entries
        changed[5].status = .absent
        #expect(AttendanceBook(runs: changed) != keyed && AttendanceBook(runs: Array(entries.dropLast())) != keyed)
        // Changed, it is keyed and still the same book as the keyed one changed alike.
        var addedToRuns = runs
        var addedToKeyed = keyed
        let new = AttendanceEntry(series: "s1", originalDate: Self.day(7, 14), business: "a", status: .present)
        addedToRuns.add([new])
        addedToKeyed.add([new])
        #expect(addedToRuns == addedToKeyed && addedToRuns.lineCount(of: MeetingKey(occurrences[4])) == 1)
        #expect(addedToRuns.linesInBusinessOrder(of: MeetingKey(occurrences[0])) == nil)
    }

    @Test("plan against actual: done, cancelled, missed, upcoming and 達成率")
    func progress() {
        let plan = Plan(
            year: year, title: "t",
            tasks: [
                PlanTask(number: 1, title: "連絡会", schedule: .months([4, 5, 6, 7]), series: "s1"),
                PlanTask(number: 2, title: "周知(毎月)", schedule: .everyMonth),
                PlanTask(number: 3, title: "訪問(随時)", schedule: .asNeeded),
                PlanTask(number: 4, title: "研修(1回以上)", schedule: .atLeast(times: 1, months: [6, 7]), series: "s1"),
                PlanTask(number: 5, title: "周知(4・5月)", schedule: .months([4, 5])),
            ])
        let marks = [
            PlanProgress.Mark(task: 2, month: 4, status: .done),
            PlanProgress.Mark(task: 2, month: 5, status: .cancelled),
            PlanProgress.Mark(task: 3, month: 5, status: .done), PlanProgress.Mark(task: 5, month: 4, status: .done),
        ]
        let progress = PlanProgress(
            plan: plan, occurrences: occurrences, recorded: { _ in true }, marks: marks, asOf: Self.day(6, 30))
        func states(_ n: Int) -> [PlanProgress.MonthState] {
            Array(progress.tasks[n - 1].months.prefix(4).map(\.state))
        }
        #expect(states(1) == [.done, .cancelled, .done, .upcoming])
        #expect(states(2) == [.done, .cancelled, .upcoming, .upcoming], "June is the month of asOf, not over yet")
        #expect(states(3) == [.unplanned, .done, .unplanned, .unplanned])
        #expect(states(5) == [.done, .missed, .unplanned, .unplanned])
        #expect(progress.tasks.map(\.rate) == [1.0, 1.0, nil, 1.0, 0.5])
        #expect(progress.overall == (done: 5, due: 6))
    }

    @Test("a past meeting with no attendance line is 未記録: listed, in no rate, not done, not missed")
    func unrecordedMeeting() throws {
        // 7月14日 has passed by 7月31日 and nobody recorded it.
        let review = ParticipationReview(councilYear(book), asOf: Self.day(7, 31))
        #expect(review.unrecorded.map(\.originalDate) == [Self.day(7, 14)])
        #expect(review.overall == makeReview().overall, "the unrecorded meeting adds no invitation")
        let plan = Plan(
            year: year, title: "t",
            tasks: [PlanTask(number: 1, title: "連絡会", schedule: .months([4, 6, 7]), series: "s1")])
        var council = councilYear(book).council
        council.plans = [plan]
        let progress = try #require(
            PlanProgress(
                CouncilYear(
                    council: council, year: year, today: Self.day(12, 1),
                    scheduler: Scheduler(calendar: council.calendar)), asOf: Self.day(8, 31)))
        #expect(progress.tasks[0].months.prefix(4).map(\.state) == [.done, .unplanned, .done, .unrecorded])
        #expect(progress.tasks[0].rate == 1.0 && progress.tasks[0].due == 2, "July is neither done nor missed")
    }

    @Test("replies, 欠席連絡あり apart from 欠席, and the online share")
    func repliesAndOnline() {
        let overall = makeReview().overall
        // 4/14: a 出席, b 欠席, c オンライン; 6/9: a 欠席連絡あり, b c 出席; 4/20: a 欠席, b オンライン.
        #expect(overall == ParticipationReview.Rate(attended: 5, invited: 8, online: 2, excused: 1, absent: 2))
        #expect(overall.replied == 8 && overall.unanswered == 0)
        #expect(shown(overall.replyRatio) == "100%" && shown(overall.onlineRatio) == "40%")
    }

    @Test("参加率 is attendances ÷ invitations: an invitee with no line is 無回答, in the denominator, not left out of it")
    func unansweredInvitees() throws {
        // E came to 4/14 and has no line for 4/20 or 6/9; F has no line at all. Both are invited to all three.
        let e = Business(id: "e", name: "E相談室", kind: .designated)
        let f = Business(id: "f", name: "F相談室", kind: .designated)
        var lines = book.sorted
        lines.append(AttendanceEntry(series: "s1", originalDate: Self.day(4, 14), business: "e", status: .present))
        let review = ParticipationReview(councilYear(AttendanceBook(lines), more: [e, f]), asOf: Self.day(6, 30))
        let rates = Dictionary(uniqueKeysWithValues: review.byBusiness.map { ($0.business.id, $0.rate) })
        let rateE = try #require(rates["e"])
        let rateF = try #require(rates["f"])
        #expect(rateE == .init(attended: 1, invited: 3) && rateE.replied == 1 && rateE.unanswered == 2)
        #expect(rateE.ratio == 1.0 / 3.0 && shown(rateE.ratio) == "33%", "1 of 3 invitations, not 1 of 1 reply")
        #expect(rateF == .init(attended: 0, invited: 3) && rateF.replied == 0)
        #expect(rateF.ratio == 0 && shown(rateF.ratio) == "0%", "invited and never answered is 0%, not —")
        // The council: 6 attendances of 14 invitations (5 + 4 + 5), of which 9 have a line.
        #expect(review.overall == .init(attended: 6, invited: 14, online: 2, excused: 1, absent: 2))
        #expect(review.overall.replied == 9 && review.overall.unanswered == 5)
        #expect(review.overall.ratio == 6.0 / 14.0 && shown(review.overall.ratio) == "43%", "6 ÷ 14, not 6 ÷ 9")
        #expect(shown(review.overall.replyRatio) == "64%")
        #expect(review.bySeries.map { "\($0.series.id) \(shown($0.rate.ratio))" } == ["s1 50%", "s2 25%"])
        #expect(review.reach == .init(attended: 4, invited: 5))
    }

    @Test("N回以上 done more than N times counts N: min(done, N) ÷ N for the task, and N in the plan's 達成率")
    func atLeastDoneMoreThanNTimes() {
        // 連絡会 is held and recorded on 4/14, 6/9 and 7/14: three times for a task of 2回以上 in 4・6・7月.
        let plan = Plan(
            year: year, title: "t",
            tasks: [
                PlanTask(number: 1, title: "連絡会(2回以上)", schedule: .atLeast(times: 2, months: [4, 6, 7]), series: "s1"),
                PlanTask(number: 2, title: "周知(4・5月)", schedule: .months([4, 5])),
            ])
        let progress = PlanProgress(
            plan: plan, occurrences: occurrences, recorded: { _ in true }, marks: [], asOf: Self.day(8, 31))
        let task = progress.tasks[0]
        #expect(task.done == 3, "every month done is counted")
        #expect(!task.isPending && task.due == 2)
        #expect(task.rate == 1.0, "capped at N: 3 of 2 is 100%, not 150%")
        #expect(progress.tasks[1].done == 0 && progress.tasks[1].due == 2)
        #expect(progress.overall == (done: 2, due: 4), "the plan counts 2 of the task's 2 and 0 of 2: 50%, not 3 of 4")
    }

    @Test("a business is invited only while it is open: from opened_on, before closed_on")
    func openAndClosed() {
        let late = Business(id: "late", name: "新設相談室", kind: .designated, openedOn: Self.day(9, 1), staffCount: 1)
        let gone = Business(
            id: "gone", name: "廃止相談室", kind: .designated, openedOn: CalendarDate(year: 2010, month: 4, day: 1),
            closedOn: Self.day(6, 1))
        let rule = ScheduleRule.dates((4...12).map { Self.day($0, 10) })
        let council = Council(
            id: "t", name: "テスト協議会", shortName: "テスト", businesses: [late, gone],
            series: [
                MeetingSeries(
                    id: "s1", title: "連絡会", kind: .liaison, schedule: rule, scheduleText: "",
                    invitation: Invitation(kinds: [.designated]))
            ])
        let councilYear = CouncilYear(
            council: council, year: year, today: Self.day(4, 1), scheduler: Scheduler(calendar: council.calendar))
        for meeting in councilYear.meetings {
            #expect(
                meeting.announcement.invited.contains("late") == (meeting.date >= Self.day(9, 1)), "\(meeting.date)")
            #expect(meeting.announcement.invited.contains("gone") == (meeting.date < Self.day(6, 1)), "\(meeting.date)")
        }
    }

    @Test("a meeting moved past the year's end counts a business only if it was open on the day it was held")
    func movedPastTheYearsEnd() {
        let staying = Business(id: "stay", name: "継続相談室", kind: .designated)
        let closing = Business(
            id: "shut", name: "年度末廃止相談室", kind: .designated, closedOn: CalendarDate(year: 2027, month: 4, day: 1))
        var council = Council(
            id: "t", name: "テスト協議会", shortName: "テスト", businesses: [staying, closing],
            series: [
                MeetingSeries(
                    id: "s1", title: "連絡会", kind: .liaison, schedule: .dates([]), scheduleText: "",
                    invitation: Invitation(kinds: [.designated]))
            ])
        let march = Occurrence(
            series: "s1", originalDate: CalendarDate(year: 2027, month: 3, day: 30),
            date: CalendarDate(year: 2027, month: 4, day: 1), time: nil, status: .moved)
        let held = Occurrence(series: "s1", originalDate: Self.day(4, 14), date: Self.day(4, 14), time: nil)
        council.published[year] = PublishedSchedule(
            year: year,
            meetings: [held, march].map { occurrence in
                Meeting(
                    occurrence: occurrence,
                    announcement: MeetingAnnouncement(
                        occurrence, of: council.series[0], in: council, invited: ["stay", "shut"]))
            })
        council.attendance[year] = AttendanceBook(
            [held, march].flatMap { occurrence in
                ["shut", "stay"].map {
                    AttendanceEntry(
                        series: "s1", originalDate: occurrence.originalDate, business: BusinessID($0), status: .present)
                }
            })
        let review = ParticipationReview(
            CouncilYear(
                council: council, year: year, today: CalendarDate(year: 2027, month: 5, day: 1),
                scheduler: Scheduler(calendar: council.calendar)), asOf: CalendarDate(year: 2027, month: 4, day: 30))
        #expect(review.meetings.count == 2)
        #expect(review.overall.invited == 3 && review.overall.attended == 3, "\(review.overall)")
        #expect(
            review.byBusiness.map { [$0.business.id.rawValue, "\($0.rate.invited)"] } == [
                ["stay", "2"], ["shut", "1"],
            ])
    }

    @Test("N回以上 is pending until its months end; a rotation's month is done when its slot is recorded 実施")
    func pendingAndSlots() throws {
        let plan = Plan(
            year: year, title: "t",
            tasks: [
                PlanTask(
                    number: 1, title: "研修(2回以上)", schedule: .atLeast(times: 2, months: [6, 7, 8, 9]), series: "s1"),
                PlanTask(number: 2, title: "個別SV", schedule: .everyMonth, series: "sv"),
            ])
        let sv = Rotation(
            id: "sv", title: "個別SV", kind: .individualSupervision, slots: .schedule(.dates([]), text: "", time: nil),
            pool: Invitation(kinds: [.designated]), leads: [])
        func slot(_ m: Int, _ outcome: SlotOutcome?) -> SlotAssignment {
            SlotAssignment(
                slot: RotationSlot(rotation: "sv", originalDate: Self.day(m, 16), date: Self.day(m, 16), time: nil),
                targets: ["a"], leads: [], outcome: outcome)
        }
        var council = councilYear(book).council
        council.plans = [plan]
        council.rotations = [sv]
        council.rotationRecords = [
            RotationRecord(
                rotation: "sv", year: year,
                assignments: [slot(4, .held), slot(5, .cancelledByBusiness), slot(6, nil), slot(7, .postponed)])
        ]
        let seen = CouncilYear(
            council: council, year: year, today: Self.day(12, 1), scheduler: Scheduler(calendar: council.calendar))
        let july = try #require(PlanProgress(seen, asOf: Self.day(7, 31)))
        #expect(
            july.tasks[0].isPending && july.tasks[0].due == nil && july.tasks[0].done == 1,
            "one of two by July: still pending")
        #expect(july.tasks[1].months.prefix(4).map(\.state) == [.done, .cancelled, .unrecorded, .upcoming])
        #expect(july.overall == (done: 1, due: 1), "pending and unrecorded months are out of 達成率")
        let october = try #require(PlanProgress(seen, asOf: Self.day(10, 1)))
        #expect(
            !october.tasks[0].isPending && october.tasks[0].due == 2 && october.tasks[0].rate == 0.5,
            "its months are over: 1 of 2")
    }
}
