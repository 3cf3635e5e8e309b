import CouncilCore
import Testing

@Suite("Rotations assigned fairly")
struct RotationPlannerTests {
    let year = FiscalYear(2026)

    func business(_ id: String, opened: Int = 2015, staff: Int = 3, kind: BusinessKind = .designated) -> Business {
        Business(id: BusinessID(id), name: id, kind: kind, openedOn: CalendarDate(year: opened, month: 6, day: 1), staffCount: staff)
    }

    /// A monthly slot on the 3rd Thursday, 12 a year, like 宮城野区's 個別SV after the 連絡会.
    func slots(_ rotation: RotationID = "sv") -> [RotationSlot] {
        (0..<12).map { offset in
            let month = year.months[offset]
            let date = nthWeekday(3, 4, year: month.year, month: month.month)
            return RotationSlot(rotation: rotation, originalDate: date, date: date, time: TimeRange(start: ClockTime(hour: 15, minute: 0), end: ClockTime(hour: 16, minute: 0)))
        }
    }

    func council(_ businesses: [Business]) -> Council {
        Council(id: "t", name: "テスト協議会", shortName: "テスト", businesses: businesses)
    }

    func rotation(leads: [Lead], pair: Bool = false, max: Int? = nil, unavailable: [BusinessID: Set<Int>] = [:], targets: Int = 1) -> Rotation {
        Rotation(id: "sv", title: "個別スーパービジョン", kind: .individualSupervision, slots: .after(series: "renrakukai", minutes: 60),
                 targetsPerSlot: targets, pool: Invitation(kinds: [.designated]), leads: leads, requiresPair: pair, maxPerLead: max, unavailableMonths: unavailable)
    }

    let twoSupervisors = [
        Lead(id: "sato", name: "佐藤", affiliation: .business("kikan")),
        Lead(id: "takahashi", name: "高橋", affiliation: .business("b3")),
    ]

    var eight: [Business] {
        [business("b1"), business("b2"), business("b3"), business("b4", staff: 1), business("b5"), business("b6", opened: 2025, staff: 1), business("b7", opened: 2026), business("b8"), business("kikan", kind: .core)]
    }

    func plan(_ rotation: Rotation, _ businesses: [Business], previous: [SlotAssignment] = [], today: CalendarDate = CalendarDate(year: 2026, month: 3, day: 31), reached: Set<BusinessID>? = nil) throws -> RotationPlan {
        try RotationPlanner(council: council(businesses), rotation: rotation, year: year, reachedLastYear: reached).plan(slots: slots(), previous: previous, today: today).get()
    }

    @Test("one business a month; everyone once before anyone twice; new and one-person businesses first")
    func fairYear() throws {
        let result = try plan(rotation(leads: twoSupervisors), eight)
        let targets = result.assignments.map { $0.targets.map(\.rawValue) }
        #expect(targets.allSatisfy { $0.count == 1 })
        let order = targets.map { $0[0] }
        #expect(Set(order.prefix(8)).count == 8, "the first eight slots go to eight different businesses: \(order)")
        #expect(order.prefix(3) == ["b6", "b7", "b4"], "新規+一人 (weight 7), 新規 (5), 一人 (3) first: \(order)")
        #expect(Set(order.suffix(4)) == ["b6", "b7", "b4", "b1"], "second turns go to priority first: \(order)")
        #expect(result.withoutTurn.isEmpty)
    }

    @Test("not reached last year comes first too")
    func notReached() throws {
        let plain = (1...4).map { business("b\($0)") }
        let result = try plan(rotation(leads: [Lead(id: "x", name: "X", affiliation: .wardOffice)]), plain, reached: ["b1", "b2", "b4"])
        #expect(result.assignments.first?.targets == ["b3"])
    }

    @Test("no lead ever leads a slot for their own business, and loads are balanced")
    func conflictOfInterest() throws {
        let result = try plan(rotation(leads: twoSupervisors), eight)
        let loads = Dictionary(result.assignments.flatMap(\.leads).map { ($0, 1) }, uniquingKeysWith: +)
        #expect(loads["sato"] == 6 && loads["takahashi"] == 6)
        for assignment in result.assignments where assignment.targets.contains("b3") {
            #expect(assignment.leads == ["sato"], "高橋 belongs to b3")
        }
    }

    @Test("a pair is one 区職員 and one 事業所職員, never from the target")
    func pairs() throws {
        let leads = [
            Lead(id: "ito", name: "伊藤(区)", affiliation: .wardOffice),
            Lead(id: "kato", name: "加藤(区)", affiliation: .wardOffice),
            Lead(id: "yamada", name: "山田", affiliation: .business("b1")),
            Lead(id: "kimura", name: "木村", affiliation: .business("b2")),
        ]
        let result = try plan(rotation(leads: leads, pair: true), eight)
        for assignment in result.assignments {
            let chosen = assignment.leads.compactMap { id in leads.first { $0.id == id } }
            #expect(chosen.count == 2)
            #expect(chosen.filter { $0.affiliation == .wardOffice }.count == 1)
            #expect(!chosen.contains { $0.business.map(assignment.targets.contains) ?? false })
        }
    }

    @Test("a month a business cannot do is respected")
    func unavailable() throws {
        let result = try plan(rotation(leads: twoSupervisors, unavailable: ["b6": [4, 5, 6]]), eight)
        for assignment in result.assignments where assignment.targets.contains("b6") {
            #expect(![4, 5, 6].contains(assignment.slot.date.month))
        }
        #expect(result.assignments.contains { $0.targets.contains("b6") })
    }

    @Test("an infeasible set-up names the slot and the constraint that blocks it")
    func infeasible() throws {
        let everyone: [BusinessID: Set<Int>] = Dictionary(uniqueKeysWithValues: eight.map { ($0.id, [8]) })
        let noAugust = RotationPlanner(council: council(eight), rotation: rotation(leads: twoSupervisors, unavailable: everyone), year: year)
            .plan(slots: slots(), previous: [], today: CalendarDate(year: 2026, month: 3, day: 31))
        guard case .failure(let error) = noAugust else {
            Issue.record("August cannot be filled")
            return
        }
        #expect(error.description.contains("8月20日(木)"))
        #expect(error.description.contains("8月は不可"))

        let onlyOwn = [Lead(id: "takahashi", name: "高橋", affiliation: .business("b3"))]
        let single = [business("b3")]
        guard case .failure(let conflict) = RotationPlanner(council: council(single), rotation: rotation(leads: onlyOwn), year: year).plan(slots: slots(), previous: [], today: CalendarDate(year: 2026, month: 3, day: 31)) else {
            Issue.record("the only business is the only lead's own")
            return
        }
        #expect(conflict.description.contains("担当者がいません") || conflict.description.contains("その事業所以外の担当者がいません"))

        guard case .failure(let capped) = RotationPlanner(council: council(eight), rotation: rotation(leads: twoSupervisors, max: 5), year: year).plan(slots: slots(), previous: [], today: CalendarDate(year: 2026, month: 3, day: 31)) else {
            Issue.record("two leads of at most 5 cannot lead 12 slots")
            return
        }
        #expect(capped.description.contains("max_per_lead"))
    }

    @Test("a re-run after adding a business keeps every past slot and changes the fewest future ones")
    func stability() throws {
        let before = try plan(rotation(leads: twoSupervisors), eight)
        let autumn = CalendarDate(year: 2026, month: 9, day: 30)
        let more = eight + [business("b9", opened: 2026, staff: 1)]
        let after = try plan(rotation(leads: twoSupervisors), more, previous: before.assignments, today: autumn)
        for (old, new) in zip(before.assignments, after.assignments) where old.slot.date <= autumn {
            #expect(new.isHeld && new.targets == old.targets && new.leads == old.leads)
        }
        let changed = zip(before.assignments, after.assignments).filter { $0.targets != $1.targets }
        #expect(changed.count == 1, "only one future slot changes, to make room for b9: \(changed.map { "\($0.slot.date) \($0.targets)→\($1.targets)" })")
        #expect(after.assignments.contains { $0.targets == ["b9"] })
    }

    @Test("the same input gives the same plan")
    func deterministic() throws {
        let first = try plan(rotation(leads: twoSupervisors), eight)
        for _ in 0..<5 {
            #expect(try plan(rotation(leads: twoSupervisors), eight) == first)
            #expect(try plan(rotation(leads: twoSupervisors), eight.reversed()) == first, "roster order does not matter")
        }
    }

    @Test("several targets per slot: a GSV round")
    func groups() throws {
        let result = try plan(rotation(leads: twoSupervisors, targets: 3), eight)
        #expect(result.assignments.allSatisfy { $0.targets.count == 3 })
        #expect(Set(result.assignments.prefix(3).flatMap(\.targets)).count == 8, "round one covers all eight")
    }
}
