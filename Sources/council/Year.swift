import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles

/// `council year start plans/aoba 2027`: next year's plan, written from this year's.
struct Year: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "年度を扱います / Work with fiscal years.",
        subcommands: [Start.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "次の年度の計画を今年度の計画から作ります / Write next year's plan-<year>.yaml from this year's.",
            discussion:
                "Goals, issues and tasks (with their months and series) are kept; the year and the era in the title move on. Series in council.yaml carry over; one-off dates stay with their year. No record is made for the new year, and this year's published meetings are not touched."
        )

        @Argument(help: "A council folder, e.g. plans/aoba.")
        var path: String

        @Argument(help: "The new fiscal year, e.g. 2027. Default: the year after today's.")
        var year: Int?

        @Option(help: "Work as on this day (YYYY-MM-DD). Default: COUNCIL_TODAY, else today.")
        var today: String?

        @Flag(help: "Print the new plan without writing it.")
        var dryRun = false

        func run() async throws {
            let day = try resolveToday(today)
            let target = year.map(FiscalYear.init) ?? FiscalYear(FiscalYear(containing: day).startYear + 1)
            let lock = try lockFolder(path)
            defer { withExtendedLifetime(lock) {} }
            switch await YearStart.nextPlan(
                folder: path.hasSuffix("/") ? String(path.dropLast()) : path, to: target, today: day,
                expander: LibicalRecurrence())
            {
            case .failure(let problems):
                for problem in problems.problems { printError(problem.description) }
                printError("何も書き込んでいません / nothing was written")
                throw ExitCode(1)
            case .success(let next):
                if dryRun {
                    print(next.text, terminator: "")
                } else {
                    try writeAll([(next.path, Array(next.text.utf8))])
                }
                for note in next.notes { printError("次にすること / to do: \(note)") }
            }
        }
    }
}
