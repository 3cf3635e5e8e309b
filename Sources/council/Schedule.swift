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

    /// `date, start, end, id, status, original date`, tab-separated.
    private func tsvRow(_ date: CalendarDate, _ time: TimeRange?, _ id: String, _ status: Occurrence.Status, _ original: CalendarDate) -> String {
        [date.description, time?.start.description ?? "", time?.end.description ?? "", id, status.rawValue, original.description].joined(separator: "\t")
    }

    enum ScheduleFormat: String, ExpressibleByArgument {
        case text, tsv
    }

    func run() throws {
        let path = options.path
        let today = try options.resolvedToday()
        let council = try loadCouncil(path, includeRecords: false, today: today)
        let fiscalYear = options.fiscalYear(today: today)
        var chosen = council.series
        if let series {
            chosen = chosen.filter { $0.id.rawValue == series }
            guard !chosen.isEmpty else {
                printError("\(path): 会議体「\(series)」はありません / no series \"\(series)\" (series: \(council.series.map(\.id.rawValue).joined(separator: ", ")))")
                throw ExitCode(1)
            }
        }
        // Series that cannot be dated are reported; the others still print.
        let year = councilYears(council, today: today).year(fiscalYear)
        for problem in year.scheduleErrors { printError("\(path)/council.yaml: \(problem)") }
        let failed = !year.scheduleErrors.isEmpty
        let bySeries = Dictionary(grouping: year.occurrences, by: \.series)
        var lines: [String] = format == .text ? ["\(fiscalYear.japaneseName) \(council.name) 開催日程", ""] : []
        for item in chosen {
            guard let occurrences = bySeries[item.id] else { continue }
            switch format {
            case .tsv:
                lines += occurrences.map { tsvRow($0.date, $0.time, item.id.rawValue, $0.status, $0.originalDate) }
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
        for rotation in council.rotations where series == nil || rotation.id.rawValue == series {
            // The recorded assignments when `council rotate` has run, else the bare slots.
            let assignments = year.assignments(of: rotation.id)
            switch format {
            case .tsv:
                lines += assignments.map { let o = $0.occurrence; return tsvRow(o.date, o.time, rotation.id.rawValue, o.status, o.originalDate) }
            case .text:
                lines.append("■ \(rotation.title)(\(rotation.kind.rawValue)、\(rotation.targetsPerSlot)か所ずつ)")
                for a in assignments {
                    let targets = a.targets.compactMap { council.business($0)?.name }.joined(separator: "、")
                    let leads = a.leads.compactMap { rotation.lead($0)?.name }.joined(separator: "・")
                    var line = "  \(a.slot.date.japaneseDescription)\(a.slot.time.map { " \($0)" } ?? "")"
                    line += targets.isEmpty ? "  (未割当: council rotate で割り当て)" : "  \(targets)  担当: \(leads)"
                    if let outcome = a.outcome { line += "  [\(outcome.rawValue)\(a.note.map { ": \($0)" } ?? "")]" }
                    lines.append(line)
                }
                lines.append("")
            }
        }
        for line in lines { print(line) }
        if failed { throw ExitCode(1) }
    }
}
