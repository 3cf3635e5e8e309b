import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilRendering

/// `council review plans/izumi --compare 2025 --kind 指定特定`: the year's participation and plan progress.
struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "参加状況と計画の達成状況を振り返ります / Participation rates, reach, follow-ups and plan vs actual."
    )

    @OptionGroup var options: CouncilOptions

    @Option(help: "Compare with this fiscal year (前年度比), e.g. 2025.")
    var compare: Int?

    @Option(parsing: .upToNextOption, help: "Only these kinds of business, e.g. 指定特定.")
    var kind: [String] = []

    @Option(
        help:
            "Count meetings up to this day (YYYY-MM-DD). Default: --today (or COUNCIL_TODAY, or today), or the year's end for a past year."
    )
    var asOf: String?

    @Option(help: "Follow up businesses not seen for this many months.")
    var months: Int = 3

    @Option(help: "text, markdown, csv, json, html or xlsx (Excel, to standard output: > review.xlsx).")
    var format: Output<ReviewReport.Format> = .text(.text)

    @Option(
        help:
            "One business's year (its id in businesses.csv): its meetings and what was recorded, its slots, its 参加率 beside the council's (text, markdown, json, html or xlsx)."
    )
    var business: String?

    @Flag(
        help:
            "Count the meetings of the council above (仙台市) that this council's businesses were invited to in its figures; by default they are counted apart."
    )
    var withCity = false

    @Flag(help: "Show, for each task, the months counted and why, and how 達成率 is computed (text and markdown).")
    var explain = false

    func run() async throws {
        let today = try options.resolvedToday()
        let years = try await loadYears(options.path, today: today)
        let council = years.council
        let year = options.fiscalYear(today: today)
        var kinds: Set<BusinessKind> = []
        var labels: Set<String> = []
        for label in kind {
            if let parsed = BusinessKind(label: label) {
                kinds.insert(parsed)
            } else if council.businessKinds[label] != nil {
                labels.insert(label)
            } else {
                throw ValidationError(
                    "--kind: 「\(label)」 is not one of \((BusinessKind.allCases.map(\.rawValue) + council.businessKinds.keys.sorted()).joined(separator: ", "))"
                )
            }
        }
        if let business, case .text(.csv) = format {
            throw ValidationError(
                "--business: --format は text, markdown, json, html, xlsx のいずれかです / --format must be text, markdown, json, html or xlsx with --business (「\(business)」)"
            )
        }
        let end = try asOf.map { try resolveToday($0, flagName: "--as-of") } ?? min(today, year.lastDay)
        var councilYear = try completeYear(years, year, path: options.path)
        // The joint meetings it co-hosts are its own; the city's others count apart unless asked for.
        let above = await yearsAbove(options.path, year: year, today: today)
        councilYear = councilYear.joining(above: above, hosted: withCity ? nil : true)
        let current = ParticipationReview(councilYear, asOf: end, kinds: kinds, labels: labels)
        var previous: ParticipationReview?
        if let compare {
            let other = FiscalYear(compare)
            if council.attendance[other] == nil {
                // Nothing to compare with is said once, and the year's own review still prints.
                printError(
                    "\(other.japaneseName)(\(compare))の出欠記録はないため、前年度比は出しません / no attendance recorded for \(compare): nothing to compare with"
                )
            } else {
                previous = ParticipationReview(
                    try completeYear(years, other, path: options.path), asOf: other.lastDay, kinds: kinds,
                    labels: labels)
            }
        }
        if let business {
            guard
                let year = BusinessYear(
                    councilYear, business: BusinessID(business), review: ParticipationReview(councilYear, asOf: end))
            else {
                throw ValidationError(
                    "--business: 「\(business)」 is not in businesses.csv of \(options.path) (ids: \(council.businesses.prefix(8).map(\.id.rawValue).joined(separator: ", "))\(council.businesses.count > 8 ? ", …" : ""))"
                )
            }
            let report = BusinessYearReport(year: year)
            switch format {
            case .xlsx: try writeWorkbook(report.workbook())
            case .text(let format):
                print(report.render(BusinessYearReport.Format(rawValue: format.rawValue) ?? .text), terminator: "")
            }
            return
        }
        let progress = PlanProgress(councilYear, asOf: end)
        var report = ReviewReport(
            review: current, previous: previous, progress: progress, followUpMonths: months, explain: explain)
        if !withCity {
            report.apart = above.map {
                ReviewReport.Apart(
                    council: $0.council.shortName,
                    review: ParticipationReview(
                        $0.seen(by: council, hosted: false), asOf: end, kinds: kinds, labels: labels))
            }
            .filter { !$0.review.invitations.isEmpty }
        }
        switch format {
        case .xlsx: try writeWorkbook(report.workbook())
        case .text(let format): print(report.render(format), terminator: "")
        }
    }
}

extension ReviewReport.Format: ExpressibleByArgument {}
