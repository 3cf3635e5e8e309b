import CouncilTestSupport
import Foundation
import Testing

/// Runs the `council` binary built beside the tests, as a secretariat would from a terminal.
struct Council {
    static let binary: URL = {
        // The test bundle lives in the build products folder, beside the executable.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("council").path), url.path != "/" {
            url = url.deletingLastPathComponent()
        }
        return url.appendingPathComponent("council")
    }()

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: String...) throws -> Run {
        try run(arguments, environment: [:])
    }

    /// Runs with `environment` added to this process's (e.g. COUNCIL_TODAY), in `directory` when given.
    static func run(_ arguments: [String], environment: [String: String], in directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }
}

@Suite("The council command")
struct CommandTests {
    @Test(
        "schedule --business: exactly the days of that business's feed, for every business; --series takes a rotation id"
    )
    func scheduleOfOneBusiness() throws {
        let folders = try BundledPlans.copy(BundledPlans.ids)
        let plans = (folders[0] as NSString).deletingLastPathComponent
        let miyagino = "\(plans)/miyagino"
        let env = ["COUNCIL_TODAY": "2026-03-01"]
        #expect(try Council.run(["export", plans, "--out", "\(plans)-calendars"], environment: env).status == 0)
        let roster = String(
            decoding: try #require(FileManager.default.contents(atPath: "\(miyagino)/businesses.csv")), as: UTF8.self)
        let ids = roster.split(separator: "\n").dropFirst().compactMap {
            $0.split(separator: ",").first.map(String.init)
        }.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        #expect(ids.count > 5)
        for id in ids {
            let schedule = try Council.run(
                ["schedule", miyagino, "--business", id, "--format", "tsv", "--year", "2026"], environment: env)
            #expect(schedule.status == 0, "\(schedule.errors)")
            let days = schedule.output.split(separator: "\n").map { String($0.prefix(10)) }.sorted()
            let feed = String(
                decoding: FileManager.default.contents(atPath: "\(plans)-calendars/miyagino/businesses/\(id).ics")
                    ?? Data(), as: UTF8.self)
            let feedDays = feed.replacingOccurrences(of: "\r\n ", with: "").split(separator: "\r\n").filter {
                $0.hasPrefix("DTSTART")
            }.map { line -> String in
                let value = line.split(separator: ":").last.map(String.init) ?? ""
                return "\(value.prefix(4))-\(value.dropFirst(4).prefix(2))-\(value.dropFirst(6).prefix(2))"
            }.filter { $0 != "1970-01-01" }.sorted()  // the VTIMEZONE's DTSTART
            #expect(days == feedDays, "\(id): schedule \(days.count), feed \(feedDays.count)")
        }
        let text = try Council.run(["schedule", miyagino, "--business", ids[0], "--year", "2026"], environment: env)
        #expect(text.output.hasPrefix("令和8年度 宮城野区障害者自立支援協議会 開催日程("))
        let rotation = try Council.run(
            ["schedule", miyagino, "--series", "kobetsu-sv", "--format", "tsv", "--year", "2026"], environment: env)
        #expect(
            rotation.status == 0 && rotation.output.split(separator: "\n").allSatisfy { $0.contains("\tkobetsu-sv\t") }
                && !rotation.output.isEmpty)
        #expect(try Council.run(["schedule", miyagino, "--business", "nobody"], environment: env).status != 0)
    }

    @Test(
        "notice --all-upcoming includes a cancellation's notice; a meeting not found is said plainly (status 2), without the usage text"
    )
    func noticesOfTheMonth() throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n",
            with: "    time: 14:00-16:00\n    exceptions:\n      - {date: 2026-06-09, cancel: 台風接近のため中止}\n")
        let folder = try fixture.write()
        let all = try Council.run(["notice", folder, "--all-upcoming"], environment: ["COUNCIL_TODAY": "2026-05-20"])
        #expect(
            all.status == 0 && all.output.contains("中止について") && all.output.contains("令和8年6月9日(火)に予定していた標記の会議は、中止します"),
            "\(all.output)")
        let missing = try Council.run(
            ["notice", folder, "renrakukai", "2026-06-10"], environment: ["COUNCIL_TODAY": "2026-05-20"])
        #expect(missing.status == 2 && missing.errors.contains("会議はありません") && !missing.errors.contains("Usage"))
    }

    @Test("lint warns, at the series, when a holiday puts two meetings on one day")
    func lintWarnsSameDay() throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "schedule: 偶数月の第2火曜日", with: "schedule: 2026-09-21, 2026-09-24")
        let folder = try fixture.write()
        let lint = try Council.run(["lint", folder], environment: ["COUNCIL_TODAY": "2026-04-01"])
        #expect(lint.status == 0, "a warning stops nothing")
        #expect(lint.errors.contains("council.yaml:6:1: warning[same-day]: renrakukai:"), "\(lint.errors)")
    }

    @Test("feed-url --format html on a council above councils names the councils whose letters hold its meetings")
    func lettersOfACouncilAbove() throws {
        let city = BundledPlans.repository.appendingPathComponent("plans/sendai").path
        let run = try Council.run(
            ["feed-url", city, "--format", "html"],
            environment: ["COUNCIL_FEED_KEY": String(repeating: "k", count: 40), "COUNCIL_TODAY": "2026-12-07"])
        #expect(run.status == 0)
        for ward in ["青葉区", "宮城野区", "若林区", "太白区", "泉区"] {
            #expect(run.output.contains("<li>\(ward)障害者自立支援協議会(<code>council feed-url "), "\(ward)")
        }
        #expect(run.output.contains("plans/aoba --format html"))
    }

    @Test("feed-url: a business that has closed gets no letter and no URL from its closing day on")
    func closedBusinessHasNoLetter() throws {
        var fixture = PlanFixture()
        fixture.files["businesses.csv"] =
            "id,name,kind,opened_on,closed_on,staff,contact\nkita,きた相談室,指定特定,2025-06-01,2026-09-30,1,\nminami,みなみ相談支援センター,委託,2010-04-01,,3,\n"
        let folder = try fixture.write()
        let key = ["COUNCIL_FEED_KEY": String(repeating: "k", count: 40)]
        let before = try Council.run(
            ["feed-url", folder, "--format", "html"], environment: key.merging(["COUNCIL_TODAY": "2026-09-29"]) { $1 })
        #expect(before.status == 0 && before.output.contains("きた相談室"))
        let after = try Council.run(
            ["feed-url", folder, "--format", "html"], environment: key.merging(["COUNCIL_TODAY": "2027-04-01"]) { $1 })
        #expect(after.status == 0 && !after.output.contains("きた相談室") && after.output.contains("みなみ相談支援センター"))
        let one = try Council.run(
            ["feed-url", folder, "kita"], environment: key.merging(["COUNCIL_TODAY": "2027-04-01"]) { $1 })
        #expect(one.status != 0 && one.errors.contains("閉所"))
    }

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("--help and --version")
    func help() throws {
        let help = try Council.run("--help")
        #expect(help.status == 0)
        for command in ["lint", "schedule", "rotate", "attend", "review", "export", "gantt", "holidays"] {
            #expect(help.output.contains(command), "\(command) is listed")
        }
        #expect(try Council.run("--version").output.hasPrefix("council "))
    }

    @Test("attend import: all or nothing, and importing the same file twice changes nothing")
    func importAttendance() throws {
        let folder = try PlanFixture().write()
        let record = "\(folder)/attendance-2026.csv"
        let sheet = "\(folder)/../sheet.csv"
        try Data("date,series,business,status\n2026-04-14,renrakukai,kita,出席\n2026-04-14,renrakukai,minami,欠席\n".utf8)
            .write(to: URL(fileURLWithPath: sheet))
        let first = try Council.run("attend", "import", folder, sheet)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("2 added"))
        let written = try #require(contents(record))
        #expect(written.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM for Excel")
        let again = try Council.run("attend", "import", folder, sheet)
        #expect(again.status == 0 && again.output.contains("0 added, 0 corrected, 0 removed, 2 already recorded"))
        #expect(contents(record) == written)

        try Data("date,series,business,status\n2026-06-09,renrakukai,kita,出席\n2026-06-09,renrakukai,nishi,出席\n".utf8)
            .write(to: URL(fileURLWithPath: sheet))
        let bad = try Council.run("attend", "import", folder, sheet)
        #expect(bad.status == 1)
        #expect(bad.errors.contains("sheet.csv:3:23: error[unknown-business]"))
        #expect(bad.errors.contains("nothing was written"))
        #expect(contents(record) == written, "the good line of a bad file is not recorded either")

        try Data("date,series,business,status\n2026-04-14,renrakukai,kita,欠席\n".utf8).write(
            to: URL(fileURLWithPath: sheet))
        let conflict = try Council.run("attend", "import", folder, sheet)
        #expect(conflict.status == 1 && conflict.errors.contains("conflicts with what is recorded"))
        #expect(contents(record) == written)
    }

    @Test("attend on the command line, then review it")
    func attendAndReview() throws {
        let folder = try PlanFixture().write()
        let run = try Council.run(
            "attend", folder, "renrakukai", "2026-04-14", "--present", "kita", "--excused", "minami")
        #expect(run.status == 0, "\(run.errors)")
        let review = try Council.run("review", folder, "--year", "2026", "--as-of", "2026-04-30")
        #expect(review.status == 0)
        #expect(review.output.contains("参加率      50%(出席 1 / 案内 2)"))
        let json = try Council.run("review", folder, "--year", "2026", "--as-of", "2026-04-30", "--format", "json")
        let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(document?["council"] as? String == "demo")
    }

    @Test(
        "exit status: 0 with a summary on standard output; 1 with located problems on standard error; 2 for a wrong command line"
    )
    func lint() throws {
        var fixture = PlanFixture()
        let good = try Council.run("lint", try fixture.write())
        #expect(good.status == 0 && good.output.contains("ok") && good.errors.isEmpty)
        fixture.files["plan-2026.yaml"] = PlanFixture.plan.replacingOccurrences(
            of: "months: [4, 6]", with: "months: [4, 16]")
        let bad = try Council.run("lint", try fixture.write())
        #expect(bad.status == 1)
        #expect(bad.errors.contains("plan-2026.yaml:10:17: error[bad-month]") && !bad.output.contains("error["))
        for usage in [
            ["schedule"], ["schedule", "plans/aoba", "--format", "xml"], ["serve", "--idle-timeout", "40"],
            ["nonsense"],
        ] {
            let wrong = try Council.run(usage, environment: [:])
            #expect(wrong.status == 2 && wrong.errors.contains("Error:"), "\(usage): \(wrong.status) \(wrong.errors)")
        }
        #expect(try Council.run("--help").status == 0)
    }

    @Test("a mistake in the attendance record stops lint and review, not the schedule or the plan grid")
    func recordsOnlyWhereNeeded() throws {
        var fixture = PlanFixture()
        fixture.files["attendance-2026.csv"] = "date,series,business,status\n2026-04-14,renrakukai,nowhere,出席\n"
        let folder = try fixture.write()
        let lint = try Council.run("lint", folder)
        #expect(lint.status == 1)
        #expect(lint.errors.contains("attendance-2026.csv:2:23: error[unknown-business]"))
        #expect(try Council.run("review", folder, "--year", "2026").status == 1)
        let schedule = try Council.run("schedule", folder, "--year", "2026")
        #expect(schedule.status == 0 && schedule.output.contains("令和8年4月14日(火)"))
        #expect(try Council.run("gantt", folder, "--year", "2026").status == 0)
        #expect(try Council.run("gantt", folder, "--year", "2026", "--actual").status == 1)
    }

    @Test("a business and a task named like formulas come out of every CSV the tool prints as text")
    func formulaSafe() throws {
        var fixture = PlanFixture()
        let evil = "=HYPERLINK(\"http://evil\",\"x\")"
        fixture.files["businesses.csv"] = PlanFixture.roster.replacingOccurrences(
            of: "きた相談室", with: "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")
        fixture.files["plan-2026.yaml"] = PlanFixture.plan.replacingOccurrences(
            of: "title: 連絡会の開催", with: "title: \"+連絡会の開催\"")
        let folder = try fixture.write()
        #expect(
            try Council.run("attend", folder, "renrakukai", "2026-04-14", "--present", "kita", "--absent", "minami")
                .status == 0)
        let review = try Council.run("review", folder, "--year", "2026", "--as-of", "2026-04-30", "--format", "csv")
        #expect(
            review.output.contains(",'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",")
                || review.output.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "\(review.output)")
        #expect(!review.output.contains(",\(evil)") && !review.output.contains(",\"=HYPERLINK"), "\(review.output)")
        #expect(review.output.contains(",0.5000,"), "computed numbers stay numbers")
        let gantt = try Council.run("gantt", folder, "--year", "2026", "--format", "csv")
        #expect(gantt.output.contains("'+連絡会の開催"), "\(gantt.output)")
        let urls = try Council.run(
            ["feed-url", folder, "--base", "https://example.jp"],
            environment: ["COUNCIL_FEED_KEY": String(repeating: "k", count: 32)])
        #expect(urls.status == 0, "\(urls.errors)")
        #expect(
            urls.output.contains("'=HYPERLINK(\"http://evil\",\"x\")\thttps://example.jp/demo/feeds/"), "\(urls.output)"
        )
    }
}
