import CouncilCore
import CouncilFiles
import CouncilRendering
import Foundation
import CouncilTestSupport
import Testing

@Suite("The plan grid")
struct GanttChartTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func aoba() throws -> GanttChart {
        let council = try PlanDirectory.load(Self.repository.appendingPathComponent("plans/aoba").path).get()
        return GanttChart(council: council, plan: try #require(council.plan(for: FiscalYear(2026))))
    }

    @Test("青葉区's grid as text", arguments: [false, true])
    func textSnapshot(ambiguousWide: Bool) throws {
        let text = try aoba().render(GanttOptions(format: .text, width: 100, ambiguousIsWide: ambiguousWide))
        try assertSnapshot(text, named: ambiguousWide ? "aoba-2026-wide.txt" : "aoba-2026.txt")
    }

    @Test("青葉区's grid as Markdown, ASCII, CSV and HTML", arguments: [(GanttFormat.markdown, "aoba-2026.md"), (.ascii, "aoba-2026-ascii.txt"), (.csv, "aoba-2026.csv"), (.html, "aoba-2026.html")])
    func otherSnapshots(format: GanttFormat, name: String) throws {
        try assertSnapshot(try aoba().render(GanttOptions(format: format, width: 100)), named: name)
    }

    @Test("the title, header and legend say what the grid is")
    func labels() throws {
        let text = try aoba().render()
        #expect(text.hasPrefix("令和8年度 青葉区障害者自立支援協議会 作業手順・スケジュール\n"))
        #expect(text.contains(" 4月 5月 6月 7月 8月 9月10月11月12月 1月 2月 3月"))
        #expect(text.contains("■ 実施予定  ○ 随時(必要に応じて)  □ この期間に1回以上"))
    }

    /// A plan whose titles mix ASCII, full-width, half-width katakana, ambiguous-width and combining text.
    static let mixed: Plan = Plan(year: FiscalYear(2026), title: "mixed", tasks: [
        PlanTask(number: 1, title: "ASCII only title that is rather long for the column", schedule: .everyMonth),
        PlanTask(number: 2, title: "全角の長い取組名が列の幅を超えるときは省略記号で切り詰める", schedule: .months([4, 10])),
        PlanTask(number: 3, title: "ﾊﾝｶｸｶﾀｶﾅとＦｕｌｌｗｉｄｔｈ混在", schedule: .asNeeded),
        PlanTask(number: 4, title: "■○①─…※ ambiguous ▲△ marks", schedule: .atLeast(times: 2, months: [1, 2, 3])),
        PlanTask(number: 5, title: "Combining: e\u{301}と\u{304B}\u{3099}と👍🏽", schedule: .months([12])),
        PlanTask(number: 12, title: "短い", schedule: .months([3])),
    ])

    @Test("every line of the grid has the same display width", arguments: [
        (70, false), (70, true), (80, false), (100, false), (100, true), (140, true),
    ])
    func widths(width: Int, ambiguousWide: Bool) {
        let council = Council(id: "mixed", name: "混在テスト協議会", shortName: "混在")
        let measure = DisplayWidth(ambiguousIsWide: ambiguousWide)
        for format in [GanttFormat.text, .ascii] {
            let text = GanttChart(council: council, plan: Self.mixed).render(GanttOptions(format: format, width: width, ambiguousIsWide: ambiguousWide))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let grid = lines[2..<(2 + 2 + Self.mixed.tasks.count)]
            let widths = Set(grid.map { measure.of($0) })
            #expect(widths == [width], "\(format) at \(width): \(grid.map { "\(measure.of($0)) \($0)" }.joined(separator: "\n"))")
            #expect(lines.allSatisfy { measure.of($0) <= width })
            if format == .ascii {
                let rule = grid[grid.startIndex + 1]
                #expect(rule.allSatisfy { $0.isASCII }, "the rule is ASCII: \(rule)")
                #expect(grid.allSatisfy { !$0.contains("│") }, "no box drawing")
                let marks = grid.dropFirst(2).map { $0.suffix(48) }
                #expect(marks.allSatisfy { cell in cell.allSatisfy { $0.isASCII } }, "month cells use ASCII marks")
            }
        }
    }

    @Test("display width follows East Asian Width, by grapheme", arguments: [
        ("abc", false, 3), ("青葉区", false, 6), ("ｱｲｳ", false, 3), ("ＡＢ", false, 4), ("■①", false, 2), ("■①", true, 4),
        ("e\u{301}", false, 1), ("\u{304B}\u{3099}", false, 2), ("👍🏽", false, 2), ("❤\u{FE0F}", false, 2), ("\u{200B}", false, 0),
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
    func csvForExcel() throws {
        let csv = try aoba().render(GanttOptions(format: .csv))
        #expect(csv.hasPrefix("\u{FEFF}No,取組,4月,5月,6月,7月,8月,9月,10月,11月,12月,1月,2月,3月\r\n"))
        #expect(csv.contains("\"指定特定相談支援事業所と他機関多職種が連携した事例を用いた事例検討、好事例の紹介、関係機関からの話題提供\"") || csv.contains("指定特定相談支援事業所と他機関多職種が連携した事例を用いた事例検討、好事例の紹介、関係機関からの話題提供"))
    }

    @Test("HTML is one self-contained page that escapes titles")
    func html() {
        let plan = Plan(year: FiscalYear(2026), title: "t", tasks: [PlanTask(number: 1, title: "<script>alert(1)</script> & \"引用\"", schedule: .everyMonth)])
        let page = GanttChart(council: Council(id: "x", name: "テスト協議会", shortName: "テスト"), plan: plan).render(GanttOptions(format: .html))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;"))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("src=") && !page.contains("href="), "nothing external")
    }
}
