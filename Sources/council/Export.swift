import ArgumentParser
import CouncilExport
import CouncilFiles
import ExportJob
import ICalendar

/// `council export plans/ --out calendars/`: the council-wide and per-business iCalendar feeds.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "カレンダー配信用のiCalendarファイルを出力します / Write the council and business feeds (.ics).",
        discussion:
            "Unchanged plans change no byte: events keep their SEQUENCE and DTSTAMP from the previous export. Set SOURCE_DATE_EPOCH to fix \"now\" for changed events. Each year's meetings as published are written to published-<year>.csv in the council's folder; those before today are never changed again."
    )

    @Argument(help: "A council folder (plans/aoba) or a folder of councils (plans/).")
    var plans: String

    @Option(help: "Where the feeds go.")
    var out: String = "calendars"

    @Flag(help: "Re-derive every feed, even of councils whose plan files have not changed since the last export.")
    var full = false

    @Flag(
        help:
            "Rebuild a previous feed that cannot be read (from what of it still reads, the other feeds, the plans and published-<year>.csv; no SEQUENCE is lowered) instead of stopping."
    )
    var recover = false

    @Option(
        help:
            "Publish as on this day (YYYY-MM-DD): meetings before it stay as published-<year>.csv has them. Default: COUNCIL_TODAY, else today."
    )
    var today: String?

    func run() async throws {
        let directories = PlanDirectory.councilDirectories(in: plans)
        guard !directories.isEmpty else {
            printError("\(plans): council.yamlのあるフォルダが見つかりません / no council folder (with council.yaml) here")
            throw ExitCode(2)
        }
        var export = FeedExport(outputDirectory: out, now: .exportNow(), today: try resolveToday(today))
        export.recover = recover
        switch await export.run(councilDirectories: directories, full: full) {
        case .success(let report):
            let written = report.outcome.written.count
            print(
                "\(out): \(written + report.outcome.unchanged.count) feeds, \(report.events) events — \(written) written, \(report.outcome.unchanged.count) unchanged"
            )
            for path in report.published { print("公開した日程を記録しました / recorded what was published: \(path)") }
            for line in report.recovered { print("復旧しました / recovered: \(line)") }
        case .failure(let failure):
            printError(failure.description)
            throw ExitCode(1)
        }
    }
}
