import ArgumentParser
import CouncilCore
import CouncilRendering

/// `council plan plans/aoba --format html`: the 計画案 for the 運営会議.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "計画案(目標・課題・取組・作業手順・スケジュール)を出力します / Print the year's plan as the 計画案 lays it out."
    )

    @OptionGroup var council: CouncilOptions

    @Option(help: "text, markdown or html.")
    var format: PlanDocument.Format = .html

    @Option(help: "Width of the text grid in columns. Default: the terminal's, or 100.")
    var width: Int?

    func run() async throws {
        let today = try council.resolvedToday()
        let loaded = councilYears(
            try await loadCouncil(council.path, includeRecords: false, today: today), today: today)
        let plan = try chosenPlan(loaded.council, year: council.year, today: today, path: council.path)
        guard let chart = GanttChart(loaded.year(plan.year)) else { throw ExitCode(1) }
        print(
            PlanDocument(chart: chart).render(
                format, width: max(width ?? terminalWidth() ?? 100, GanttOptions.minimumWidth)), terminator: "")
    }
}

extension PlanDocument.Format: ExpressibleByArgument {}
