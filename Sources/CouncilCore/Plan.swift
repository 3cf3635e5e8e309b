/// A council's plan for one fiscal year, as the seed's 計画案 lays it out.
public struct Plan: Hashable, Sendable {
    public var year: FiscalYear
    public var title: String
    /// 前年度の取組.
    public var previousWork: [String]
    /// 前年度の取組を通じて明らかになったこと.
    public var findings: [String]
    /// 目標.
    public var goals: [String]
    /// 目標達成に向け解決すべき課題, each with its 取組.
    public var issues: [PlanIssue]
    /// 作業手順・スケジュール: the rows ①… of the grid.
    public var tasks: [PlanTask]
    /// その他計画案に関する特記事項.
    public var notes: [String]

    public init(
        year: FiscalYear, title: String, previousWork: [String] = [], findings: [String] = [], goals: [String] = [],
        issues: [PlanIssue] = [], tasks: [PlanTask] = [], notes: [String] = []
    ) {
        self.year = year
        self.title = title
        self.previousWork = previousWork
        self.findings = findings
        self.goals = goals
        self.issues = issues
        self.tasks = tasks
        self.notes = notes
    }
}

/// A 課題 and the 取組 that address it.
public struct PlanIssue: Hashable, Sendable {
    public var number: Int
    public var problem: String
    public var actions: [String]
    public var remarks: String?

    public init(number: Int, problem: String, actions: [String] = [], remarks: String? = nil) {
        self.number = number
        self.problem = problem
        self.actions = actions
        self.remarks = remarks
    }
}

/// One numbered row of the plan grid.
public struct PlanTask: Hashable, Sendable {
    /// 1 for ①.
    public var number: Int
    public var title: String
    public var schedule: TaskSchedule
    /// The 課題 it serves, by number.
    public var issue: Int?
    public var series: SeriesID?

    public init(number: Int, title: String, schedule: TaskSchedule, issue: Int? = nil, series: SeriesID? = nil) {
        self.number = number
        self.title = title
        self.schedule = schedule
        self.issue = issue
        self.series = series
    }

    /// ① … ⑳, then (21) and on.
    public var numberLabel: String { circledNumber(number) }
}

/// When a task runs within the year.
public enum TaskSchedule: Hashable, Sendable {
    /// Specific months (1–12).
    case months(Set<Int>)
    /// 毎月.
    case everyMonth
    /// 随時: as needed, whenever the occasion arises.
    case asNeeded
    /// N回以上: at least `times` times, within `months` (every month when empty).
    case atLeast(times: Int, months: Set<Int>)

    /// Whether the grid marks the month as planned.
    public func isPlanned(month: Int) -> Bool {
        switch self {
        case .months(let months): return months.contains(month)
        case .everyMonth: return true
        case .asNeeded: return false
        case .atLeast(_, let months): return months.isEmpty || months.contains(month)
        }
    }
}

/// ① … ⑳ for 1 … 20; beyond that a parenthesised number.
public func circledNumber(_ n: Int) -> String {
    guard (1...20).contains(n), let scalar = Unicode.Scalar(0x2460 + n - 1) else { return "(\(n))" }
    return String(Character(scalar))
}
