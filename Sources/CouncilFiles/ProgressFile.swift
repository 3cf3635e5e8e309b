import CouncilCore
import TextFormats

/// `progress-<year>.csv`: the secretariat's marks that a plan task was done (or dropped) in a month, for
/// tasks no meeting series shows — 周知, 声掛け, 訪問.
///
/// ```csv
/// task,month,status,note
/// 4,5,done,メールで周知
/// ```
/// `task` is the row number of the grid (4 for ④), `month` 1–12, `status` done or cancelled (実施 / 中止).
public enum ProgressFile {
    static let header = ["task", "month", "status", "note"]

    static func read(_ bytes: [UInt8], file: String, plan: Plan?) -> Result<[PlanProgress.Mark], PlanProblems> {
        func problem(_ id: PlanProblem.ID, _ line: Int, _ column: Int, _ message: String, _ expected: String)
            -> PlanProblem
        {
            PlanProblem(id: id, file: file, line: line, column: column, message: message, expected: expected)
        }
        guard let plan else {
            return .failure(
                PlanProblems([
                    problem(
                        .missingFile, 1, 1, "この年度の計画(plan-YYYY.yaml)がありません / no plan for this year",
                        "plan-YYYY.yaml beside it")
                ]))
        }
        guard let (text, _) = TextDecoding.decode(bytes), let reader = try? ExcelCSV.Reader(text),
            reader.header.prefix(3) == header.prefix(3)
        else {
            return .failure(
                PlanProblems([
                    problem(
                        .csvColumns, 1, 1, "見出し行が違います / the header row is not task,month,status,note",
                        header.joined(separator: ","))
                ]))
        }
        var marks: [PlanProgress.Mark] = []
        var problems: [PlanProblem] = []
        while let record = reader.next() {
            let row = record.fields
            let line = record.line
            if record.isBlank { continue }
            guard row.count >= 3 else {
                problems.append(problem(.csvSyntax, line, 1, "列が足りません / too few fields", "task,month,status[,note]"))
                continue
            }
            let task = Int(row[0]).flatMap { n in plan.tasks.contains { $0.number == n } ? n : nil }
            if task == nil {
                problems.append(
                    problem(
                        .unknownIssue, line, 1, "作業手順「\(row[0])」はこの計画にありません / no such task", "1–\(plan.tasks.count)"))
            }
            let month = Int(row[1].hasSuffix("月") ? String(row[1].dropLast()) : row[1]).flatMap {
                (1...12).contains($0) ? $0 : nil
            }
            if month == nil {
                problems.append(problem(.badMonth, line, record.column(1), "月「\(row[1])」はありません / not a month", "1–12"))
            }
            let status: PlanProgress.Mark.Status? = [
                "done": .done, "実施": .done, "cancelled": .cancelled, "中止": .cancelled,
            ][row[2]]
            if status == nil {
                problems.append(
                    problem(
                        .badValue, line, record.column(2), "状態「\(row[2])」はありません / unknown status",
                        "done (実施) or cancelled (中止)"))
            }
            guard let task, let month, let status else { continue }
            marks.append(
                PlanProgress.Mark(
                    task: task, month: month, status: status, note: row.count > 3 && !row[3].isEmpty ? row[3] : nil))
        }
        return problems.isEmpty ? .success(marks) : .failure(PlanProblems(problems))
    }
}
