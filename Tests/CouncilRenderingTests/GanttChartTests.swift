import CouncilCore
import CouncilFiles
import CouncilRendering
import CouncilTestSupport
import Foundation
import Testing

@Suite("The plan grid")
struct GanttChartTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let today = CalendarDate(year: 2026, month: 12, day: 1)

    /// 青葉区's 2026 grid with the days of its meetings; with `actual`, against what happened by 2026-12-01.
    func aoba(actual: Bool = false) async throws -> GanttChart {
        let council = try await PlanDirectory.load(
            Self.repository.appendingPathComponent("plans/aoba").path, today: Self.today
        ).get()
        let year = CouncilYears(council: council, today: Self.today, expander: nil).year(FiscalYear(2026))
        return try #require(
            GanttChart(year, progress: actual ? PlanProgress(year, asOf: Self.today) : nil, today: Self.today))
    }

    @Test(
        "青葉区's grid as text and ASCII at 70, 100 and 140 columns, ambiguous characters narrow and wide",
        arguments: [70, 100, 140], [false, true])
    func textSnapshot(width: Int, ambiguousWide: Bool) async throws {
        let text = try await aoba().render(GanttOptions(format: .text, width: width, ambiguousIsWide: ambiguousWide))
        try assertSnapshot(text, named: "aoba-2026-\(width)\(ambiguousWide ? "-wide" : "").txt")
        if !ambiguousWide {
            try assertSnapshot(
                try await aoba().render(GanttOptions(format: .ascii, width: width)),
                named: "aoba-2026-\(width)-ascii.txt")
        }
    }

    @Test(
        "青葉区's grid as Markdown, CSV and HTML, with and without days", arguments: [GanttFormat.markdown, .csv, .html],
        [true, false])
    func otherSnapshots(format: GanttFormat, dates: Bool) async throws {
        try assertSnapshot(
            try await aoba().render(GanttOptions(format: format, width: 100, dates: dates)),
            named: "aoba-2026\(dates ? "" : "-no-dates").\(format == .markdown ? "md" : format.rawValue)")
    }

    @Test(
        "against actual on 2026-12-01: today's month marked, nothing after it done or missed",
        arguments: [GanttFormat.text, .markdown, .html])
    func actualSnapshot(format: GanttFormat) async throws {
        let rendered = try await aoba(actual: true).render(GanttOptions(format: format, width: 100))
        try assertSnapshot(
            rendered, named: "aoba-2026-actual.\(format == .text ? "txt" : format == .markdown ? "md" : "html")")
        if format == .text {
            let lines = rendered.split(separator: "\n")
            #expect(lines.contains { $0.contains("今日 12月1日") && $0.contains("▲") })
            let december = lines.first { $0.hasPrefix("①") }.map { String($0.split(separator: "│").last!) } ?? ""
            #expect(december.contains("●14") && december.contains("■8") && !december.contains("●8"), "\(december)")
        }
    }

    @Test("every task name is shown whole and every meeting's day is in its month")
    func nothingCut() async throws {
        let chart = try await aoba()
        for width in [70, 100, 140] {
            let text = chart.render(GanttOptions(format: .text, width: width))
            #expect(!text.contains("…"), "nothing is cut at \(width)")
            let folded = text.split(separator: "\n").map { line in
                line.split(separator: "│").first.map { String($0.dropFirst(4)).trimmingCharacters(in: .whitespaces) }
                    ?? ""
            }.joined()
            for task in chart.plan.tasks {
                #expect(folded.contains(task.title), "\(task.title) at \(width)")
            }
        }
        let text = chart.render(GanttOptions(format: .text, width: 140))
        let first = try #require(text.split(separator: "\n").first { $0.hasPrefix("①") })
        #expect(
            first.contains("■14") && first.contains("■9") && first.contains("■→12") && first.contains("■13"), "\(first)"
        )
    }

    @Test("the title, header and legend say what the grid is")
    func labels() async throws {
        let text = try await aoba().render(GanttOptions(dates: false))
        #expect(text.hasPrefix("令和8年度 青葉区障害者自立支援協議会 作業手順・スケジュール\n"))
        #expect(text.contains(" 4月 5月 6月 7月 8月 9月10月11月12月 1月 2月 3月"))
        #expect(text.contains("■ 実施予定  ○ 随時(必要に応じて)  □ この期間に1回以上"))
        await #expect(try aoba().render().contains("14 開催日  →12 日程変更後の開催日"))
    }

    /// A plan whose titles mix ASCII, full-width, half-width katakana, ambiguous-width and combining text.
    static let mixed: Plan = Plan(
        year: FiscalYear(2026), title: "mixed",
        tasks: [
            PlanTask(number: 1, title: "ASCII only title that is rather long for the column", schedule: .everyMonth),
            PlanTask(
                number: 2, title: "全角の長い取組名が列の幅を超えるときは次の行に続けて、一文字も切らない。", schedule: .months([4, 10]), series: "s"),
            PlanTask(number: 3, title: "ﾊﾝｶｸｶﾀｶﾅとＦｕｌｌｗｉｄｔｈ混在", schedule: .asNeeded),
            PlanTask(number: 4, title: "■○①─…※ ambiguous ▲△ marks", schedule: .atLeast(times: 2, months: [1, 2, 3])),
            PlanTask(number: 5, title: "Combining: e\u{301}と\u{304B}\u{3099}と👍🏽", schedule: .months([12])),
            PlanTask(number: 12, title: "短い", schedule: .months([3])),
        ])

    @Test(
        "every line of the grid has the same display width",
        arguments: [
            (70, false), (70, true), (80, false), (100, false), (100, true), (140, true),
        ])
    func widths(width: Int, ambiguousWide: Bool) throws {
        let council = Council(id: "mixed", name: "混在テスト協議会の長い名前がとても長いときは題も折り返す", shortName: "混在")
        let measure = DisplayWidth(ambiguousIsWide: ambiguousWide)
        func day(_ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: 2026, month: m, day: d) }
        // Two meetings in April, one moved in October, one cancelled in November: cells that wrap.
        let occurrences = [
            Occurrence(series: "s", originalDate: day(4, 6), date: day(4, 6), time: nil),
            Occurrence(series: "s", originalDate: day(4, 20), date: day(4, 20), time: nil),
            Occurrence(series: "s", originalDate: day(10, 12), date: day(10, 13), time: nil, status: .moved),
            Occurrence(series: "s", originalDate: day(11, 9), date: day(11, 9), time: nil, status: .cancelled),
        ]
        let chart = GanttChart(
            council: council, plan: Self.mixed,
            progress: PlanProgress(
                plan: Self.mixed, occurrences: occurrences, recorded: { _ in true }, marks: [], asOf: day(11, 20)),
            occurrences: occurrences, today: day(11, 20))
        for format in [GanttFormat.text, .ascii] {
            let text = chart.render(GanttOptions(format: format, width: width, ambiguousIsWide: ambiguousWide))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // The grid: from the header to the blank line before the legend, wrapped rows included.
            let header = try #require(lines.firstIndex { $0.hasPrefix("No") })
            let end = try #require(lines[header...].firstIndex { $0.isEmpty })
            let grid = lines[header..<end]
            #expect(grid.count > 3 + Self.mixed.tasks.count, "rows wrap")
            let widths = Set(grid.map { measure.of($0) })
            #expect(
                widths == [width],
                "\(format) at \(width): \(grid.map { "\(measure.of($0)) \($0)" }.joined(separator: "\n"))")
            #expect(lines.allSatisfy { measure.of($0) <= width })
            #expect(!text.contains("..."), "nothing is cut (the plan's own titles hold a …)")
            #expect(text.contains(format == .ascii ? "->13" : "→13") && text.contains(format == .ascii ? "-9" : "−9"))
            if format == .ascii {
                let rule = try #require(grid.first { $0.hasPrefix("---") })
                #expect(rule.allSatisfy { $0.isASCII }, "the rule is ASCII: \(rule)")
                #expect(grid.allSatisfy { !$0.contains("│") }, "no box drawing")
                let cells = grid.dropFirst().map {
                    $0.split(separator: "|", omittingEmptySubsequences: false).last ?? ""
                }
                #expect(cells.allSatisfy { cell in cell.allSatisfy { $0.isASCII } }, "month cells use ASCII marks")
            }
        }
    }

    @Test("wrapping keeps closing punctuation off the start of a line")
    func wrapping() {
        let measure = DisplayWidth()
        #expect(measure.wrap("相談支援事業所等連絡会", to: 8) == ["相談支援", "事業所等", "連絡会"])
        #expect(measure.wrap("研修会の実施、振り返り", to: 12) == ["研修会の実", "施、振り返り"])
        #expect(measure.wrap("", to: 8) == [""])
        #expect(
            measure.wrap("アウトリーチ支援(事務", to: 18) == ["アウトリーチ支援", "(事務"],
            "an opening bracket goes down with what it opens")
        #expect(measure.wrap("か\u{3099}か\u{3099}か\u{3099}", to: 4) == ["か\u{3099}か\u{3099}", "か\u{3099}"])
    }

    @Test(
        "display width follows East Asian Width, by grapheme",
        arguments: [
            ("abc", false, 3), ("青葉区", false, 6), ("ｱｲｳ", false, 3), ("ＡＢ", false, 4), ("■①", false, 2),
            ("■①", true, 4),
            ("e\u{301}", false, 1), ("\u{304B}\u{3099}", false, 2), ("👍🏽", false, 2), ("❤\u{FE0F}", false, 2),
            ("\u{200B}", false, 0),
        ])
    func displayWidth(text: String, wide: Bool, expected: Int) {
        #expect(DisplayWidth(ambiguousIsWide: wide).of(text) == expected)
    }

    @Test("truncation cuts by display width and never splits a grapheme")
    func truncation() {
        let measure = DisplayWidth()
        #expect(measure.truncate("相談支援事業所等連絡会", to: 9) == "相談支援…")
        #expect(measure.truncate("相談支援", to: 8) == "相談支援")
        #expect(measure.truncate("か\u{3099}か\u{3099}か\u{3099}", to: 5) == "か\u{3099}か\u{3099}…")
        #expect(measure.of(measure.truncate("ASCII title", to: 6, ellipsis: "...")) <= 6)
    }

    @Test("CSV starts with a BOM and uses CRLF so Excel reads Japanese")
    func csvForExcel() async throws {
        let csv = try await aoba().render(GanttOptions(format: .csv))
        #expect(csv.hasPrefix("\u{FEFF}No,取組,4月,5月,6月,7月,8月,9月,10月,11月,12月,1月,2月,3月\r\n"))
        #expect(
            csv.contains("\"指定特定相談支援事業所と他機関多職種が連携した事例を用いた事例検討、好事例の紹介、関係機関からの話題提供\"")
                || csv.contains("指定特定相談支援事業所と他機関多職種が連携した事例を用いた事例検討、好事例の紹介、関係機関からの話題提供"))
    }

    @Test("HTML is one self-contained page that escapes titles")
    func html() {
        let plan = Plan(
            year: FiscalYear(2026), title: "t",
            tasks: [PlanTask(number: 1, title: "<script>alert(1)</script> & \"引用\"", schedule: .everyMonth)])
        let page = GanttChart(council: Council(id: "x", name: "テスト協議会", shortName: "テスト"), plan: plan).render(
            GanttOptions(format: .html))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;"))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("src=") && !page.contains("href="), "nothing external")
    }
}
