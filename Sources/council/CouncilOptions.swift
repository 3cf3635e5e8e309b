import ArgumentParser

/// The council folder and fiscal year that most commands take.
struct CouncilOptions: ParsableArguments {
    @Argument(help: "A council folder, e.g. plans/aoba.")
    var path: String

    @Option(help: "Fiscal year by its starting year (2026 = 令和8年度). Default: this fiscal year.")
    var year: Int?
}
