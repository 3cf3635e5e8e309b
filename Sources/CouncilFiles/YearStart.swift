import CouncilCore
import Foundation
import Yams

/// Next year's plan from this year's (`council year start`), so that each March the secretariat starts
/// from last year's plan rather than a blank page.
///
/// The new `plan-<year>.yaml` is the old file with its `year` and the era in its title moved on, and a
/// comment on top: comments, goals, issues and tasks (their months and series) are kept as written. The
/// series of council.yaml carry over by themselves; one-off dates stay with the year they name, and no
/// record (attendance, progress, rotation, published schedule) is made for the new year.
public enum YearStart {
    public struct NextPlan: Sendable {
        public var path: String
        public var text: String
        /// What the secretariat should look at next, one line each.
        public var notes: [String]
    }

    /// The new plan, checked: the folder with it loads and its year can be dated, or every problem.
    public static func nextPlan(
        folder: String, to year: FiscalYear, today: CalendarDate, expander: (any RecurrenceExpanding)?
    ) async -> Result<NextPlan, PlanProblems> {
        let files = PlanFiles(folder: folder)
        let previous = year.previous
        let sourceName = "plan-\(previous.startYear).yaml"
        let targetName = "plan-\(year.startYear).yaml"
        let sourcePath = "\(folder)/\(sourceName)"
        let targetPath = "\(folder)/\(targetName)"
        func problem(_ path: String, _ message: String, _ expected: String) -> Result<NextPlan, PlanProblems> {
            .failure(
                PlanProblems([
                    PlanProblem(id: .missingFile, file: path, line: 1, column: 1, message: message, expected: expected)
                ]))
        }
        guard !files.names.contains(targetName) else {
            return problem(
                targetPath, "\(year.japaneseName)の計画はもうあります / the plan exists already",
                "no \(targetName) yet (edit it instead)")
        }
        guard let bytes = files.bytes(sourceName), let text = String(validating: bytes, as: UTF8.self) else {
            return problem(
                sourcePath, "\(previous.japaneseName)の計画がありません / no plan to start from",
                "\(sourceName) in the council's folder")
        }
        let reader = YAMLReader(file: sourcePath)
        guard let root = reader.root(of: text), let yearNode = root.mapping?["year"], let yearLine = yearNode.mark?.line
        else {
            return .failure(
                PlanProblems(
                    reader.problems.isEmpty
                        ? [
                            PlanProblem(
                                id: .missingKey, file: sourcePath, line: 1, column: 1, message: "yearがありません / no year",
                                expected: "year: \(previous.startYear)")
                        ] : reader.problems))
        }
        var lines = text.components(separatedBy: "\n")
        lines[yearLine - 1] = lines[yearLine - 1].replacingOccurrences(
            of: String(previous.startYear), with: String(year.startYear))
        if let titleLine = root.mapping?["title"]?.mark?.line, titleLine != yearLine {
            lines[titleLine - 1] = lines[titleLine - 1].replacingOccurrences(
                of: previous.japaneseName, with: year.japaneseName)
        }
        let header = [
            "# \(year.japaneseName)の計画: council year start で\(previous.japaneseName)の計画(\(sourceName))から作成(\(today))。",
            "# previous_work(前年度の取組)と findings(明らかになったこと)は\(previous.japaneseName)の振り返りに書き換えてください。",
        ]
        let next = (header + lines).joined(separator: "\n")

        // Checked as the commands will read it: the folder with the new plan loads, and its year can be dated.
        var inMemory: [String: [UInt8]] = [:]
        for name in files.names { inMemory[name] = files.bytes(name) }
        inMemory[targetName] = Array(next.utf8)
        let council: Council
        switch await PlanDirectory.load(
            PlanFiles(folder: folder, files: inMemory), expander: expander, includeRecords: false, today: today)
        {
        case .success(let loaded): council = loaded
        case .failure(let problems): return .failure(problems)
        }
        let built = CouncilYears(council: council, today: today, expander: expander).year(year)
        guard built.scheduleErrors.isEmpty else {
            return .failure(
                PlanProblems(
                    built.scheduleErrors.map {
                        PlanProblem(
                            id: .badSchedule, file: "\(folder)/\(PlanDirectory.councilFileName)", line: 1, column: 1,
                            message: "\($0)")
                    }))
        }
        var notes: [String] = []
        let dated = Set(built.meetings.map(\.series))
        for task in council.plan(for: year)?.tasks ?? [] {
            guard let id = task.series, council.series(id) != nil, !dated.contains(id) else { continue }
            notes.append(
                "\(task.numberLabel)「\(task.title)」: 会議体 \(id) には\(year.japaneseName)の開催日がまだありません。council.yaml の schedule に日付を書き足してください / series \(id) has no date in \(year.startYear) yet"
            )
        }
        return .success(NextPlan(path: targetPath, text: next, notes: notes))
    }
}
