import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles

/// `council lint plans/aoba` or `council lint plans/`: every problem and warning of every file on standard error,
/// as every command reports them, and a one-line summary per council on standard output.
struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "計画ファイルを検査します / Check plan files and report every problem with file:line:column.",
        discussion:
            "Warnings stop nothing (the exit status stays 0): warning[past-kept] names a past meeting that the plan as edited would give differently (the published one is kept); warning[provisional-holiday] a later meeting whose day depends on an equinox day the 暦要項 has not fixed yet; warning[same-day] two meetings of a series moved onto one day; warning[outside-year] a meeting moved out of its fiscal year; warning[unusable-spare-day] a 予備日 on a closed day or with no meeting before it in its month; warning[lead-without-section] a 区職員 lead whose slots reach no section's feed; warning[missing-uid-domain] a council without uid_domain."
    )

    @Argument(help: "A council folder (plans/aoba) or a folder of councils (plans/).")
    var path: String

    @Option(
        help: "Check as on this day (YYYY-MM-DD): meetings before it are history. Default: COUNCIL_TODAY, else today.")
    var today: String?

    func run() async throws {
        let directories = PlanDirectory.councilDirectories(in: path)
        guard !directories.isEmpty else {
            printError("\(path): council.yamlのあるフォルダが見つかりません / no council folder (with council.yaml) here")
            throw ExitCode(2)
        }
        let day = try resolveToday(today)
        var failed = false
        for directory in directories {
            // The years the records were checked against are the years whose schedules are checked.
            switch await PlanDirectory.loadYears(directory, expander: LibicalRecurrence(), today: day) {
            case .success(let years):
                let council = years.council
                let checked = Set(council.plans.map(\.year)).union(council.published.keys).sorted().map(years.year)
                let errors = checked.flatMap(\.scheduleErrors)
                let warnings =
                    PlanDirectory.councilWarnings(directory)
                    + checked.flatMap {
                        PlanDirectory.pastWarnings(directory, for: $0)
                            + PlanDirectory.scheduleWarnings(directory, for: $0)
                    }
                for problem in errors {
                    printError("\(directory)/\(PlanDirectory.councilFileName): error[bad-schedule]: \(problem)")
                }
                for warning in warnings { printError("\(warning)") }
                guard errors.isEmpty else {
                    failed = true
                    print("\(directory): \(errors.count) 件の問題 / \(errors.count) problem(s)")
                    continue
                }
                let tasks = council.plans.reduce(0) { $0 + $1.tasks.count }
                let names = council.plans.map(\.year.japaneseName).joined(separator: "・")
                let note = warnings.isEmpty ? "" : "、警告 \(warnings.count) 件 / \(warnings.count) warning(s)"
                print(
                    "\(directory): 問題はありません / ok — \(council.name): 事業所 \(council.businesses.count), 会議体 \(council.series.count), 計画 \(names.isEmpty ? "なし" : names) (作業手順 \(tasks))\(note)"
                )
            case .failure(let problems):
                failed = true
                for problem in problems.problems { printError(problem.description) }
                print("\(directory): \(problems.problems.count) 件の問題 / \(problems.problems.count) problem(s)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
