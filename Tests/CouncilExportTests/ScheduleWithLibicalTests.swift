import CouncilCore
import CouncilExport
import CouncilFiles
import Foundation
import Testing

@Suite("Schedules with libical's recurrence and the bundled plans")
struct ScheduleWithLibicalTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let year = FiscalYear(2026)

    @Test("an RRULE and the friendly form give the same days", arguments: [
        ("FREQ=MONTHLY;BYDAY=2TU", "第2火曜日"),
        ("FREQ=MONTHLY;BYMONTH=2,4,6,8,10,12;BYDAY=2TU", "偶数月の第2火曜日"),
        ("FREQ=MONTHLY;BYMONTH=5,7,9,11,1,3;BYDAY=3WE", "5,7,9,11,1,3月の第3水曜日"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "毎月最終金曜日"),
        ("FREQ=WEEKLY;BYDAY=WE", "毎週水曜日"),
    ])
    func sameDays(rrule: String, friendly: String) throws {
        let viaLibical = try ScheduleRule.parse("RRULE:\(rrule)").get().dates(from: year.firstDay, through: year.lastDay, expander: LibicalRecurrence())
        let viaFriendly = try ScheduleRule.parse(friendly).get().dates(from: year.firstDay, through: year.lastDay, expander: nil)
        #expect(viaLibical == viaFriendly)
    }

    @Test("a bad RRULE is reported with what was expected")
    func badRule() throws {
        let rule = try ScheduleRule.parse("RRULE:FREQ=FORTNIGHTLY").get()
        #expect(throws: ScheduleRuleError.self) { try rule.dates(from: year.firstDay, through: year.lastDay, expander: LibicalRecurrence()) }
    }

    @Test("every bundled council's year has no meeting on a holiday or a closure unless its series says keep",
          arguments: ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"])
    func bundledYear(id: String) throws {
        let council = try PlanDirectory.load(Self.repository.appendingPathComponent("plans/\(id)").path, expander: LibicalRecurrence()).get()
        let occurrences = try Scheduler(calendar: council.calendar, expander: LibicalRecurrence()).occurrences(of: council, in: year).get()
        #expect(!occurrences.isEmpty)
        for occurrence in occurrences where occurrence.status != .cancelled {
            let series = try #require(council.series(occurrence.series))
            if series.holidayPolicy != .keep {
                #expect(council.calendar.isBusinessDay(occurrence.date), "\(id) \(occurrence.series) on \(occurrence.date): \(council.calendar.reasonClosed(on: occurrence.date) ?? "")")
            }
            #expect(year.contains(occurrence.date) || occurrence.status == .moved)
        }
        #expect(Set(occurrences.map { "\($0.series)/\($0.originalDate)" }).count == occurrences.count, "identities are unique")
    }
}
