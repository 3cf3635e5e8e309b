import ArgumentParser
import CouncilCore
import CouncilExport

/// `council schedule plans/aoba`: every meeting of the year with its date, as a secretariat would fix it.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "開催日程を表示します / Print the dated meetings of a fiscal year (holidays and closures applied)."
    )

    @OptionGroup var options: CouncilOptions

    @Option(help: "Only this series (its id).")
    var series: String?

    @Option(help: "text (Japanese, by series) or tsv (date, start, end, series id, status, original date).")
    var format: ScheduleFormat = .text

    enum ScheduleFormat: String, ExpressibleByArgument {
        case text, tsv
    }

    func run() throws {
        let path = options.path
        let council = try loadCouncil(path)
        let fiscalYear = options.year.map(FiscalYear.init) ?? FiscalYear(containing: today())
        var chosen = council.series
        if let series {
            chosen = chosen.filter { $0.id.rawValue == series }
            guard !chosen.isEmpty else {
                printError("\(path): 会議体「\(series)」はありません / no series \"\(series)\" (series: \(council.series.map(\.id.rawValue).joined(separator: ", ")))")
                throw ExitCode(1)
            }
        }
        let scheduler = Scheduler(calendar: council.calendar, expander: LibicalRecurrence())
        var failed = false
        var lines: [String] = format == .text ? ["\(fiscalYear.japaneseName) \(council.name) 開催日程", ""] : []
        for item in chosen {
            let occurrences: [Occurrence]
            do {
                occurrences = try scheduler.occurrences(of: item, in: fiscalYear)
            } catch {
                printError("\(path)/council.yaml: \(error)")
                failed = true
                continue
            }
            switch format {
            case .tsv:
                lines += occurrences.map { o in
                    [o.date.description, o.time?.start.description ?? "", o.time?.end.description ?? "", item.id.rawValue, o.status.rawValue, o.originalDate.description].joined(separator: "\t")
                }
            case .text:
                let place = [item.time?.description, item.venue].compactMap { $0 }.joined(separator: ", ")
                lines.append("■ \(item.title)(\(item.scheduleText)\(place.isEmpty ? "" : "、\(place)"))")
                for o in occurrences {
                    var line = "  \(o.date.japaneseDescription)"
                    if let time = o.time, time != item.time { line += " \(time)" }
                    switch o.status {
                    case .scheduled: break
                    case .moved: line += "  ← \(o.originalDate.shortJapaneseDescription)から(\(o.note ?? "日程変更"))"
                    case .cancelled: line = "  \(o.originalDate.japaneseDescription)  × \(o.note ?? "中止")"
                    }
                    lines.append(line)
                }
                lines.append("")
            }
        }
        for line in lines { print(line) }
        if failed { throw ExitCode(1) }
    }
}
