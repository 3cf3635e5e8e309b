import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilRendering

/// `council review plans/izumi --compare 2025 --kind 指定特定`: the year's participation and plan progress.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "参加状況と計画の達成状況を振り返ります / Participation rates, reach, follow-ups and plan vs actual."
    )

    @OptionGroup var options: CouncilOptions

    @Option(help: "Compare with this fiscal year (前年度比), e.g. 2025.")
    var compare: Int?

    @Option(parsing: .upToNextOption, help: "Only these kinds of business, e.g. 指定特定.")
    var kind: [String] = []

    @Option(help: "Count meetings up to this day (YYYY-MM-DD). Default: today, or the year's end for a past year.")
    var asOf: String?

    @Option(help: "Follow up businesses not seen for this many months.")
    var months: Int = 3

    @Option(help: "text, markdown, csv, json or html.")
    var format: ReviewReport.Format = .text

    func run() throws {
        let council = try loadCouncil(options.path)
        let year = options.year.map(FiscalYear.init) ?? FiscalYear(containing: todayInJapan())
        var kinds: Set<BusinessKind> = []
        for label in kind {
            guard let parsed = BusinessKind(label: label) else {
                throw ValidationError("--kind: 「\(label)」 is not one of \(BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kinds.insert(parsed)
        }
        let end: CalendarDate
        if let asOf {
            guard let date = isoDate(asOf) else { throw ValidationError("--as-of: expected YYYY-MM-DD") }
            end = date
        } else {
            end = min(todayInJapan(), year.lastDay)
        }
        let scheduler = Scheduler(calendar: council.calendar, expander: LibicalRecurrence())
        func review(_ year: FiscalYear, asOf: CalendarDate) throws -> ParticipationReview {
            switch scheduler.occurrences(of: council, in: year) {
            case .success(let occurrences):
                return ParticipationReview(council: council, year: year, occurrences: occurrences, attendance: council.attendance[year] ?? AttendanceBook(), asOf: asOf, kinds: kinds)
            case .failure(let errors):
                printError(errors.description)
                throw ExitCode(1)
            }
        }
        let current = try review(year, asOf: end)
        let previous = try compare.map { try review(FiscalYear($0), asOf: FiscalYear($0).lastDay) }
        var progress: PlanProgress?
        if let plan = council.plan(for: year), case .success(let occurrences) = scheduler.occurrences(of: council, in: year) {
            progress = PlanProgress(plan: plan, occurrences: occurrences, marks: council.progress[year] ?? [], asOf: end)
        }
        let report = ReviewReport(review: current, previous: previous, progress: progress, followUpMonths: months)
        print(report.render(format), terminator: "")
    }
}

extension ReviewReport.Format: ExpressibleByArgument {}
