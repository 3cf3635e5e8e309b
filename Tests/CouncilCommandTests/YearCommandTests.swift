import CouncilTestSupport
import Foundation
import Testing

/// The year as a secretariat lives it from the terminal: today from COUNCIL_TODAY, a new year started from
/// this one, comparisons with years that have records and years that have none.
@Suite("council year, COUNCIL_TODAY and review --compare")
struct YearCommandTests {
    let today = ["COUNCIL_TODAY": "2026-12-01", "SOURCE_DATE_EPOCH": "1795000000"]

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Every VEVENT block of the feeds under `out` whose DTSTART is in fiscal 2026.
    func events2026(_ out: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for file in try #require(FileManager.default.enumerator(atPath: out)).compactMap({ $0 as? String })
        where file.hasSuffix(".ics") {
            let text = String(decoding: try #require(contents("\(out)/\(file)")), as: UTF8.self)
            for block in text.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst() {
                let event = String(block[..<block.range(of: "END:VEVENT\r\n")!.upperBound])
                let start = event.components(separatedBy: "\r\n").first { $0.hasPrefix("DTSTART") }!.split(
                    separator: ":"
                ).last!
                if start < "20270401" {
                    result["\(file) \(event.components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") }!)"] = event
                }
            }
        }
        return result
    }

    @Test(
        "year start on every bundled council: a lint-clean next year whose export keeps every byte of this year's events"
    )
    func yearStart() throws {
        let folders = try BundledPlans.copy(BundledPlans.ids)
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let out = plans + "-calendars"
        #expect(try Council.run(["export", plans, "--out", out], environment: today).status == 0)
        let before = try events2026(out)
        for folder in folders {
            let plan2026 = contents("\(folder)/plan-2026.yaml")
            let started = try Council.run(["year", "start", folder, "2027"], environment: today)
            #expect(started.status == 0, "\(started.errors)")
            let written = String(decoding: try #require(contents("\(folder)/plan-2027.yaml")), as: UTF8.self)
            #expect(written.contains("\nyear: 2027\n") && written.contains("令和9年度"))
            #expect(contents("\(folder)/plan-2026.yaml") == plan2026, "this year's plan is untouched")
            for record in ["attendance-2027.csv", "progress-2027.csv", "published-2027.csv"] {
                #expect(contents("\(folder)/\(record)") == nil, "no \(record) yet")
            }
            let again = try Council.run(["year", "start", folder, "2027"], environment: today)
            #expect(again.status == 1 && again.errors.contains("plan exists already"))
        }
        let lint = try Council.run(["lint", plans], environment: today)
        #expect(lint.status == 0, "\(lint.output)")
        #expect(!lint.output.contains("error["))
        let exported = try Council.run(["export", plans, "--out", out], environment: today)
        #expect(exported.status == 0, "\(exported.errors)")
        let after = try events2026(out)
        #expect(after.count == before.count)
        #expect(exported.output.contains("published-2027.csv"), "next year's meetings are published too")
        for (key, event) in before {
            #expect(after[key] == event, "\(key) keeps its bytes")
        }
        let schedule = try Council.run(["schedule", folders[0], "--year", "2027"], environment: today)
        #expect(schedule.status == 0 && schedule.output.contains("令和9年度"))
    }

    @Test(
        "as the secretariat does it on 2026-12-01: export, change a rule and a one-off date, lint warns, the review is unchanged"
    )
    func ruleChangeFromTheTerminal() throws {
        let folder = try BundledPlans.copy(["aoba"])[0]
        let out = folder + "-calendars"
        #expect(try Council.run(["export", folder, "--out", out], environment: today).status == 0)
        let review = try Council.run(["review", folder, "--year", "2026"], environment: today)
        let yaml = "\(folder)/council.yaml"
        let text = String(decoding: try #require(contents(yaml)), as: UTF8.self)
        try Data(
            text.replacingOccurrences(of: "偶数月の第2火曜日", with: "偶数月の第3火曜日").replacingOccurrences(
                of: "schedule: 2026-07-21", with: "schedule: 2027-07-20"
            ).utf8
        ).write(to: URL(fileURLWithPath: yaml))
        let lint = try Council.run(["lint", folder], environment: today)
        #expect(lint.status == 0, "\(lint.output)")
        let warnings = lint.errors.split(separator: "\n").filter { $0.contains("warning[past-kept]") }
        #expect(warnings.count == 5)
        #expect(warnings.allSatisfy { $0.hasPrefix("\(folder)/published-2026.csv:") })
        #expect(lint.errors.contains("令和8年10月13日(火) 14:00–16:00は公開済みのため、そのまま残します"))
        let after = try Council.run(["review", folder, "--year", "2026"], environment: today)
        #expect(after.status == 0 && after.output == review.output, "the 2026 review as of that day is byte-identical")
        // The schedule shows the past as published and the later meetings moved in place (same identity).
        let schedule = try Council.run(["schedule", folder, "--year", "2026", "--format", "tsv"], environment: today)
        #expect(schedule.output.contains("2026-10-13\t14:00\t16:00\trenrakukai\tscheduled\t2026-10-13"))
        #expect(schedule.output.contains("2026-12-15\t14:00\t16:00\trenrakukai\tmoved\t2026-12-08"))
        #expect(schedule.output.contains("2026-07-21\t14:00\t15:30\tshinki-renrakukai"))
    }

    @Test("an attendance line that matches no meeting names the series, the date and what the rule now gives")
    func unmatchedRecord() throws {
        var fixture = PlanFixture()
        // Recorded under 第2火曜日, then the rule was changed before anything was published.
        fixture.files["attendance-2026.csv"] = "date,series,business,status\n2026-06-09,renrakukai,kita,出席\n"
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(of: "偶数月の第2火曜日", with: "偶数月の第3火曜日")
        let lint = try Council.run(["lint", try fixture.write()], environment: today)
        #expect(lint.status == 1)
        #expect(
            lint.errors.contains(
                "attendance-2026.csv:2:1: error[bad-date]: 2026-06-09に「相談支援事業所等連絡会」は開かれていません。今の規則「偶数月の第3火曜日」では6月は2026-06-16です"
            ))
    }

    @Test("review --compare works for every bundled council with records, and a year without any says so in one line")
    func compare() throws {
        let izumi = BundledPlans.repository.appendingPathComponent("plans/izumi").path
        let compared = try Council.run(["review", izumi, "--year", "2026", "--compare", "2025"], environment: today)
        #expect(compared.status == 0, "\(compared.errors)")
        #expect(compared.output.contains("前年度比"))
        let backwards = try Council.run(["review", izumi, "--year", "2025", "--compare", "2026"], environment: today)
        #expect(backwards.status == 0 && backwards.output.contains("令和7年度"), "\(backwards.errors)")
        for id in BundledPlans.ids {
            let folder = BundledPlans.repository.appendingPathComponent("plans/\(id)").path
            let run = try Council.run(["review", folder, "--year", "2026", "--compare", "2025"], environment: today)
            #expect(run.status == 0, "\(id): \(run.errors)")
            let hasRecords = FileManager.default.fileExists(atPath: "\(folder)/attendance-2025.csv")
            #expect(
                hasRecords || run.errors.split(separator: "\n").count == 1, "\(id): one line when 2025 has no records")
            #expect(hasRecords || run.errors.contains("no attendance recorded for 2025"))
        }
    }

    @Test("COUNCIL_TODAY is today for every command, and a flag wins over it")
    func councilToday() throws {
        let folder = try PlanFixture().write()
        let july = try Council.run(["schedule", folder], environment: ["COUNCIL_TODAY": "2027-07-01"])
        #expect(july.status == 0 && july.output.hasPrefix("令和9年度"), "the fiscal year of COUNCIL_TODAY")
        let flag = try Council.run(
            ["schedule", folder, "--today", "2026-05-01"], environment: ["COUNCIL_TODAY": "2027-07-01"])
        #expect(flag.output.hasPrefix("令和8年度"))
        let bad = try Council.run(["schedule", folder], environment: ["COUNCIL_TODAY": "2026-13-01"])
        #expect(bad.status != 0 && bad.errors.contains("COUNCIL_TODAY"))
        for arguments in [
            ["lint", folder], ["review", folder], ["gantt", folder], ["export", folder, "--out", folder + "-out"],
            ["rotate", folder, "--dry-run"],
        ] {
            let run = try Council.run(arguments, environment: ["COUNCIL_TODAY": "yesterday"])
            #expect(run.errors.contains("COUNCIL_TODAY"), "\(arguments[0]) reads COUNCIL_TODAY")
        }
    }
}

/// 春分の日 and 秋分の日 are official once the 暦要項 is published, in February of the year before.
@Suite("Provisional equinox days")
struct ProvisionalHolidayTests {
    @Test("council holidays marks equinox days not yet official; lint warns of a meeting whose day depends on one")
    func provisional() throws {
        let early = try Council.run(["holidays", "2028", "--today", "2026-12-01"], environment: [:])
        #expect(early.output.contains("2028-03-20\t春分の日\t暫定") && early.output.contains("2028-09-22\t秋分の日\t暫定"))
        #expect(!early.output.contains("2028-05-03\t憲法記念日\t暫定"), "only equinox days are provisional")
        let announced = try Council.run(["holidays", "2028", "--today", "2027-02-01"], environment: [:])
        #expect(!announced.output.contains("暫定"))
        var fixture = PlanFixture()
        // 2028-03-20 is the 3rd Monday of March and 春分の日: the meeting moves to the next business day.
        fixture.files["council.yaml"] =
            PlanFixture.council
            + "  - id: march\n    title: 年度末連絡会\n    kind: 連絡会\n    schedule: 3月の第3月曜日\n    invite:\n      kinds: [指定特定]\n"
        fixture.files["plan-2027.yaml"] = PlanFixture.plan.replacingOccurrences(of: "year: 2026", with: "year: 2027")
        let folder = try fixture.write()
        let lint = try Council.run(["lint", folder], environment: ["COUNCIL_TODAY": "2026-12-01"])
        #expect(lint.status == 0, "\(lint.output)")
        #expect(
            lint.errors.contains(
                "warning[provisional-holiday]: 「年度末連絡会」令和10年3月21日(火)の日は令和10年3月20日(月)の春分の日によります。この日はまだ暫定です"),
            "\(lint.errors)")
        let later = try Council.run(["lint", folder], environment: ["COUNCIL_TODAY": "2027-02-01"])
        #expect(later.status == 0 && !later.output.contains("provisional-holiday"))
    }
}
