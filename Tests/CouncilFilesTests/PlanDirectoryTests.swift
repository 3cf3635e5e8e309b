import CouncilCore
import CouncilFiles
import CouncilTestSupport
import Foundation
import Testing

@Suite("Loading plan folders")
struct PlanDirectoryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bundled = ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"]

    @Test("each bundled council loads without a problem", arguments: bundled)
    func bundledPlan(id: String) async throws {
        let result = await PlanDirectory.load(Self.repository.appendingPathComponent("plans/\(id)").path)
        let council = try result.get()
        #expect(council.id == id)
        #expect(council.plan(for: FiscalYear(2026)) != nil)
        #expect(!council.series.isEmpty)
        #expect(council.businesses.contains { $0.isNew(in: FiscalYear(2026)) }, "some businesses opened in 令和7年度")
        #expect(council.businesses.contains { $0.isOnePerson })
    }

    @Test(
        "online: must be an http or https link; anything else is refused at its place",
        arguments: [
            ("https://meet.example.jp/renrakukai?id=1", true), ("HTTP://meet.example.jp", true),
            ("javascript:alert(1)", false), ("ftp://example.jp/a", false),
            ("meet.example.jp/renrakukai", false), ("https://", false), ("https://meet.example.jp/a b", false),
            ("data:text/html,<b>x</b>", false),
        ])
    func onlineLink(value: String, accepted: Bool) async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n", with: "    time: 14:00-16:00\n    online: \"\(value)\"\n")
        let result = try await fixture.load()
        if accepted {
            #expect(try result.get().series[0].onlineURL == value)
        } else {
            guard case .failure(let problems) = result else {
                Issue.record("\(value) was accepted")
                return
            }
            #expect(
                problems.problems.contains {
                    $0.id == .badValue && $0.file.hasSuffix("council.yaml") && $0.line > 1
                        && $0.message.contains("series.online")
                })
        }
    }

    @Test("time_zone: Asia/Tokyo (or none) is read; another zone is refused at its place, not served in Japan's clock")
    func timeZone() async throws {
        for (value, accepted) in [("Asia/Tokyo", true), ("Europe/London", false), ("JST", false)] {
            var fixture = PlanFixture()
            fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
                of: "short_name:", with: "time_zone: \(value)\nshort_name:")
            let result = try await fixture.load()
            if accepted {
                #expect(try result.get().utcOffset == .japan)
                continue
            }
            guard case .failure(let problems) = result else {
                Issue.record("\(value) was accepted")
                continue
            }
            #expect(
                problems.problems.contains {
                    $0.id == .badValue && $0.file.hasSuffix("council.yaml") && $0.line > 1 && $0.message.contains(value)
                }, "\(problems)")
        }
    }

    @Test("spare_days: a list of days, each once, each read at its place")
    func spareDaysParsed() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n", with: "    time: 14:00-16:00\n    spare_days: [2026-08-28, 2026-10-20]\n")
        await #expect(
            try fixture.load().get().series[0].spareDays == [
                CalendarDate(year: 2026, month: 8, day: 28), CalendarDate(year: 2026, month: 10, day: 20),
            ])
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n",
            with: "    time: 14:00-16:00\n    spare_days: [2026-08-28, 2026-08-28, 2026-02-30]\n")
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("accepted")
            return
        }
        #expect(
            problems.problems.contains { $0.id == .duplicateID } && problems.problems.contains { $0.id == .badDate })
    }

    @Test("cancel: true cancels without a reason; any other text is the reason")
    func cancelWithoutReason() async throws {
        for (value, reason) in [("true", nil), ("yes", nil), ("台風接近のため", "台風接近のため")] as [(String, String?)] {
            var fixture = PlanFixture()
            fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
                of: "    time: 14:00-16:00\n",
                with: "    time: 14:00-16:00\n    exceptions:\n      - {date: 2026-06-09, cancel: \(value)}\n")
            let exception = try #require(try await fixture.load().get().series[0].exceptions.first)
            #expect(exception.change == .cancel && exception.reason == reason, "\(value)")
        }
    }

    @Test("a text with a control character other than a line break or TAB is refused at its place")
    func controlCharacters() async throws {
        for escape in ["\\x01", "\\v", "\\e", "\\x7F", "\\x85"] {
            var fixture = PlanFixture()
            fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
                of: "    time: 14:00-16:00\n", with: "    time: 14:00-16:00\n    venue: \"会議室\(escape)A\"\n")
            guard case .failure(let problems) = try await fixture.load() else {
                Issue.record("\(escape) was accepted")
                continue
            }
            #expect(problems.problems.contains { $0.id == .badValue && $0.message.contains("制御文字") }, "\(escape)")
        }
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n", with: "    time: 14:00-16:00\n    venue: \"会議室\\tA\\n2階\"\n")
        await #expect(try fixture.load().get().series[0].venue == "会議室\tA\n2階")
    }

    @Test("roster sizes follow the seed: 青葉 16, 若林 9, 太白 14 指定特定相談支援事業所")
    func rosterSizes() async throws {
        for (id, count) in [("aoba", 16), ("wakabayashi", 9), ("taihaku", 14)] {
            let council = try await PlanDirectory.load(Self.repository.appendingPathComponent("plans/\(id)").path).get()
            #expect(council.businesses.filter { $0.kind == .designated }.count == count, "\(id)")
        }
    }

    @Test("青葉区's plan keeps every grid row of the seed with its months")
    func aobaRows() async throws {
        let council = try await PlanDirectory.load(Self.repository.appendingPathComponent("plans/aoba").path).get()
        let plan = try #require(council.plan(for: FiscalYear(2026)))
        #expect(plan.tasks.count == 7)
        #expect(plan.tasks[0].title == "ちょこっとケースレビューの実施")
        #expect(plan.tasks[2].schedule == .asNeeded)
        #expect(plan.tasks[3].schedule == .everyMonth)
        #expect(plan.tasks[1].schedule == .atLeast(times: 1, months: [7]))
        #expect(plan.issues.map(\.number) == [1, 2])
        #expect(plan.goals.count == 2)
    }

    @Test("the fixture itself is valid")
    func validFixture() async throws {
        let council = try await PlanFixture().load().get()
        #expect(council.businesses.map(\.id) == ["kita", "minami"])
        #expect(council.invitees(of: council.series[0]).map(\.id) == ["kita", "minami"])
        #expect(council.plans.first?.tasks.map(\.numberLabel) == ["①", "②"])
    }

    /// One broken file each: which file, the stable id, and the line and column reported.
    struct Broken: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var replace: String
        var with: String
        var id: PlanProblem.ID
        var line: Int
        var column: Int
        var mentions: String
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(
            name: "unknown key with a suggestion", file: "council.yaml", replace: "short_name:", with: "shortname:",
            id: .unknownKey, line: 3, column: 1, mentions: "did you mean \"short_name\""),
        Broken(
            name: "YAML syntax", file: "council.yaml", replace: "series:\n", with: "series: [\n", id: .yamlSyntax,
            line: 6, column: 3, mentions: "YAML"),
        Broken(
            name: "duplicate key", file: "plan-2026.yaml", replace: "goals:", with: "title: again\ngoals:",
            id: .duplicateKey, line: 2, column: 1, mentions: "title"),
        Broken(
            name: "goals are not a list", file: "plan-2026.yaml", replace: "goals:\n  - 目標",
            with: "goals:\n  first: 目標", id: .wrongType, line: 4, column: 3, mentions: "list"),
        Broken(
            name: "missing title", file: "council.yaml", replace: "    title: 相談支援事業所等連絡会\n", with: "", id: .missingKey,
            line: 6, column: 5, mentions: "title"),
        Broken(
            name: "empty task title", file: "plan-2026.yaml", replace: "  - title: 訪問(随時)", with: "  - title: \"\"",
            id: .emptyValue, line: 13, column: 12, mentions: "empty"),
        Broken(
            name: "unknown meeting kind", file: "council.yaml", replace: "kind: 連絡会", with: "kind: 懇談会",
            id: .unknownKind, line: 8, column: 11, mentions: "懇談会"),
        Broken(
            name: "unknown business kind in an invitation", file: "council.yaml", replace: "kinds: [指定特定, 委託]",
            with: "kinds: [指定特定, 委託相談]", id: .unknownKind, line: 12, column: 21, mentions: "委託相談"),
        Broken(
            name: "invitation names a business not in the roster", file: "council.yaml", replace: "businesses: [kita]",
            with: "businesses: [kitaa]", id: .unknownBusiness, line: 13, column: 20, mentions: "did you mean \"kita\""),
        Broken(
            name: "task refers to an unknown series", file: "plan-2026.yaml", replace: "series: renrakukai",
            with: "series: renrakukia", id: .unknownSeries, line: 12, column: 13, mentions: "renrakukai"),
        Broken(
            name: "task refers to an unknown issue", file: "plan-2026.yaml", replace: "    issue: 1",
            with: "    issue: 3", id: .unknownIssue, line: 11, column: 12, mentions: "3"),
        Broken(
            name: "month 13", file: "plan-2026.yaml", replace: "months: [4, 6]", with: "months: [4, 13]", id: .badMonth,
            line: 10, column: 17, mentions: "13"),
        Broken(
            name: "unreadable months", file: "plan-2026.yaml", replace: "months: 随時", with: "months: 時々",
            id: .badSchedule, line: 14, column: 13, mentions: "時々"),
        Broken(
            name: "year differs from the file name", file: "plan-2026.yaml", replace: "year: 2026", with: "year: 2027",
            id: .yearMismatch, line: 1, column: 7, mentions: "2026"),
        Broken(
            name: "bad time range", file: "council.yaml", replace: "time: 14:00-16:00", with: "time: 16:00-14:00",
            id: .badTime, line: 10, column: 11, mentions: "16:00-14:00"),
        Broken(
            name: "duplicate series id", file: "council.yaml", replace: "series:\n",
            with: "series:\n  - {id: renrakukai, title: 重複, kind: 研修会, schedule: 第1月曜日}\n", id: .duplicateID, line: 7,
            column: 5, mentions: "renrakukai"),
        Broken(
            name: "id with capital letters", file: "council.yaml", replace: "  - id: renrakukai",
            with: "  - id: Renrakukai", id: .badID, line: 6, column: 9, mentions: "Renrakukai"),
        Broken(
            name: "council id differs from its folder", file: "council.yaml", replace: "id: demo", with: "id: other",
            id: .idMismatch, line: 1, column: 5, mentions: "demo"),
        Broken(
            name: "roster: unknown business kind", file: "businesses.csv", replace: "きた相談室,指定特定", with: "きた相談室,特定",
            id: .unknownKind, line: 2, column: 12, mentions: "特定"),
        Broken(
            name: "roster: impossible opening date", file: "businesses.csv", replace: "2025-06-01", with: "2025-02-30",
            id: .badDate, line: 2, column: 17, mentions: "2025-02-30"),
        Broken(
            name: "roster: duplicate id", file: "businesses.csv", replace: "minami,", with: "kita,", id: .duplicateID,
            line: 3, column: 1, mentions: "kita"),
        Broken(
            name: "roster: unknown column", file: "businesses.csv", replace: "opened_on", with: "opend_on",
            id: .csvColumns, line: 1, column: 14, mentions: "did you mean \"opened_on\""),
        Broken(
            name: "roster: staff is not a number", file: "businesses.csv", replace: "2025-06-01,1,",
            with: "2025-06-01,一人,", id: .badNumber, line: 2, column: 28, mentions: "一人"),
        Broken(
            name: "unreadable schedule", file: "council.yaml", replace: "schedule: 偶数月の第2火曜日",
            with: "schedule: 偶数月の第2火よう日", id: .badSchedule, line: 9, column: 15, mentions: "第2火曜日"),
        Broken(
            name: "unknown holiday policy", file: "council.yaml", replace: "    time: 14:00-16:00",
            with: "    time: 14:00-16:00\n    holiday_policy: next-day", id: .badSchedule, line: 11, column: 21,
            mentions: "next-business-day"),
        Broken(
            name: "an exception on a day the series does not meet", file: "council.yaml",
            replace: "    time: 14:00-16:00",
            with: "    time: 14:00-16:00\n    exceptions:\n      - {date: 2026-06-10, cancel: 会場の都合}", id: .badSchedule,
            line: 12, column: 16, mentions: "2026-06-09"),
        Broken(
            name: "an exception that neither cancels nor moves", file: "council.yaml", replace: "    time: 14:00-16:00",
            with: "    time: 14:00-16:00\n    exceptions:\n      - date: 2026-06-09", id: .missingKey, line: 12,
            column: 9, mentions: "cancel"),
        Broken(
            name: "a closure that is no date", file: "council.yaml", replace: "series:\n",
            with: "closures: [\"12-29..01-03\", 2026-08-32]\nseries:\n", id: .badDate, line: 5, column: 28,
            mentions: "2026-08-32"),
        Broken(
            name: "a rotation after an unknown series", file: "council.yaml", replace: "",
            with:
                "rotations:\n  - {id: sv, title: 個別SV, kind: 個別SV, after: renrakukia, pool: {kinds: [指定特定]}, leads: [{id: a, name: A, ward_office: true}]}\n",
            id: .unknownSeries, line: 15, column: 46, mentions: "did you mean \"renrakukai\""),
        Broken(
            name: "a lead with no affiliation", file: "council.yaml", replace: "",
            with:
                "rotations:\n  - {id: sv, title: 個別SV, kind: 個別SV, after: renrakukai, pool: {kinds: [指定特定]}, leads: [{id: a, name: A}]}\n",
            id: .missingKey, line: 15, column: 89, mentions: "ward_office"),
        Broken(
            name: "a rotation's lead from a business not in the roster", file: "council.yaml", replace: "",
            with:
                "rotations:\n  - {id: sv, title: 個別SV, kind: 個別SV, after: renrakukai, pool: {kinds: [指定特定]}, leads: [{id: a, name: A, business: nishi}]}\n",
            id: .unknownBusiness, line: 15, column: 116, mentions: "nishi"),
        Broken(
            name: "roster: missing", file: "businesses.csv", replace: "", with: "", id: .missingFile, line: 1,
            column: 1, mentions: "missing"),
        Broken(
            name: "a series until before its from", file: "council.yaml", replace: "    time: 14:00-16:00\n",
            with: "    from: 2027\n    until: 2026-12-31\n    time: 14:00-16:00\n", id: .badDate, line: 11, column: 12,
            mentions: "until"),
        Broken(
            name: "an unreadable from", file: "council.yaml", replace: "    time: 14:00-16:00\n",
            with: "    from: 来年\n    time: 14:00-16:00\n", id: .badDate, line: 10, column: 11, mentions: "来年"),
    ]

    @Test("a broken plan file gives its own located message", arguments: broken)
    func brokenPlan(_ broken: Broken) async throws {
        var fixture = PlanFixture()
        if broken.id == .missingFile {
            fixture.files[broken.file] = nil
        } else {
            let original = try #require(fixture.files[broken.file])
            if broken.replace.isEmpty {
                fixture.files[broken.file] = original + broken.with
            } else {
                #expect(original.contains(broken.replace), "the fixture contains the text to break")
                fixture.files[broken.file] = original.replacingOccurrences(of: broken.replace, with: broken.with)
            }
        }
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("\(broken.name): loading should fail")
            return
        }
        let problem = try #require(problems.problems.first)
        #expect(problems.problems.count == 1, "\(problems)")
        #expect(problem.id == broken.id)
        #expect(problem.file.hasSuffix("demo/\(broken.file)"))
        #expect(problem.line == broken.line && problem.column == broken.column, "\(problem)")
        #expect(problem.description.contains(broken.mentions), "\(problem)")
        #expect(
            problem.description.contains("\(broken.file):\(broken.line):\(broken.column): error[\(broken.id.rawValue)]")
        )
    }

    @Test(
        "a time range is read with any of the dashes people type, spaces around the times, ASCII or not; a wrong one is refused where it is"
    )
    func timeRanges() async throws {
        let expected = TimeRange(start: ClockTime(hour: 13, minute: 30), end: ClockTime(hour: 15, minute: 0))
        for written in [
            "13:30-15:00", " 13:30 - 15:00 ", "13:30〜15:00", "13:30～15:00", "13:30–15:00", "13:30—15:00",
            "\"13:30 〜 15:00\"", "\"\u{3000}13:30－15:00\u{3000}\"".replacingOccurrences(of: "－", with: "-"),
        ] {
            var fixture = PlanFixture()
            fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
                of: "time: 14:00-16:00", with: "time: \(written)")
            await #expect(try fixture.load().get().series[0].time == expected, "\(written)")
        }
        for wrong in ["15:00-13:30", "13:30", "13:30-15:00-16:00", "1330-1500"] {
            var fixture = PlanFixture()
            fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
                of: "time: 14:00-16:00", with: "time: \(wrong)")
            guard case .failure(let problems) = try await fixture.load() else {
                Issue.record("\(wrong) must not load")
                continue
            }
            #expect(
                problems.problems.map { "\($0.id.rawValue) \($0.line):\($0.column)" } == ["bad-time 10:11"],
                "\(wrong): \(problems.problems)")
        }
    }

    @Test("from: and until: take a day or a fiscal year; a published schedule is read with the plans")
    func yearsAndHistory() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "    time: 14:00-16:00\n", with: "    from: 2026-10-01\n    until: 2027\n    time: 14:00-16:00\n")
        fixture.files["published-2026.csv"] =
            "series,slot,date,start,end,status,note,title,kind,venue,online,invited,notice\nrenrakukai,2026-04-14,2026-04-14,14:00,16:00,予定,,連絡会,連絡会,,,kita,案内\n"
        let council = try await fixture.load().get()
        #expect(council.series[0].activeFrom == CalendarDate(year: 2026, month: 10, day: 1))
        #expect(council.series[0].activeUntil == CalendarDate(year: 2028, month: 3, day: 31))
        #expect(
            council.published[FiscalYear(2026)]?.meetings.map(\.occurrence.originalDate) == [
                CalendarDate(year: 2026, month: 4, day: 14)
            ])
        fixture.files["published-2026.csv"] = "date,series\n"
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("a published schedule with another header must not load")
            return
        }
        #expect(
            problems.problems.map(\.description) == [
                "\(problems.problems[0].file):1:1: error[csv-columns]: 見出し行が違います / the header row is not as written by council export (expected: series,slot,date,start,end,status,note,title,kind,venue,online,invited,notice)"
            ])
        #expect(problems.problems[0].file.hasSuffix("demo/published-2026.csv"))
    }

    @Test(
        "an exception may name a published meeting after its rule changed; any other day is still refused, the published schedule being read meanwhile"
    )
    func exceptionOnPublishedSlot() async throws {
        var fixture = PlanFixture()
        fixture.files["published-2026.csv"] =
            "series,slot,date,start,end,status,note,title,kind,venue,online,invited,notice\nrenrakukai,2026-04-14,2026-04-14,14:00,16:00,予定,,連絡会,連絡会,,,kita,案内\n"
        // 2026-04-14 was the second Tuesday of an even month; the rule now gives odd months only.
        let oddMonths = PlanFixture.council.replacingOccurrences(of: "偶数月の第2火曜日", with: "奇数月の第2火曜日")
        fixture.files["council.yaml"] = oddMonths.replacingOccurrences(
            of: "    time: 14:00-16:00\n",
            with: "    time: 14:00-16:00\n    exceptions:\n      - {date: 2026-04-14, cancel: 会場の都合}\n")
        let council = try await fixture.load().get()
        #expect(council.series[0].exceptions.map(\.originalDate) == [CalendarDate(year: 2026, month: 4, day: 14)])
        fixture.files["council.yaml"] = oddMonths.replacingOccurrences(
            of: "    time: 14:00-16:00\n",
            with: "    time: 14:00-16:00\n    exceptions:\n      - {date: 2026-04-21, cancel: 会場の都合}\n")
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("an exception on a day neither the rule nor the published schedule gives must not load")
            return
        }
        #expect(problems.problems.map(\.id) == [.badSchedule])
        #expect(problems.problems.first?.description.contains("2026-04-21") == true)
    }

    @Test("every problem of every file is reported at once")
    func allAtOnce() async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(of: "kind: 連絡会", with: "kind: 懇談会")
            .replacingOccurrences(of: "short_name", with: "shortname")
        fixture.files["plan-2026.yaml"] = PlanFixture.plan.replacingOccurrences(
            of: "months: [4, 6]", with: "months: [0, 6]")
        fixture.files["businesses.csv"] = PlanFixture.roster.replacingOccurrences(of: "2025-06-01", with: "2025/13/01")
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("loading should fail")
            return
        }
        #expect(problems.problems.map(\.id) == [.badDate, .unknownKey, .unknownKind, .badMonth])
    }

    /// Hostile YAML, named so that test output stays short.
    struct Hostile: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    @Test(
        "nothing crashes on hostile input",
        arguments: [
            Hostile(name: "empty", text: ""), Hostile(name: "control characters", text: "\u{0}\u{1}"),
            Hostile(name: "nested dashes", text: "- - - -"), Hostile(name: "unclosed flow", text: "id: ["),
            Hostile(name: "self-referencing anchor", text: "&a [*a]"),
            Hostile(name: "binary tag", text: "series: !!binary AAAA"),
            Hostile(name: "10,000 open brackets", text: String(repeating: "[", count: 10_000)),
            Hostile(name: "undefined alias", text: "id: demo\nseries:\n  - *undefined"),
            Hostile(name: "alias", text: "a: &x 1\nb: *x"),
        ])
    func hostile(_ hostile: Hostile) async throws {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = hostile.text
        fixture.files["plan-2026.yaml"] = hostile.text
        guard case .failure(let problems) = try await fixture.load() else {
            Issue.record("loading should fail")
            return
        }
        #expect(!problems.problems.isEmpty)
    }
}
