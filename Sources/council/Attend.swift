import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles
import Foundation

/// `council attend`: record who came to a meeting, or import a whole sheet.
struct Attend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "出欠を記録します / Record attendance (出席・オンライン・欠席・欠席連絡あり).",
        subcommands: [Record.self, Import.self],
        defaultSubcommand: Record.self
    )

    /// `council attend plans/aoba renrakukai 2026-04-14 --present hirose,kunimi --absent odawara`.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record one meeting's attendance.")

        @Argument(help: "A council folder, e.g. plans/aoba.")
        var path: String
        @Argument(help: "The series (id or title).")
        var series: String
        @Argument(help: "The day the meeting was held, YYYY-MM-DD.")
        var date: String
        @Option(parsing: .upToNextOption, help: "Businesses present (ids or names; commas or spaces).")
        var present: [String] = []
        @Option(parsing: .upToNextOption, help: "Businesses that joined online.")
        var online: [String] = []
        @Option(parsing: .upToNextOption, help: "Businesses absent.")
        var absent: [String] = []
        @Option(parsing: .upToNextOption, help: "Businesses absent with notice (欠席連絡あり).")
        var excused: [String] = []
        @Option(parsing: .upToNextOption, help: "Head counts, business=number.")
        var count: [String] = []
        @Option(help: "Work as on this day (YYYY-MM-DD). Default: COUNCIL_TODAY, else today.")
        var today: String?

        func run() throws {
            let rows = [(present, AttendanceStatus.present), (online, .online), (absent, .absent), (excused, .excused)].flatMap { names, status in
                names.flatMap { $0.split(separator: ",") }.map { name -> [String] in
                    let business = String(name).trimmingCharacters(in: .whitespaces)
                    let head = count.first { $0.hasPrefix("\(business)=") }.map { String($0.dropFirst(business.count + 1)) } ?? ""
                    return [date, series, business, status.rawValue, head, ""]
                }
            }
            guard !rows.isEmpty else { throw ValidationError("name at least one business with --present, --online, --absent or --excused") }
            try recordAttendance(ExcelCSV.bytes([AttendanceFile.columns] + rows), source: "(command line)", into: path, mapping: AttendanceFile.ColumnMapping(), dryRun: false, today: try resolveToday(today))
        }
    }

    /// `council attend import plans/aoba sheet.csv --columns date=日付,series=会議,business=事業所,status=出欠`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import attendance from a CSV (Google Forms, Excel; UTF-8, BOM or Shift_JIS): all or nothing, and importing twice changes nothing."
        )

        @Argument(help: "A council folder, e.g. plans/aoba.")
        var path: String
        @Argument(help: "The CSV to import.")
        var file: String
        @Option(help: "Which headings hold date, series, business, status, count and note, e.g. date=日付,business=事業所名.")
        var columns: String?
        @Flag(help: "Check and report without writing.")
        var dryRun = false
        @Option(help: "Work as on this day (YYYY-MM-DD). Default: COUNCIL_TODAY, else today.")
        var today: String?

        func run() throws {
            var mapping = AttendanceFile.ColumnMapping()
            if let columns {
                guard let parsed = AttendanceFile.ColumnMapping(parsing: columns) else {
                    throw ValidationError("--columns: expected column=見出し pairs separated by commas, columns being \(AttendanceFile.columns.joined(separator: ", "))")
                }
                mapping = parsed
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): ファイルを読めません / cannot read the file")
                throw ExitCode(1)
            }
            try recordAttendance(Array(data), source: file, into: path, mapping: mapping, dryRun: dryRun, today: try resolveToday(today))
        }
    }
}

/// Checks every line, then adds the new ones to each year's record in one atomic write — or writes nothing.
/// The council's folder is locked from reading the record to writing it, so two runs at once lose nothing.
func recordAttendance(_ bytes: [UInt8], source: String, into path: String, mapping: AttendanceFile.ColumnMapping, dryRun: Bool, today: CalendarDate) throws {
    let lock: FolderLock
    do {
        lock = try FolderLock(path)
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
    defer { withExtendedLifetime(lock) {} }
    let council = try loadCouncil(path, today: today)
    let meetings = councilYears(council, today: today)
    let entries: [AttendanceEntry]
    switch AttendanceFile.read(bytes, file: source, council: council, occurrences: meetings.occurrences, mapping: mapping) {
    case .success(let read): entries = read
    case .failure(let problems):
        for problem in problems.problems { printError(problem.description) }
        printError("\(problems.problems.count) 件の問題があるため、何も書き込んでいません / nothing was written")
        throw ExitCode(1)
    }
    var files: [(path: String, bytes: [UInt8])] = []
    var added = 0, unchanged = 0
    var conflicts: [String] = []
    for (year, group) in Dictionary(grouping: entries, by: { FiscalYear(containing: $0.originalDate) }).sorted(by: { $0.key < $1.key }) {
        var book = council.attendance[year] ?? AttendanceBook()
        let plan = book.merge(group)
        conflicts += plan.conflicts.map { conflict in
            let where_ = conflict.withinImport ? "取り込むファイル内で" : "記録済み"
            return "\(conflict.incoming.originalDate) \(conflict.incoming.series) \(conflict.incoming.business): \(where_)「\(conflict.existing.status.rawValue)」、今回「\(conflict.incoming.status.rawValue)」 / conflicts with what is recorded"
        }
        book.add(plan.added)
        added += plan.added.count
        unchanged += plan.unchanged.count
        files.append(("\(path)/\(AttendanceFile.fileName(year))", AttendanceFile.bytes(book, occurrences: meetings.occurrences(year))))
    }
    guard conflicts.isEmpty else {
        for conflict in conflicts { printError(conflict) }
        printError("食い違う記録があるため、何も書き込んでいません。記録を直してから取り込んでください / nothing was written: fix the record first")
        throw ExitCode(1)
    }
    print("\(source): 追加 \(added) 件、記録済み \(unchanged) 件 / \(added) added, \(unchanged) already recorded")
    guard !dryRun, added > 0 else { return }
    do {
        for file in try AtomicFileSet.write(files).written { print("書き込みました / wrote \(file)") }
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}
