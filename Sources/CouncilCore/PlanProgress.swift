/// Plan against what was done: for each task of the plan grid, month by month.
///
/// A planned month is **done** when a meeting of the task's series took place that month (not cancelled,
/// on or before `asOf`) or a progress mark says so; **cancelled** when its meeting was cancelled or a mark
/// says so; **missed** when the month has ended without either; **upcoming** otherwise. 達成率 is done ÷
/// (planned months that have ended, less cancelled ones). A 随時 task has no 達成率; an "N回以上" task's is
/// min(done, N) ÷ N.
public struct PlanProgress: Sendable {
    public enum MonthState: Hashable, Sendable {
        case done, missed, cancelled, upcoming
        /// Done in a month the plan did not mark.
        case doneUnplanned
        case unplanned
    }

    /// The secretariat's own record that a task was done (or dropped) in a month.
    public struct Mark: Hashable, Sendable {
        public var task: Int
        public var month: Int
        public var status: Status
        public var note: String?

        public enum Status: String, CaseIterable, Hashable, Sendable {
            case done, cancelled
        }

        public init(task: Int, month: Int, status: Status, note: String? = nil) {
            self.task = task
            self.month = month
            self.status = status
            self.note = note
        }
    }

    public struct TaskProgress: Hashable, Sendable {
        public var task: PlanTask
        /// By month, in grid order (4月 … 3月).
        public var months: [(month: Int, state: MonthState)]
        public var done: Int
        /// The denominator of 達成率; nil for 随時.
        public var due: Int?

        public var rate: Double? {
            guard let due, due > 0 else { return nil }
            return Double(min(done, due)) / Double(due)
        }

        public static func == (a: TaskProgress, b: TaskProgress) -> Bool {
            a.task == b.task && a.done == b.done && a.due == b.due && a.months.map(\.month) == b.months.map(\.month) && a.months.map(\.state) == b.months.map(\.state)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(task)
            hasher.combine(done)
        }
    }

    public let plan: Plan
    public let tasks: [TaskProgress]

    public init(plan: Plan, occurrences: [Occurrence], marks: [Mark], asOf: CalendarDate) {
        self.plan = plan
        let current = YearMonth(year: asOf.year, month: asOf.month)
        tasks = plan.tasks.map { task in
            var months: [(Int, MonthState)] = []
            var done = 0
            var due = 0
            for month in plan.year.months {
                let inMonth = occurrences.filter { $0.series == task.series && $0.date.year == month.year && $0.date.month == month.month }
                let held = inMonth.contains { $0.status != .cancelled && $0.date <= asOf }
                let cancelled = !inMonth.isEmpty && inMonth.allSatisfy { $0.status == .cancelled }
                let mark = marks.last { $0.task == task.number && $0.month == month.month }?.status
                let planned = task.schedule.isPlanned(month: month.month)
                let state: MonthState
                if held || mark == .done {
                    state = planned || task.schedule == .asNeeded ? .done : .doneUnplanned
                } else if planned && (cancelled || mark == .cancelled) {
                    state = .cancelled
                } else if case .atLeast = task.schedule, planned {
                    // "N回以上" is judged over its months together, not month by month.
                    state = month < current ? .unplanned : .upcoming
                } else if planned && task.schedule != .asNeeded {
                    state = month < current ? .missed : .upcoming
                } else {
                    state = .unplanned
                }
                if state == .done { done += 1 }
                if state == .done || state == .missed { due += 1 }
                months.append((month.month, state))
            }
            let denominator: Int?
            switch task.schedule {
            case .asNeeded: denominator = nil
            case .atLeast(let times, _): denominator = times
            case .months, .everyMonth: denominator = due
            }
            return TaskProgress(task: task, months: months, done: done, due: denominator)
        }
    }

    /// 達成率 of the whole plan: done over due, for every task that has one.
    public var overall: (done: Int, due: Int) {
        tasks.reduce((0, 0)) { sum, task in
            guard let due = task.due else { return sum }
            return (sum.0 + min(task.done, due), sum.1 + due)
        }
    }
}

extension PlanProgress {
    /// Plan against actual for a council's year, from its meetings and progress marks; nil without a plan.
    public init?(_ councilYear: CouncilYear, asOf: CalendarDate) {
        guard let plan = councilYear.plan else { return nil }
        self.init(plan: plan, occurrences: councilYear.occurrences, marks: councilYear.progressMarks, asOf: asOf)
    }
}
