/// Plan against what was done: for each task of the plan grid, month by month, and why.
///
/// A task follows a series or a rotation (`series:` in the plan names either). A meeting moved into another month
/// (a make-up, a 予備日) counts for the month it was planned for. A month of it is
/// - **done** when a meeting of the series took place that month and has an attendance record, or a slot of
///   the rotation is recorded 実施 that month, or a progress mark says so;
/// - **未記録** (records missing) when a meeting or slot of the month has taken place but nothing is recorded:
///   neither done nor missed until it is recorded;
/// - **cancelled** when everything of the month was cancelled, or a mark says so;
/// - **missed** when it was planned, the month has ended and none of the above;
/// - **upcoming** otherwise.
/// 達成率 is done ÷ (done + missed) for a task of given months or 毎月. An "N回以上" task is *pending* (実施中)
/// until its months have ended or it is done N times, then min(done, N) ÷ N. A 随時 task is never missed and
/// has no 達成率. The plan's 達成率 adds the done and due months of every task that has one.
public struct PlanProgress: Sendable {
    public enum MonthState: Hashable, Sendable {
        case done, missed, cancelled, upcoming
        /// Held, but with no record yet (未記録).
        case unrecorded
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

    /// A meeting or slot of a task's series or rotation, as it stands on the as-of day.
    public struct Activity: Hashable, Sendable {
        public enum State: Hashable, Sendable {
            /// Took place and is recorded (attendance lines, or a slot recorded 実施).
            case held
            /// Its day has passed and nothing is recorded.
            case unrecorded
            case cancelled
            /// Still to come.
            case scheduled
        }

        /// The day it took place or is to; a cancelled one's planned day.
        public var date: CalendarDate
        public var state: State
        /// For a meeting moved into another month to make up for its own (a typhoon's make-up, a 予備日), the day
        /// it was planned for: it counts for that month.
        public var makesUpFor: CalendarDate?

        public init(date: CalendarDate, state: State, makesUpFor: CalendarDate? = nil) {
            self.date = date
            self.state = state
            self.makesUpFor = makesUpFor
        }

        /// The month it counts for.
        public var month: YearMonth {
            let day = makesUpFor ?? date
            return YearMonth(year: day.year, month: day.month)
        }
    }

    /// One month of a task: its state, and the meetings, slots and mark it was judged on.
    public struct MonthDetail: Hashable, Sendable {
        public var month: YearMonth
        public var state: MonthState
        public var activities: [Activity]
        public var mark: Mark.Status?
        public var planned: Bool
    }

    public struct TaskProgress: Hashable, Sendable {
        public var task: PlanTask
        /// By month, in grid order (4月 … 3月).
        public var details: [MonthDetail]
        public var done: Int
        /// The denominator of 達成率; nil for 随時 and for a pending "N回以上".
        public var due: Int?
        /// An "N回以上" task whose months have not all ended and that is not yet done N times.
        public var isPending: Bool

        public var months: [(month: Int, state: MonthState)] { details.map { ($0.month.month, $0.state) } }

        public var rate: Double? {
            guard let due, due > 0 else { return nil }
            return Double(min(done, due)) / Double(due)
        }

        /// Months with a meeting or slot held and not recorded.
        public var unrecorded: [MonthDetail] { details.filter { $0.state == .unrecorded } }
    }

    public let plan: Plan
    public let asOf: CalendarDate
    public let tasks: [TaskProgress]

    /// `activities` are by series or rotation id, as a task's `series` names them.
    public init(plan: Plan, activities: [String: [Activity]], marks: [Mark], asOf: CalendarDate) {
        self.plan = plan
        self.asOf = asOf
        let current = YearMonth(year: asOf.year, month: asOf.month)
        tasks = plan.tasks.map { task in
            var details: [MonthDetail] = []
            var done = 0
            var missed = 0
            let all = task.series.flatMap { activities[$0.rawValue] } ?? []
            for month in plan.year.months {
                let inMonth = all.filter { $0.month == month }
                let mark = marks.last { $0.task == task.number && $0.month == month.month }?.status
                let planned = task.schedule.isPlanned(month: month.month)
                let state: MonthState
                if inMonth.contains(where: { $0.state == .held }) || mark == .done {
                    state = planned || task.schedule == .asNeeded ? .done : .doneUnplanned
                } else if planned
                    && (mark == .cancelled || (!inMonth.isEmpty && inMonth.allSatisfy { $0.state == .cancelled }))
                {
                    state = .cancelled
                } else if inMonth.contains(where: { $0.state == .unrecorded }) {
                    state = .unrecorded
                } else if case .atLeast = task.schedule, planned {
                    // "N回以上" is judged over its months together, not month by month.
                    state = month < current ? .unplanned : .upcoming
                } else if planned && task.schedule != .asNeeded {
                    state = month < current ? .missed : .upcoming
                } else {
                    state = .unplanned
                }
                if state == .done { done += 1 }
                if state == .missed { missed += 1 }
                details.append(
                    MonthDetail(
                        month: month, state: state, activities: inMonth.sorted { $0.date < $1.date }, mark: mark,
                        planned: planned))
            }
            var due: Int?
            var pending = false
            switch task.schedule {
            case .asNeeded:
                due = nil
            case .atLeast(let times, let months):
                let last = plan.year.months.last { months.isEmpty || months.contains($0.month) } ?? plan.year.months[11]
                if done >= times || last < current { due = times } else { pending = true }
            case .months, .everyMonth:
                due = done + missed
            }
            return TaskProgress(task: task, details: details, done: done, due: due, isPending: pending)
        }
    }

    /// 達成率 of the whole plan: done over due, for every task that has one.
    public var overall: (done: Int, due: Int) {
        tasks.reduce((0, 0)) { sum, task in
            guard let due = task.due else { return sum }
            return (sum.0 + min(task.done, due), sum.1 + due)
        }
    }

    /// 達成率 of the whole plan as a ratio; nil when no task has a due count.
    public var overallRate: Double? {
        let (done, due) = overall
        return due == 0 ? nil : Double(done) / Double(due)
    }
}

extension PlanProgress {
    /// Plan against actual for a council's year: its meetings with their attendance records, its rotations'
    /// slots with their recorded outcomes, and its progress marks; nil without a plan.
    public init?(_ councilYear: CouncilYear, asOf: CalendarDate) {
        guard let plan = councilYear.plan else { return nil }
        let recorded = councilYear.attendance.recordedMeetings
        var activities = Self.activities(
            of: councilYear.occurrences, recorded: { recorded.contains(MeetingKey($0)) }, asOf: asOf)
        for rotation in councilYear.council.rotations {
            activities[rotation.id.rawValue, default: []] += councilYear.assignments(of: rotation.id).map { slot in
                // A slot postponed into another month makes up for its own, as a moved meeting does.
                let planned = slot.slot.originalDate
                let held = slot.slot.date
                let elsewhere = (planned.year, planned.month) != (held.year, held.month)
                return Activity(
                    date: held, state: Self.state(of: slot, asOf: asOf), makesUpFor: elsewhere ? planned : nil)
            }
        }
        self.init(plan: plan, activities: activities, marks: councilYear.progressMarks, asOf: asOf)
    }

    /// The activities of meetings, each recorded when `recorded` says so (for plans without a loaded year).
    public init(
        plan: Plan, occurrences: [Occurrence], recorded: (Occurrence) -> Bool, marks: [Mark], asOf: CalendarDate
    ) {
        self.init(
            plan: plan, activities: Self.activities(of: occurrences, recorded: recorded, asOf: asOf), marks: marks,
            asOf: asOf)
    }

    /// Meetings as activities by series: cancelled (on the day they were to be), still to come, or held —
    /// recorded or not.
    static func activities(of occurrences: [Occurrence], recorded: (Occurrence) -> Bool, asOf: CalendarDate) -> [String:
        [Activity]]
    {
        var activities: [String: [Activity]] = [:]
        for occurrence in occurrences {
            let state: Activity.State =
                occurrence.status == .cancelled
                ? .cancelled : occurrence.date > asOf ? .scheduled : recorded(occurrence) ? .held : .unrecorded
            let planned = occurrence.originalDate
            let elsewhere =
                occurrence.status == .moved
                && (planned.year, planned.month) != (occurrence.date.year, occurrence.date.month)
            activities[occurrence.series.rawValue, default: []].append(
                Activity(date: occurrence.date, state: state, makesUpFor: elsewhere ? planned : nil))
        }
        return activities
    }

    static func state(of slot: SlotAssignment, asOf: CalendarDate) -> Activity.State {
        switch slot.outcome {
        case .held?: return slot.slot.date <= asOf ? .held : .scheduled
        case .cancelled?, .cancelledByBusiness?: return .cancelled
        // A postponed slot is still to come, on its new day or one not yet set.
        case .postponed?: return .scheduled
        case nil: return slot.slot.date <= asOf ? .unrecorded : .scheduled
        }
    }
}
