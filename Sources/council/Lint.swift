import ArgumentParser
import CouncilExport
import CouncilFiles

/// `council lint plans/aoba` or `council lint plans/`: every problem of every file, or a one-line summary.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "計画ファイルを検査します / Check plan files and report every problem with file:line:column."
    )

    @Argument(help: "A council folder (plans/aoba) or a folder of councils (plans/).")
    var path: String

    func run() throws {
        let directories = PlanDirectory.councilDirectories(in: path)
        guard !directories.isEmpty else {
            print("\(path): council.yamlのあるフォルダが見つかりません / no council folder (with council.yaml) here")
            throw ExitCode(2)
        }
        var failed = false
        for directory in directories {
            switch PlanDirectory.load(directory, expander: LibicalRecurrence()) {
            case .success(let council):
                let tasks = council.plans.reduce(0) { $0 + $1.tasks.count }
                let years = council.plans.map(\.year.japaneseName).joined(separator: "・")
                print("\(directory): 問題はありません / ok — \(council.name): 事業所 \(council.businesses.count), 会議体 \(council.series.count), 計画 \(years.isEmpty ? "なし" : years) (作業手順 \(tasks))")
            case .failure(let problems):
                failed = true
                for problem in problems.problems { print(problem) }
                print("\(directory): \(problems.problems.count) 件の問題 / \(problems.problems.count) problem(s)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
