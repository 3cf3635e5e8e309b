import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import Foundation
import IntegerProgramming

/// `council rotate plans/miyagino`: fills the rotations' slots and records them in the plan folder.
struct Rotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "スーパービジョン・訪問の順番を割り当てます / Assign rotation slots (GSV, 個別SV, visits) fairly.",
        discussion:
            "Slots on or before --today (or COUNCIL_TODAY) keep what rotation-<id>-<year>.csv says; later ones are planned anew, changing as few as possible. The result is written back to that file."
    )

    @OptionGroup var options: CouncilOptions

    @Option(help: "Only this rotation (its id).")
    var rotation: String?

    @Flag(help: "Print the plan without writing the record file.")
    var dryRun = false

    func run() async throws {
        let path = options.path
        let lock = try lockFolder(path)
        defer { withExtendedLifetime(lock) {} }
        let heldThrough = try options.resolvedToday()
        var council = try await loadCouncil(path, includeRecords: false, today: heldThrough)
        let year = options.fiscalYear(today: heldThrough)
        let chosen = council.rotations.filter { rotation == nil || $0.id.rawValue == rotation }
        guard !chosen.isEmpty else {
            printError(
                "\(path): ローテーションがありません / no rotation\(rotation.map { " \"\($0)\"" } ?? "") (rotations: \(council.rotations.map(\.id.rawValue).joined(separator: ", ")))"
            )
            throw ExitCode(1)
        }
        let councilYear = councilYears(council, today: heldThrough).year(year)
        var files: [(path: String, bytes: [UInt8])] = []
        var failed = false
        for run in council.planRotations(chosen, in: councilYear, today: heldThrough, solver: GLPKSolver()) {
            switch run.outcome {
            case nil:
                for problem in councilYear.scheduleErrors { printError("\(path)/council.yaml: \(problem)") }
                failed = true
            case .failure(let infeasible)?:
                printError(infeasible.description)
                failed = true
            case .success(let plan)?:
                print(
                    RotationPlanText(council: council, rotation: run.rotation, plan: plan, planner: run.planner).text())
                files.append(
                    (
                        "\(path)/\(RotationRecordFile.fileName(run.rotation.id, year))",
                        RotationRecordFile.bytes(for: plan.assignments)
                    ))
            }
        }
        if failed { throw ExitCode(1) }
        if !dryRun { try writeAll(files) }
    }
}
