import CouncilCore
import Yams

/// `plan-2026.yaml`: one fiscal year's plan.
struct PlanFile {
    static let keys = ["year", "title", "previous_work", "findings", "goals", "issues", "tasks", "notes"]
    static let issueKeys = ["number", "problem", "actions", "remarks"]
    static let taskKeys = ["title", "months", "issue", "series"]
    static let atLeastKeys = ["at_least", "in"]

    var plan: Plan
    /// Task references to series, checked against council.yaml once both are read.
    var seriesNodes: [(SeriesID, Node)]

    static func read(_ text: String, reader: YAMLReader, fileYear: Int) -> PlanFile? {
        guard let root = reader.root(of: text), let map = reader.mapping(root, "plan", keys: keys) else { return nil }
        let year = map.required("year").flatMap { reader.integer($0, "year", in: 1989...2200) }
        if let year, year != fileYear, let node = map["year"] {
            reader.report(
                .yearMismatch, at: node, "yearがファイル名の年度と違います / year \(year) differs from the file name's \(fileYear)",
                expected: "year: \(fileYear) in plan-\(fileYear).yaml")
        }
        let title = map.required("title").flatMap { reader.nonEmptyString($0, "title") }
        let texts = { (key: String) in map[key].flatMap { reader.strings($0, key) } ?? [] }

        var issues: [PlanIssue] = []
        for (index, node) in (map["issues"].flatMap { reader.sequence($0, "issues") } ?? []).enumerated() {
            guard let issueMap = reader.mapping(node, "issues", keys: issueKeys) else { continue }
            let number = issueMap["number"].flatMap { reader.integer($0, "issues.number", in: 1...99) } ?? index + 1
            guard let problem = issueMap.required("problem").flatMap({ reader.nonEmptyString($0, "issues.problem") })
            else { continue }
            if issues.contains(where: { $0.number == number }) {
                reader.report(
                    .duplicateID, at: node, "課題番号\(number)が重複しています / duplicate issue number",
                    expected: "numbers 1, 2, 3 … once each")
                continue
            }
            issues.append(
                PlanIssue(
                    number: number, problem: problem,
                    actions: issueMap["actions"].flatMap { reader.strings($0, "issues.actions") } ?? [],
                    remarks: issueMap["remarks"].flatMap { reader.nonEmptyString($0, "issues.remarks") }
                ))
        }

        var tasks: [PlanTask] = []
        var seriesNodes: [(SeriesID, Node)] = []
        for (index, node) in (map["tasks"].flatMap { reader.sequence($0, "tasks") } ?? []).enumerated() {
            guard let taskMap = reader.mapping(node, "tasks", keys: taskKeys) else { continue }
            let title = taskMap.required("title").flatMap { reader.nonEmptyString($0, "tasks.title") }
            let schedule = taskMap.required("months").flatMap { reader.taskSchedule($0) }
            var issue: Int?
            if let issueNode = taskMap["issue"], let number = reader.integer(issueNode, "tasks.issue", in: 1...99) {
                if issues.contains(where: { $0.number == number }) {
                    issue = number
                } else {
                    reader.report(
                        .unknownIssue, at: issueNode, "課題\(number)はこの計画にありません / no issue \(number) in this plan",
                        expected: issues.isEmpty
                            ? "issues listed under issues:"
                            : "one of \(issues.map { String($0.number) }.joined(separator: ", "))")
                }
            }
            var series: SeriesID?
            if let seriesNode = taskMap["series"], let id = reader.identifier(seriesNode, "tasks.series") {
                series = SeriesID(id)
                seriesNodes.append((SeriesID(id), seriesNode))
            }
            guard let title, let schedule else { continue }
            tasks.append(PlanTask(number: index + 1, title: title, schedule: schedule, issue: issue, series: series))
        }
        guard let year, let title else { return nil }
        let plan = Plan(
            year: FiscalYear(year), title: title,
            previousWork: texts("previous_work"), findings: texts("findings"), goals: texts("goals"),
            issues: issues, tasks: tasks, notes: texts("notes")
        )
        return PlanFile(plan: plan, seriesNodes: seriesNodes)
    }
}

extension YAMLReader {
    static let scheduleExpectation =
        "a list of months such as [4, 6, 8], 毎月, 随時, \"1回以上\", or {at_least: 1, in: [9, 10, 11]}"

    /// `[4, 6, 8]`, `毎月`, `随時`, `1回以上`, or `{at_least: 1, in: [9, 10]}`.
    func taskSchedule(_ node: Node) -> TaskSchedule? {
        switch node {
        case .sequence:
            guard let items = sequence(node, "months") else { return nil }
            let months = items.compactMap { month($0) }
            guard months.count == items.count else { return nil }
            guard !months.isEmpty else {
                report(.badSchedule, at: node, "月の指定が空です / no months given", expected: Self.scheduleExpectation)
                return nil
            }
            return .months(Set(months))
        case .mapping:
            guard let map = mapping(node, "months", keys: PlanFile.atLeastKeys),
                let times = map.required("at_least").flatMap({ integer($0, "at_least", in: 1...12) })
            else { return nil }
            var months: Set<Int> = []
            if let inNode = map["in"] {
                guard let items = sequence(inNode, "in") else { return nil }
                let parsed = items.compactMap { month($0) }
                guard parsed.count == items.count else { return nil }
                months = Set(parsed)
            }
            return .atLeast(times: times, months: months)
        default:
            guard let text = nonEmptyString(node, "months") else { return nil }
            switch text {
            case "毎月", "every-month": return .everyMonth
            case "随時", "as-needed": return .asNeeded
            default:
                if text.hasSuffix("回以上"), let times = Int(text.dropLast(3)), (1...12).contains(times) {
                    return .atLeast(times: times, months: [])
                }
                report(
                    .badSchedule, at: node, "月の指定「\(text)」を読めません / cannot read the months",
                    expected: Self.scheduleExpectation)
                return nil
            }
        }
    }

    private func month(_ node: Node) -> Int? {
        guard let text = string(node, "month") else { return nil }
        let digits = text.hasSuffix("月") ? String(text.dropLast()) : text
        guard let value = Int(digits.trimmingSpaces) else {
            report(.badMonth, at: node, "月「\(text)」は数ではありません / month is not a number", expected: "a month 1–12")
            return nil
        }
        guard (1...12).contains(value) else {
            report(.badMonth, at: node, "\(value)月はありません / month \(value) is outside 1–12", expected: "a month 1–12")
            return nil
        }
        return value
    }
}
