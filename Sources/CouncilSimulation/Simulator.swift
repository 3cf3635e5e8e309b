import BenchmarkSupport
import CivilCalendar
import CouncilCore
import CouncilExport
import CouncilFiles
import ExportJob
import Foundation
import ICalendar
import IntegerProgramming

/// Lives one generated year of one generated council through the library calls the command line and the server
/// make, and checks after every export what the product promises, against the model's own tally.
public struct Simulator {
    public struct Failure: Error, CustomStringConvertible {
        public var seed: UInt64
        public var step: Int
        public var day: CalendarDate
        public var problems: [String]
        public var description: String {
            "seed \(seed), step \(step) (\(day)):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    public struct Outcome: Sendable {
        public var steps = 0
        public var exports = 0
        public var events = 0
        /// Steps that no longer applied when they ran (a meeting already past, say).
        public var skipped = 0
    }

    /// What a feed showed for a meeting: the model's memory of the last publish.
    struct Shown: Equatable {
        var date: CalendarDate
        var cancelled: Bool
        /// The day a move was announced from (【日程変更】…から変更), when it is moved.
        var movedFrom: CalendarDate?
        /// The businesses whose feeds hold it.
        var invited: Set<String>
        /// The plan no longer gives it: feeds keep its cancellation until 90 days after its day (FeedReconciler).
        var withdrawn = false
    }

    public let seed: UInt64
    public var council: GeneratedCouncil
    public let script: [ScriptedStep]
    let folder: String
    let out: String

    /// The last publish, by meeting; and the meetings fixed as history (their day had passed at a publish).
    var shown: [Identity: Shown] = [:]
    var fixed: Set<Identity> = []
    /// Every past event's bytes, by feed and UID, as first written after its day.
    var history: [String: [String: String]] = [:]
    /// The attendance recorded, by meeting and business: the model's tally for the review.
    var attendance: [Identity: [String: AttendanceStatus]] = [:]

    /// The council and year of `seed`; `keep` chooses a subset of its steps (to shrink a failure).
    public init(seed: UInt64, keep: ((Int) -> Bool)? = nil, root: String) {
        self.seed = seed
        var random = SplitMix64(state: seed)
        let year = 2024 + random.below(8)
        council = GeneratedCouncil.generate(&random, year: year)
        let all = YearScript.generate(&random, council: council)
        script = keep.map { keep in all.indices.filter(keep).map { all[$0] } } ?? all
        folder = "\(root)/plans/\(GeneratedCouncil.id)"
        out = "\(root)/calendars"
    }

    public mutating func run() async throws(Failure) -> Outcome {
        var outcome = Outcome()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try write()
            try Data(council.planYAML.utf8).write(to: URL(fileURLWithPath: "\(folder)/plan-\(council.year).yaml"))
        } catch {
            throw Failure(seed: seed, step: 0, day: script[0].day, problems: ["set-up: \(error)"])
        }
        for (index, scripted) in script.enumerated() {
            outcome.steps += 1
            do {
                switch try await apply(scripted) {
                case .skipped: outcome.skipped += 1
                case .exported(let events):
                    outcome.exports += 1
                    outcome.events += events
                case .edited: break
                }
            } catch let problems as Problems {
                throw Failure(seed: seed, step: index, day: scripted.day, problems: problems.list)
            } catch {
                throw Failure(seed: seed, step: index, day: scripted.day, problems: ["\(error)"])
            }
        }
        return outcome
    }

    struct Problems: Error { var list: [String] }
    enum Applied {
        case skipped, edited
        case exported(Int)
    }

    func write() throws {
        try Data(council.councilYAML.utf8).write(to: URL(fileURLWithPath: "\(folder)/council.yaml"))
        try Data(council.businessesCSV.utf8).write(to: URL(fileURLWithPath: "\(folder)/businesses.csv"))
    }

    /// The meeting a step names, in the plan as it is now.
    func meeting(series: Int, month: Int, index: Int) -> (series: Int, meeting: ModelMeeting)? {
        guard !council.series.isEmpty else { return nil }
        let position = series % council.series.count
        let meetings = council.series[position].meetings(year: council.year, calendar: council.calendar)
        return meetings.first { $0.key.month == month && $0.key.index == index }.map { (position, $0) }
    }

    mutating func apply(_ scripted: ScriptedStep) async throws -> Applied {
        let today = scripted.day
        switch scripted.step {
        case .export:
            return .exported(try await export(today: today))
        case .changeRule(let series, let rule):
            guard !council.series.isEmpty else { return .skipped }
            let position = series % council.series.count
            council.series[position].rule = rule
            // The exceptions named the old rule's days: the secretariat writes the series anew (the past meetings are
            // history, kept as published).
            council.series[position].exceptions = [:]
            try write()
            return .edited
        case .move(let series, let month, let index, let choice, let reason):
            guard let (position, meeting) = meeting(series: series, month: month, index: index), !meeting.cancelled,
                meeting.date > today,
                shownDate(meeting, series: position, today: today).map({ $0 > today }) ?? true
            else { return .skipped }
            let calendar = council.calendar
            let first = CalendarDate(year: meeting.ruleDate.year, month: meeting.ruleDate.month, day: 1)
            let candidates = (0..<31).map { first.adding(days: $0) }.filter {
                $0.month == first.month && $0 > today && $0 != meeting.date && calendar.isBusinessDay($0)
            }
            guard !candidates.isEmpty else { return .skipped }
            council.series[position].exceptions[meeting.ruleDate] = .move(
                to: candidates[choice % candidates.count], reason: reason)
            try write()
            return .edited
        case .cancel(let series, let month, let index, let reason):
            guard let (position, meeting) = meeting(series: series, month: month, index: index), !meeting.cancelled,
                meeting.date > today,
                shownDate(meeting, series: position, today: today).map({ $0 > today }) ?? true
            else { return .skipped }
            council.series[position].exceptions[meeting.ruleDate] = .cancel(reason)
            try write()
            return .edited
        case .open(let kind, let name, let days):
            council.businesses.append(
                .init(
                    id: "new\(council.businesses.count)", name: name, kind: kind, openedOn: today.adding(days: days),
                    closedOn: nil, staff: 1 + days % 5))
            try write()
            return .edited
        case .close(let business, let days):
            let position = business % council.businesses.count
            let closing = today.adding(days: days)
            guard council.businesses[position].closedOn.map({ $0 > closing }) ?? true,
                council.businesses[position].openedOn.map({ $0 < closing }) ?? true
            else { return .skipped }
            council.businesses[position].closedOn = closing
            try write()
            return .edited
        case .attend(let pattern):
            // The latest meeting held before today, published, not recorded yet.
            // (The record knows a meeting by series and day: one of two on the same day is left unrecorded.)
            let recordedDays = Set(attendance.keys.map { "\($0.series) \(shown[$0]!.date)" })
            guard
                let (identity, meeting) = shown.filter({
                    $0.value.date < today && !$0.value.cancelled && attendance[$0.key] == nil && fixed.contains($0.key)
                        && !recordedDays.contains("\($0.key.series) \($0.value.date)")
                })
                .max(by: { ($0.value.date, $0.key) < ($1.value.date, $1.key) })
            else { return .skipped }
            var lines: [String: AttendanceStatus] = [:]
            var random = SplitMix64(state: pattern)
            for business in meeting.invited.sorted() {
                let choice = random.below(5)
                if choice > 0 { lines[business] = [.present, .online, .absent, .excused][choice - 1] }
            }
            guard !lines.isEmpty else { return .skipped }
            let answers = lines.sorted { $0.key < $1.key }.map {
                AttendanceSheet.Answer(business: $0.key, status: $0.value, option: "--\($0.value)")
            }
            _ = try await AttendanceChange.apply(
                folder, today: today, expander: LibicalRecurrence(), source: "(simulation)"
            ) { years in
                try AttendanceSheet.read(
                    answers: answers, series: identity.series, date: meeting.date, years: years, walkIn: false
                ).get()
            } change: { book, entries in
                book.merge(entries)
            }
            attendance[identity] = lines
            return .edited
        case .rotate:
            var product = try await PlanDirectory.load(folder, expander: LibicalRecurrence(), today: today).get()
            let year = FiscalYear(council.year)
            let councilYear = CouncilYears(council: product, today: today, expander: LibicalRecurrence()).year(year)
            var files: [(path: String, bytes: [UInt8])] = []
            var problems: [String] = []
            for run in product.planRotations(product.rotations, in: councilYear, today: today, solver: GLPKSolver()) {
                // No assignment for a rotation (too few businesses or leads): the command writes nothing, says why.
                guard case .success(let plan)? = run.outcome else { return .skipped }
                files.append(
                    (
                        "\(folder)/\(RotationRecordFile.fileName(run.rotation.id, year))",
                        RotationRecordFile.bytes(for: plan.assignments)
                    ))
                problems += rotationProblems(
                    plan.assignments.filter { $0.slot.date > today }, rotation: run.rotation.id.rawValue)
            }
            if !problems.isEmpty { throw Problems(list: problems) }
            _ = try AtomicFileSet.write(files)
            return .edited
        case .yearStart:
            let next = try await YearStart.nextPlan(
                folder: folder, to: FiscalYear(council.year + 1), today: today, expander: LibicalRecurrence()
            ).get()
            _ = try AtomicFileSet.write([(next.path, Array(next.text.utf8))])
            return .edited
        case .answer(let series, let month, let index, let business, let choice):
            guard let (position, meeting) = meeting(series: series, month: month, index: index), meeting.date > today,
                !meeting.cancelled, shownDate(meeting, series: position, today: today) != nil
            else { return .skipped }
            let businessValue = council.businesses[business % council.businesses.count]
            guard council.series[position].invites(businessValue), businessValue.isOpen(on: meeting.date) else {
                return .skipped
            }
            let reply = Reply(
                subject: .meeting(SeriesID(council.series[position].id)), originalDate: meeting.ruleDate,
                business: BusinessID(businessValue.id),
                choice: ReplyChoice.allCases[choice % ReplyChoice.allCases.count],
                at: LocalMoment(today, ClockTime(hour: 10, minute: 0)),
                by: choice % 2 == 0 ? .commandLine : .page(revision: 0)
            )
            _ = try ReplyDesk.append([reply], to: folder)
            return .edited
        }
    }

    /// The day the last publish showed `meeting` on, if it was published.
    func shownDate(_ meeting: ModelMeeting, series position: Int, today: CalendarDate) -> CalendarDate? {
        identities(series: position, today: today)[meeting.key].flatMap { shown[$0]?.date }
    }

    /// A lead never leads a slot for their own business; a target is in the pool and open on the slot's day. (Of the
    /// slots a run plans: those on or before today keep their record, whatever the roster says since.)
    func rotationProblems(_ assignments: [SlotAssignment], rotation id: String) -> [String] {
        guard let rotation = council.rotations.first(where: { $0.id == id }) else {
            return ["rotate: no rotation \(id) in the model"]
        }
        var problems: [String] = []
        for assignment in assignments {
            let targets = assignment.targets.map(\.rawValue)
            for lead in assignment.leads {
                if let business = rotation.leads.first(where: { $0.id == lead.rawValue })?.business,
                    targets.contains(business)
                {
                    problems.append(
                        "rotate: \(lead) leads the slot of their own business \(business) on \(assignment.slot.date)")
                }
            }
            for target in targets {
                guard let business = council.businesses.first(where: { $0.id == target }) else {
                    problems.append("rotate: \(target) is not in the roster")
                    continue
                }
                if !business.isOpen(on: assignment.slot.date) {
                    problems.append(
                        "rotate: \(target) has a slot on \(assignment.slot.date), when it is not open (\(business.openedOn.map(\.description) ?? "")–\(business.closedOn.map(\.description) ?? ""))"
                    )
                }
                if !rotation.poolKinds.contains(business.kind) {
                    problems.append("rotate: \(target) (\(business.kind)) is not of the pool's kinds")
                }
            }
        }
        return problems
    }
}
