import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilTestSupport
import Foundation
import Testing

@Suite("Schedules with libical's recurrence and the bundled plans")
struct ScheduleWithLibicalTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let year = FiscalYear(2026)

    @Test(
        "an RRULE and the friendly form give the same days",
        arguments: [
            ("FREQ=MONTHLY;BYDAY=2TU", "第2火曜日"),
            ("FREQ=MONTHLY;BYMONTH=2,4,6,8,10,12;BYDAY=2TU", "偶数月の第2火曜日"),
            ("FREQ=MONTHLY;BYMONTH=5,7,9,11,1,3;BYDAY=3WE", "5,7,9,11,1,3月の第3水曜日"),
            ("FREQ=MONTHLY;BYDAY=-1FR", "毎月最終金曜日"),
            ("FREQ=WEEKLY;BYDAY=WE", "毎週水曜日"),
        ])
    func sameDays(rrule: String, friendly: String) throws {
        let viaLibical = try ScheduleRule.parse("RRULE:\(rrule)").get().dates(
            from: year.firstDay, through: year.lastDay, expander: LibicalRecurrence())
        let viaFriendly = try ScheduleRule.parse(friendly).get().dates(
            from: year.firstDay, through: year.lastDay, expander: nil)
        #expect(viaLibical == viaFriendly)
    }

    @Test("a bad RRULE is reported with what was expected")
    func badRule() throws {
        let rule = try ScheduleRule.parse("RRULE:FREQ=FORTNIGHTLY").get()
        #expect(throws: ScheduleRuleError.self) {
            try rule.dates(from: year.firstDay, through: year.lastDay, expander: LibicalRecurrence())
        }
    }

    @Test("a fortnightly Sunday series starts in the week of 4/1, and an exception on 4/5 is accepted (issue #33)")
    func fortnightlySundaySeries() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] =
            PlanFixture.council + """
                  - id: sunday
                    title: 日曜交流会
                    kind: 情報交換会
                    schedule: "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=3"
                    time: 10:00-12:00
                    holiday_policy: keep
                    invite:
                      kinds: [指定特定]
                    exceptions:
                      - {date: 2026-04-05, move_to: 2026-04-12, reason: 会場の都合}

                """
        let council = try await PlanDirectory.load(try fixture.write(), expander: LibicalRecurrence()).get()
        let series = try #require(council.series(SeriesID("sunday")))
        let scheduler = Scheduler(calendar: council.calendar, expander: LibicalRecurrence())
        let occurrences = try scheduler.occurrences(of: series, in: year)
        #expect(
            occurrences.map { "\($0.originalDate)→\($0.date)" } == [
                "2026-04-05→2026-04-12", "2026-04-19→2026-04-19", "2026-05-03→2026-05-03",
            ])
    }

    @Test(
        "every bundled council's year has no meeting on a holiday or a closure unless its series says keep",
        arguments: ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"])
    func bundledYear(id: String) async throws {
        let council = try await PlanDirectory.load(
            Self.repository.appendingPathComponent("plans/\(id)").path, expander: LibicalRecurrence()
        ).get()
        let occurrences = try Scheduler(calendar: council.calendar, expander: LibicalRecurrence()).occurrences(
            of: council, in: year
        ).get()
        #expect(!occurrences.isEmpty)
        for occurrence in occurrences where occurrence.status != .cancelled {
            let series = try #require(council.series(occurrence.series))
            if series.holidayPolicy != .keep {
                #expect(
                    council.calendar.isBusinessDay(occurrence.date),
                    "\(id) \(occurrence.series) on \(occurrence.date): \(council.calendar.reasonClosed(on: occurrence.date) ?? "")"
                )
            }
            #expect(year.contains(occurrence.date) || occurrence.status == .moved)
        }
        #expect(
            Set(occurrences.map { "\($0.series)/\($0.originalDate)" }).count == occurrences.count,
            "identities are unique")
    }
}
