import ArgumentParser
import CouncilCore

/// The council folder and fiscal year that most commands take.
struct CouncilOptions: ParsableArguments {
    @Argument(help: "A council folder, e.g. plans/aoba.")
    var path: String

    @Option(help: "Fiscal year by its starting year (2026 = 令和8年度). Default: this fiscal year.")
    var year: Int?

    @Option(
        help: "Work as on this day (YYYY-MM-DD): meetings before it are history. Default: COUNCIL_TODAY, else today.")
    var today: String?

    /// `--today`, else `COUNCIL_TODAY`, else today in Japan.
    func resolvedToday() throws -> CalendarDate { try resolveToday(today) }

    /// `--year`, else the fiscal year that holds `today`.
    func fiscalYear(today: CalendarDate) -> FiscalYear { year.map(FiscalYear.init) ?? FiscalYear(containing: today) }
}
