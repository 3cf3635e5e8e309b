import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import Foundation

/// `council gantt plans/aoba`: the plan grid (作業手順・スケジュール) of one year.
struct Gantt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "作業手順・スケジュールの表を出力します / Print the plan grid, 4月 … 3月."
    )

    @OptionGroup var council: CouncilOptions

    @Option(help: "Total width in columns for text and ascii. Default: the terminal's, or 100.")
    var width: Int?

    @Option(help: "text, ascii, markdown, csv, html or xlsx (Excel, to standard output: > grid.xlsx).")
    var format: Output<GanttFormat> = .text(.text)

    @Flag(help: "Plan against actual: ● done, × missed, − cancelled (from meetings held and progress-<year>.csv).")
    var actual = false

    @Option(
        help:
            "With --actual, count what happened up to this day (YYYY-MM-DD), and mark its month. Default: --today, COUNCIL_TODAY or today."
    )
    var asOf: String?

    @Flag(help: "Count East Asian ambiguous characters (■ ○ ① ─) as two columns, as CJK-configured terminals do.")
    var ambiguousWide = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "Rows for the meetings of the council above (仙台市) that this council's businesses are invited to, labelled 市."
    )
    var city = true

    @Flag(
        inversion: .prefixedNo, help: "Show the day of each meeting in its cell (■12, ■6・20; →12 moved, −14 cancelled)."
    )
    var dates = true

    func validate() throws {
        if let width, width < GanttOptions.minimumWidth {
            throw ValidationError(
                "--width must be \(GanttOptions.minimumWidth) or more (幅は\(GanttOptions.minimumWidth)桁以上)")
        }
    }

    func run() async throws {
        let path = self.council.path
        let today = try self.council.resolvedToday()
        // Against actual, the years the records were matched against are the grid's years.
        let loaded =
            actual
            ? try await loadYears(path, today: today)
            : councilYears(try await loadCouncil(path, includeRecords: false, today: today), today: today)
        let council = loaded.council
        let plan = try chosenPlan(council, year: self.council.year, today: today, path: path)
        var year = loaded.year(plan.year)
        if city { year = year.joining(above: await yearsAbove(path, year: plan.year, today: today)) }
        let end = try asOf.map { try resolveToday($0, flagName: "--as-of") } ?? today
        let progress = actual ? PlanProgress(year, asOf: end) : nil
        guard let chart = GanttChart(year, progress: progress, today: end) else { throw ExitCode(1) }
        guard case .text(let textFormat) = format else { return try writeWorkbook(chart.workbook(created: end)) }
        let fitted = width ?? max(terminalWidth() ?? 100, GanttOptions.minimumWidth)
        print(
            chart.render(GanttOptions(format: textFormat, width: fitted, ambiguousIsWide: ambiguousWide, dates: dates)),
            terminator: "")
    }
}

extension GanttFormat: ExpressibleByArgument {}
