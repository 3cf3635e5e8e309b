import ArgumentParser
import CouncilCore
import CouncilExport
import CouncilFiles
import Foundation

/// `council attend`: record who came to a meeting, import a form's sheet, correct or remove a record.
struct Attend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "出欠を記録します / Record attendance (出席・オンライン・欠席・欠席連絡あり).",
        discussion:
            "Every command checks everything first and writes all or nothing, holding the council's folder locked; --dry-run prints what would change.",
        subcommands: [Record.self, Import.self, Correct.self, Remove.self, Slot.self, Slots.self],
        defaultSubcommand: Record.self
    )

    /// The council, the day, and whether to write: what every attend command takes.
    struct Common: ParsableArguments {
        @Argument(help: "A council folder, e.g. plans/aoba.")
        var path: String
        @Flag(help: "Check and print what would change, without writing.")
        var dryRun = false
        @Option(
            help:
                "Work as on this day (YYYY-MM-DD): no attendance for a later meeting. Default: COUNCIL_TODAY, else today."
        )
        var today: String?
    }

    /// The businesses of one meeting by answer, as options.
    struct Answers: ParsableArguments {
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

        func answers() throws -> [AttendanceSheet.Answer] {
            let given = [
                ("--present", present, AttendanceStatus.present), ("--online", online, .online),
                ("--absent", absent, .absent), ("--excused", excused, .excused),
            ]
            let answers = try given.flatMap { option, names, status in
                try names.flatMap { $0.split(separator: ",") }.map { name -> AttendanceSheet.Answer in
                    let business = String(name).trimmingCharacters(in: .whitespaces)
                    let head = try count.first { $0.hasPrefix("\(business)=") }.map { text -> Int in
                        guard let number = Int(text.dropFirst(business.count + 1)), number >= 0 else {
                            throw ValidationError("--count \(text): 人数は0以上の整数です / expected business=number")
                        }
                        return number
                    }
                    return AttendanceSheet.Answer(business: business, status: status, count: head, option: option)
                }
            }
            guard !answers.isEmpty else {
                throw ValidationError("name at least one business with --present, --online, --absent or --excused")
            }
            return answers
        }
    }

    /// One meeting and its answers, given on the command line.
    struct MeetingAnswers: ParsableArguments {
        @Argument(help: "The series (id or title).")
        var series: String
        @Argument(help: "The day the meeting was held, YYYY-MM-DD.")
        var date: String
        @OptionGroup var answers: Answers
        @Flag(help: "Record businesses the meeting was not announced to as 飛び入り (walk-in) instead of refusing them.")
        var walkIn = false

        /// The answers resolved against the council's meetings, or their problems and exit status 1.
        func read(_ years: CouncilYears) throws -> AttendanceSheet.Reading {
            try located(
                AttendanceSheet.read(
                    answers: try answers.answers(), series: series, date: try resolveToday(date, flagName: "date"),
                    years: years, walkIn: walkIn))
        }
    }

    /// `council attend plans/aoba renrakukai 2026-04-14 --present hirose kunimi --absent odawara`.
    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one meeting's attendance; what is recorded already is not changed (see correct).")

        @OptionGroup var common: Common
        @OptionGroup var meeting: MeetingAnswers

        func run() async throws {
            try await changeAttendance(common, today: try resolveToday(common.today), read: meeting.read) {
                book, entries in
                book.merge(entries)
            }
        }
    }

    /// `council attend import plans/aoba form.csv --series renrakukai --date 2026-04-14`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import a sheet (Google Forms, Microsoft Forms, LoGoフォーム, Excel; UTF-8, BOM or Shift_JIS): all or nothing, and importing twice changes nothing.",
            discussion:
                "Headings are recognised as forms write them (タイムスタンプ, 事業所名, 出欠, ご出席, 人数, 備考 …); --columns names others. A form for one meeting is given its meeting with --series and --date. docs/review.md lists every accepted answer."
        )

        @OptionGroup var common: Common
        @Argument(help: "The CSV to import.")
        var file: String
        @Option(
            help:
                "Which headings hold which column, e.g. date=日付,business=事業所名 (columns: date, series, business, status, count, note, timestamp)."
        )
        var columns: String?
        @Option(help: "The series of every row (id or title), for a form made for one meeting.")
        var series: String?
        @Option(help: "The day every row's meeting was held (YYYY-MM-DD), for a form made for one meeting.")
        var date: String?
        @Flag(help: "Record businesses the meeting was not announced to as 飛び入り (walk-in) instead of refusing them.")
        var walkIn = false

        func run() async throws {
            var mapping = AttendanceSheet.ColumnMapping()
            if let columns {
                guard let parsed = AttendanceSheet.ColumnMapping(parsing: columns) else {
                    throw ValidationError(
                        "--columns: expected column=見出し pairs separated by commas, columns being \(AttendanceSheet.Column.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                mapping = parsed
            }
            let options = AttendanceSheet.Options(
                mapping: mapping, series: series, date: try date.map { try resolveToday($0, flagName: "--date") },
                walkIn: walkIn)
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): ファイルを読めません / cannot read the file")
                throw ExitCode(1)
            }
            try await changeAttendance(common, today: try resolveToday(common.today), source: file) { years in
                try located(AttendanceSheet.read(Array(data), file: file, years: years, options: options))
            } change: { book, entries in
                book.merge(entries)
            }
        }
    }

    /// `council attend correct plans/aoba renrakukai 2026-04-14 --excused kunimi`: replaces what is recorded.
    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct one meeting's record: the answers given replace what is recorded for those businesses.")

        @OptionGroup var common: Common
        @OptionGroup var meeting: MeetingAnswers

        func run() async throws {
            try await changeAttendance(common, today: try resolveToday(common.today), read: meeting.read) {
                book, entries in
                book.correction(entries)
            }
        }
    }

    /// `council attend remove plans/aoba renrakukai 2026-04-14 kunimi`: takes records out.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove what is recorded for businesses at one meeting.")

        @OptionGroup var common: Common
        @Argument(help: "The series (id or title).")
        var series: String
        @Argument(help: "The day the meeting was held, YYYY-MM-DD.")
        var date: String
        @Argument(help: "The businesses (ids or names) whose record goes.")
        var businesses: [String]

        func run() async throws {
            let held = try resolveToday(date, flagName: "date")
            guard !businesses.isEmpty else { throw ValidationError("name at least one business") }
            try await changeAttendance(common, today: try resolveToday(common.today)) { years in
                let keys = try located(
                    AttendanceSheet.keys(series: series, date: held, businesses: businesses, years: years))
                // Only the keys count: change() takes out whatever is recorded under them.
                return AttendanceSheet.Reading(
                    entries: keys.map {
                        AttendanceEntry(
                            series: $0.series, originalDate: $0.originalDate, business: $0.business, status: .present)
                    })
            } change: { book, entries in
                let missing = entries.filter { book.entry($0.key) == nil }.map(\.business.rawValue)
                guard missing.isEmpty else {
                    printError(
                        "\(held)の\(series)に記録がありません: \(missing.joined(separator: ", ")) / nothing is recorded for them; nothing was written"
                    )
                    throw ExitCode(1)
                }
                var plan = AttendanceBook.MergePlan()
                plan.removed = entries.compactMap { book.entry($0.key) }
                return plan
            }
        }
    }
}

extension Attend {
    /// `council attend slot plans/miyagino kobetsu-sv 2026-11-19 実施`: what became of a rotation slot.
    struct Slot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a rotation slot (GSV, 個別SV, 訪問) as 実施, 延期, 事業所都合で中止 or 中止, in rotation-<id>-<year>.csv.",
            discussion:
                "A slot the council called off (中止) gives its business a turn again at the next council rotate; one called off by the business (事業所都合で中止) counts as its turn. A postponed slot takes its new day with --to."
        )

        @OptionGroup var common: Common
        @Argument(help: "The rotation (its id or title).")
        var rotation: String
        @Argument(help: "The slot's day (as planned, or as it now takes place), YYYY-MM-DD.")
        var date: String
        @Argument(help: "実施 (held), 延期 (postponed), 事業所都合で中止 (cancelled-by-business) or 中止 (cancelled).")
        var outcome: String
        @Option(help: "The new day of a postponed slot, YYYY-MM-DD.")
        var to: String?
        @Option(help: "A note kept with the slot (e.g. the reason).")
        var note: String?

        func run() async throws {
            let today = try resolveToday(common.today)
            let day = try resolveToday(date, flagName: "date")
            let movedTo = try to.map { try resolveToday($0, flagName: "--to") }
            guard let outcome = SlotOutcome(label: outcome) else {
                throw ValidationError(
                    "「\(outcome)」: expected one of \(SlotOutcome.allCases.map { "\($0.rawValue) (\($0.identifier))" }.joined(separator: ", "))"
                )
            }
            let path = common.path
            let lock = try lockFolder(path)
            defer { withExtendedLifetime(lock) {} }
            let council = try await loadCouncil(path, includeRecords: false, today: today)
            var edits = SlotSheet.Edits(
                council: council, standing: councilYears(council, today: today).rotationRecords, today: today)
            switch edits.record(rotation, on: day, outcome, movedTo: movedTo, note: note) {
            case .failure(let failure):
                printError("\(path): \(failure)")
                throw ExitCode(1)
            case .success(let change):
                try writeSlots(path, council: council, changes: [change], records: edits.records, dryRun: common.dryRun)
            }
        }
    }

    /// `council attend slots plans/wakabayashi visits.csv`: many slots' outcomes from a sheet, all or nothing.
    struct Slots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import rotation slots' outcomes from a sheet (columns ローテーション, 日付, 状況, and 新しい日付, 備考): all or nothing.",
            discussion: "Headings may also be rotation, date, status, to, note. docs/plan-format.md shows the sheet."
        )

        @OptionGroup var common: Common
        @Argument(help: "The CSV to import (UTF-8, BOM or Shift_JIS).")
        var file: String

        func run() async throws {
            let today = try resolveToday(common.today)
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): ファイルを読めません / cannot read the file")
                throw ExitCode(1)
            }
            let path = common.path
            let lock = try lockFolder(path)
            defer { withExtendedLifetime(lock) {} }
            let council = try await loadCouncil(path, includeRecords: false, today: today)
            let reading = try located(
                SlotSheet.read(
                    Array(data), file: file, council: council,
                    standing: councilYears(council, today: today).rotationRecords, today: today))
            try writeSlots(
                path, council: council, changes: reading.changes, records: reading.records, dryRun: common.dryRun)
        }
    }
}

/// Says what each slot's change is, then writes the changed records in one atomic write (unless `dryRun`).
private func writeSlots(
    _ path: String, council: Council, changes: [SlotSheet.Change], records: [RotationRecord], dryRun: Bool
) throws {
    for change in changes {
        let (rotation, old, new) = (change.rotation, change.old, change.new)
        let names = new.targets.map { council.business($0)?.name ?? $0.rawValue }.joined(separator: "、")
        let moved = new.slot.date != old.slot.date ? " → \(new.slot.date.japaneseDescription)" : ""
        print(
            "\(rotation.title) \(old.slot.date.japaneseDescription)\(moved) \(names): \(old.outcome?.rawValue ?? "予定") → \(new.outcome?.rawValue ?? "予定")\(dryRun ? " (dry run: nothing written)" : "")"
        )
    }
    let files = records.filter { record in
        council.rotationRecord(record.rotation, year: record.year) != record
    }.map {
        ("\(path)/\(RotationRecordFile.fileName($0.rotation, $0.year))", RotationRecordFile.bytes(for: $0.assignments))
    }
    guard !dryRun, !files.isEmpty else { return }
    try writeAll(files)
}

/// The result, or its problems on standard error and exit status 1.
private func located<T>(_ result: Result<T, PlanProblems>) throws -> T {
    switch result {
    case .success(let value):
        return value
    case .failure(let problems):
        for problem in problems.problems { printError(problem.description) }
        printError("\(problems.problems.count) 件の問題があるため、何も書き込んでいません / nothing was written")
        throw ExitCode(1)
    }
}

/// Changes the record through `AttendanceChange.apply` (locked, all or nothing), printing the reading's notes, the
/// lines of a dry run and the summary; a conflict or problem is printed and gives exit status 1.
func changeAttendance(
    _ common: Attend.Common, today: CalendarDate, source: String = "(command line)",
    read: (CouncilYears) throws -> AttendanceSheet.Reading,
    change: (AttendanceBook, [AttendanceEntry]) throws -> AttendanceBook.MergePlan
) async throws {
    let outcome: AttendanceChange.Outcome
    do {
        outcome = try await AttendanceChange.apply(
            common.path, today: today, expander: LibicalRecurrence(), source: source, dryRun: common.dryRun
        ) { years in
            let reading = try read(years)
            for note in reading.notes { printError("注意 / note: \(note)") }
            return reading
        } change: { book, entries in
            try change(book, entries)
        }
    } catch let failure as AttendanceChange.Failure {
        printError(failure.description)
        if case .conflicts = failure {
            printError(
                "食い違う記録があるため、何も書き込んでいません。記録済みの内容を直すには council attend correct を使います / nothing was written: to change what is recorded, use council attend correct"
            )
        }
        throw ExitCode(1)
    }
    if common.dryRun { for line in outcome.lines { print(line) } }
    print(outcome.summary(source: source, dryRun: common.dryRun))
    for file in outcome.written { print("書き込みました / wrote \(file)") }
}
