import ArgumentParser
import CouncilCore
import CouncilRendering

/// `council schedule plans/aoba`: every meeting of the year with its date, as a secretariat would fix it.
struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "開催日程を表示します / Print the dated meetings of a fiscal year (holidays and closures applied)."
    )

    @OptionGroup var options: CouncilOptions

    @Option(help: "Only this series or rotation (its id, as the TSV's series column prints it).")
    var series: String?

    @Option(
        help:
            "Only what this business's calendar holds (its id): the meetings it is invited to, the slots it is involved in."
    )
    var business: String?

    @Option(help: "text (Japanese, by series) or tsv (date, start, end, series id, status, original date).")
    var format: ScheduleFormat = .text

    @Flag(
        inversion: .prefixedNo,
        help:
            "Show the meetings of the council above (仙台市) that this council's businesses are invited to, marked 【仙台市】 (series id <city>:<series>)."
    )
    var city = true

    enum ScheduleFormat: String, ExpressibleByArgument {
        case text, tsv
    }

    func run() async throws {
        let path = options.path
        let today = try options.resolvedToday()
        let council = try await loadCouncil(path, includeRecords: false, today: today)
        let fiscalYear = options.fiscalYear(today: today)
        var year = councilYears(council, today: today).year(fiscalYear)
        if city { year = year.joining(above: await yearsAbove(path, year: fiscalYear, today: today)) }
        var chosen = year.council.series
        let rotations = council.rotations.filter { series == nil || $0.id.rawValue == series }
        if let series {
            chosen = chosen.filter { $0.id.rawValue == series }
            guard !chosen.isEmpty || !rotations.isEmpty else {
                let known = year.council.series.map(\.id.rawValue) + council.rotations.map(\.id.rawValue)
                printError(
                    "\(path): 会議体・ローテーション「\(series)」はありません / no series or rotation \"\(series)\" (\(known.joined(separator: ", ")))"
                )
                throw ExitCode(1)
            }
        }
        if let business, council.business(BusinessID(business)) == nil {
            printError("\(path): 事業所「\(business)」は名簿にありません / no business \"\(business)\" in businesses.csv")
            throw ExitCode(1)
        }
        // Series that cannot be dated are reported; the others still print.
        for problem in year.scheduleErrors { printError("\(path)/council.yaml: \(problem)") }
        let view = ScheduleText(
            council: council, year: year, series: chosen, rotations: rotations,
            business: business.map { BusinessID($0) })
        print(format == .text ? view.text() : view.tsv(), terminator: "")
        if !year.scheduleErrors.isEmpty { throw ExitCode(1) }
    }
}
