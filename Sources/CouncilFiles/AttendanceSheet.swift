import CSVParsing
import CouncilCore
import Foundation
import TextFormats

/// Attendance as it arrives: the council's own record (`attendance-<year>.csv`), or a sheet exported from
/// Google Forms, Microsoft Forms, LoGoフォーム or an Excel sheet passed around. One reader for both:
///
/// - columns are found by their headings, as forms write them (`タイムスタンプ`, `事業所名`, `出欠`, `ご出席` …), or
///   as `--columns` names them; a form made for one meeting has no date or series column, and the import is
///   told them (`--series`, `--date`);
/// - answers are read after NFKC normalisation (full- and half-width brackets and spaces alike) in the
///   built-in wording and the council's own (`attendance_answers` in council.yaml);
/// - business names are matched without spaces and corporate designations (㈱, 株式会社, 社会福祉法人 …), and
///   a name that holds exactly one roster name is that business;
/// - a blank date or series cell under a filled one (merged-looking cells) takes the value above;
/// - with a timestamp, a business that answered twice is taken at its latest answer.
///
/// A sheet is refused, whole, for a meeting after `today`, a business the meeting was not announced to (unless
/// it is recorded as 飛び入り with `walkIn`), or a day the meeting was not held. The council's record is read
/// as it was written: its lines are history and are never refused for what the plan says now.
public enum AttendanceSheet {
    /// How to read a sheet that is not the council's own record.
    public struct Options: Sendable {
        /// Which heading holds which column, beyond the ones recognised by name.
        public var mapping: ColumnMapping
        /// The meeting of a form made for one meeting: its series (id or title) and the day it was held.
        public var series: String?
        public var date: CalendarDate?
        /// Businesses not invited are recorded as 飛び入り instead of refused.
        public var walkIn: Bool

        public init(
            mapping: ColumnMapping = ColumnMapping(), series: String? = nil, date: CalendarDate? = nil,
            walkIn: Bool = false
        ) {
            self.mapping = mapping
            self.series = series
            self.date = date
            self.walkIn = walkIn
        }
    }

    /// Headings given with `--columns date=日付,business=所属`.
    public struct ColumnMapping: Hashable, Sendable {
        public var headings: [Column: String]

        public init(_ headings: [Column: String] = [:]) {
            self.headings = headings
        }

        /// `date=日付,series=会議,business=事業所,status=出欠`; nil when a pair cannot be read.
        public init?(parsing text: String) {
            var headings: [Column: String] = [:]
            for part in text.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                guard pair.count == 2, let column = Column(rawValue: pair[0]), !pair[1].isEmpty else { return nil }
                headings[column] = pair[1]
            }
            self.init(headings)
        }
    }

    /// The columns a sheet may have, with the headings recognised for each.
    public enum Column: String, CaseIterable, Sendable {
        case date, series, business, status, count, note, timestamp
        case walkIn = "walk_in"

        /// Headings as forms and people write them, compared after `headingKey`.
        public var headings: [String] {
            switch self {
            case .date: return ["date", "日付", "開催日", "会議日", "日程"]
            case .series: return ["series", "会議", "会議体", "会議名"]
            case .business: return ["business", "事業所名", "事業所", "所属", "所属事業所", "事業所・機関名", "機関名"]
            case .status: return ["status", "出欠", "出欠席", "ご出席", "ご出欠", "出欠席のご回答", "参加", "参加方法"]
            case .count: return ["count", "人数", "参加人数", "出席人数"]
            case .note: return ["note", "備考", "メモ", "コメント"]
            case .timestamp: return ["timestamp", "タイムスタンプ", "回答日時", "送信日時", "受付日時", "完了時刻"]
            case .walkIn: return ["walk_in", "飛び入り"]
            }
        }

        /// The column's place in `allCases`, for looking cells up without hashing.
        var index: Int {
            switch self {
            case .date: return 0
            case .series: return 1
            case .business: return 2
            case .status: return 3
            case .count: return 4
            case .note: return 5
            case .timestamp: return 6
            case .walkIn: return 7
            }
        }

        static func positions(_ columns: [Column: Int]) -> [Int?] {
            allCases.map { columns[$0] }
        }

        /// `headings` and `headingWords` as `headingKey` gives them, by `index`, worked out once.
        static let headingKeys: [Set<String>] = allCases.map { Set($0.headings.map(AttendanceSheet.headingKey)) }
        static let headingWordKeys: [[String]] = allCases.map { $0.headingWords.map(AttendanceSheet.headingKey) }

        /// Words a longer heading of this column holds (「所属事業所名」, 「ご出欠をお知らせください」), tried when
        /// no heading is one of `headings`.
        var headingWords: [String] {
            switch self {
            case .date: return ["日付", "開催日"]
            case .series: return ["会議名", "会議体"]
            case .business: return ["事業所", "所属", "機関名"]
            case .status: return ["出欠", "出席"]
            case .count: return ["人数"]
            case .note: return ["備考"]
            case .timestamp: return ["タイムスタンプ", "日時", "timestamp"]
            case .walkIn: return []
            }
        }
    }

    /// The entries, and what the secretariat should know about how they were read.
    public struct Reading: Sendable {
        public let entries: [AttendanceEntry]
        /// One line each: an answer given twice of which the latest was kept, a name read as a roster name.
        public let notes: [String]
        /// The entries as a book, keyed as they were found (not hashed again).
        public let book: AttendanceBook

        public init(entries: [AttendanceEntry], notes: [String] = []) {
            self.init(entries: entries, notes: notes, book: AttendanceBook(entries))
        }

        init(entries: [AttendanceEntry], notes: [String], book: AttendanceBook) {
            self.entries = entries
            self.notes = notes
            self.book = book
        }
    }

    /// Reads `bytes` against the council's meetings; `options` nil reads the council's own record.
    public static func read(_ bytes: [UInt8], file: String, years: CouncilYears, options: Options?) -> Result<
        Reading, PlanProblems
    > {
        read(Split(bytes, file: file), years: years, options: options)
    }

    /// Reads a sheet already split into rows, as `read(_:file:years:options:)` reads its bytes.
    public static func read(_ split: Split, years: CouncilYears, options: Options?) -> Result<Reading, PlanProblems> {
        var problems = ProblemList(file: split.file)
        guard let reader = split.reader(problems: &problems) else { return .failure(problems.grouped) }
        let columns = findColumns(reader.header, options: options, problems: &problems)
        let context = SheetContext(years: years, options: options, refusing: options != nil)
        if let options { context.checkGiven(options, problems: &problems) }
        guard problems.isEmpty, let columns else { return .failure(problems.grouped) }
        let positions = Column.positions(columns)
        // The council's record (no timestamps to order answers by) is read from its bytes, cell by cell through
        // a memo; a row that does not read so, and every row of a sheet, is read as text.
        let quick = options == nil && positions[Column.timestamp.index] == nil
        var pending: [Pending] = []
        var above: [Column: String] = [:]
        while let index = reader.nextIndex() {
            if quick {
                pending.append(.bytes(index))
                continue
            }
            guard let row = sheetRow(reader.row(index)) else { continue }
            pending.append(.row(row))
        }
        func sheetRow(_ record: ExcelCSV.Reader.Row) -> SheetRow? {
            if record.isBlank { return nil }
            var row = SheetRow(line: record.line, cells: record.fields, positions: positions)
            // Merged-looking cells: a blank date or series under a filled one is the one above (sheets only).
            if options != nil {
                for column in [Column.date, .series] where row.value(column)?.isEmpty == true && above[column] != nil {
                    row.filled[column] = above[column]
                }
                for column in [Column.date, .series] { above[column] = row.value(column) }
            }
            return row
        }
        if let error = reader.error {
            problems.add(
                .csvSyntax, line: reader.line, column: 1, "CSVの途中で読めなくなりました / CSV stopped being readable: \(error)",
                "well-formed CSV (quotes closed)")
        }
        var resolved: [Resolved] = []
        resolved.reserveCapacity(pending.count)
        var memo = SheetContext.CellMemo()
        for item in pending {
            var row: SheetRow
            switch item {
            case .row(let given):
                row = given
            case .bytes(let index):
                if let entry = context.quickEntry(reader.table, row: index, positions: positions, memo: &memo) {
                    resolved.append(Resolved(line: reader.table.line(index), entry: entry))
                    continue
                }
                guard let read = sheetRow(reader.row(index)) else { continue }
                row = read
            }
            if let entry = context.resolve(row, problems: &problems) { resolved.append(Resolved(row, entry)) }
        }
        guard problems.isEmpty else { return .failure(problems.grouped) }
        var notes = context.notes
        let (entries, book) = latestAnswers(resolved, notes: &notes, problems: &problems)
        return problems.isEmpty
            ? .success(Reading(entries: entries, notes: notes, book: book)) : .failure(problems.grouped)
    }

    /// Where each column is: the mapping's headings first, then the recognised ones.
    private static func findColumns(_ header: [String], options: Options?, problems: inout ProblemList) -> [Column:
        Int]?
    {
        // The council's record is read only by its own headings, as written.
        guard options != nil else {
            var found: [Column: Int] = [:]
            for column in Column.allCases { found[column] = header.firstIndex(of: column.rawValue) }
            for column in [Column.date, .series, .business, .status] where found[column] == nil {
                problems.add(
                    .csvColumns, line: 1, column: 1,
                    "\(column.rawValue)の列がありません / no column for \(column.rawValue) (見出し: \(header.joined(separator: ", ")))",
                    "the header \(AttendanceFile.columns.joined(separator: ","))")
            }
            return problems.isEmpty ? found : nil
        }
        let keys = header.map(headingKey)
        var found: [Column: Int] = [:]
        for column in Column.allCases {
            if let heading = options?.mapping.headings[column] {
                guard let position = header.firstIndex(of: heading) ?? keys.firstIndex(of: headingKey(heading)) else {
                    problems.add(
                        .csvColumns, line: 1, column: 1,
                        "列「\(heading)」がありません / no column \"\(heading)\" for \(column.rawValue).\(didYouMean(heading, among: header))",
                        "a heading of the sheet (\(header.joined(separator: ", ")))")
                    continue
                }
                found[column] = position
            } else if let position = keys.firstIndex(where: Column.headingKeys[column.index].contains) {
                found[column] = position
            }
        }
        // A longer heading that holds a column's word, when exactly one does and no column has it yet.
        for column in Column.allCases where found[column] == nil {
            let taken = Set(found.values)
            let holding = keys.indices.filter { index in
                !taken.contains(index) && Column.headingWordKeys[column.index].contains { keys[index].contains($0) }
            }
            if holding.count == 1 {
                found[column] = holding[0]
            } else if holding.count > 1 {
                problems.add(
                    .csvColumns, line: 1, column: 1,
                    "\(column.rawValue)の列がどれか決められません: \(holding.map { header[$0] }.joined(separator: ", ")) / several headings could be \(column.rawValue)",
                    "--columns \(column.rawValue)=見出し naming one of them")
            }
        }
        let given: Set<Column> = [options?.series != nil ? .series : nil, options?.date != nil ? .date : nil].compactMap
        { $0 }.reduce(into: []) { $0.insert($1) }
        for column in [Column.date, .series, .business, .status] where found[column] == nil && !given.contains(column) {
            let hint =
                column == .date || column == .series ? "; a form for one meeting: --series ID --date YYYY-MM-DD" : ""
            problems.add(
                .csvColumns, line: 1, column: 1,
                "\(column.rawValue)の列がありません / no column for \(column.rawValue) (見出し: \(header.joined(separator: ", ")))",
                "a heading such as \(column.headings.prefix(3).joined(separator: ", ")), or --columns \(column.rawValue)=見出し\(hint)"
            )
        }
        return problems.isEmpty ? found : nil
    }

    /// A heading compared without width, case, spaces, a required mark or an explanation in brackets:
    /// 「ご出欠（どちらか選択）*」 is ご出欠.
    static func headingKey(_ heading: String) -> String {
        var key = FormText.normalised(heading)
        if key.hasSuffix("*") { key.removeLast() }
        if key.hasSuffix(")"), let open = key.lastIndex(of: "("), open != key.startIndex { key = String(key[..<open]) }
        return key
    }

    /// One answer per business and meeting: with timestamps the latest, else identical lines once; two
    /// different answers without a way to order them are a conflict. The entries in the order first seen, and
    /// as a book.
    private static func latestAnswers(_ resolved: [Resolved], notes: inout [String], problems: inout ProblemList) -> (
        [AttendanceEntry], AttendanceBook
    ) {
        // Each meeting's lines together in rising business order (as `council` writes the record): no key twice.
        let lines = resolved.map(\.entry)
        if let book = AttendanceBook(runs: lines) { return (lines, book) }
        // Each key's line in `resolved` and its place in `entries`: rows are not copied around, keys hashed once.
        var chosen: [AttendanceEntry.Key: (line: Int, place: Int)] = [:]
        chosen.reserveCapacity(resolved.count)
        var entries: [AttendanceEntry] = []
        entries.reserveCapacity(resolved.count)
        for (index, item) in resolved.enumerated() {
            let key = item.entry.key
            // One lookup for a key seen the first time; a key seen before gets its first line back.
            guard let first = chosen.updateValue((index, entries.count), forKey: key) else {
                entries.append(item.entry)
                continue
            }
            chosen[key] = first
            let earlierIndex = first.line
            let earlier = resolved[earlierIndex]
            if earlier.entry == item.entry { continue }
            switch (earlier.timestamp, item.timestamp) {
            case (let first?, let second?) where first != second:
                let latest = second.lexicographicallyPrecedes(first) ? earlierIndex : index
                let name = item.name ?? "\(key.business)"
                notes.append(
                    "「\(name)」は\(key.originalDate)の会議に2回回答しています。新しい回答(\(resolved[latest].line)行目)を採用しました / answered twice; the latest answer (line \(resolved[latest].line)) is kept"
                )
                // The first line of a key holds its place; the answer kept may be a later one.
                chosen[key]?.line = latest
                entries[chosen[key]!.place] = resolved[latest].entry
            default:
                problems.add(
                    .duplicateID, line: item.line, column: 1,
                    "\(key.originalDate) \(key.series) \(key.business) の回答が\(earlier.line)行目と違います / two different answers for one meeting and business",
                    "one answer per business, or a timestamp column so that the latest is taken")
            }
        }
        return (entries, AttendanceBook(unique: chosen.mapValues { entries[$0.place] }, order: entries))
    }
}

/// A row waiting to be resolved: the record's, by its place in the table, or a sheet's, read as text.
private enum Pending {
    case bytes(Int)
    case row(SheetRow)
}

/// A row's entry, and what choosing between two answers of one business needs of the row.
struct Resolved {
    let line: Int
    /// The answer's time, and the business as the row names it (for the note), when the sheet has timestamps.
    let timestamp: [Int]?
    let name: String?
    let entry: AttendanceEntry

    init(line: Int, entry: AttendanceEntry) {
        self.line = line
        self.timestamp = nil
        self.name = nil
        self.entry = entry
    }

    init(_ row: SheetRow, _ entry: AttendanceEntry) {
        line = row.line
        timestamp = row.timestamp
        name = row.value(.business)
        self.entry = entry
    }
}

/// One data row of a sheet, with the cells its blank merged-looking cells take from above.
struct SheetRow {
    let line: Int
    let cells: [String]
    /// Where each column is, by `Column.index`; one array for every row of a sheet.
    let positions: [Int?]
    var filled: [AttendanceSheet.Column: String] = [:]

    init(line: Int, cells: [String], positions: [Int?]) {
        self.line = line
        self.cells = cells
        self.positions = positions
    }

    init(line: Int, cells: [String], columns: [AttendanceSheet.Column: Int]) {
        self.init(line: line, cells: cells, positions: AttendanceSheet.Column.positions(columns))
    }

    func value(_ column: AttendanceSheet.Column) -> String? {
        if !filled.isEmpty, let value = filled[column] { return value }
        guard let position = positions[column.index], position < cells.count else { return nil }
        return cells[position]
    }

    /// The character column the cell starts at (1 when the sheet has no such column).
    func place(_ column: AttendanceSheet.Column) -> Int {
        guard let position = positions[column.index] else { return 1 }
        return 1 + cells[..<min(position, cells.count)].reduce(0) { $0 + $1.count + 1 }
    }

    /// The answer's time, comparable, when the sheet has a timestamp column that can be read.
    var timestamp: [Int]? {
        value(.timestamp).flatMap(FormText.timestamp)
    }
}

extension ExcelCSV.Reader {
    /// A sheet as a secretariat hands it over (UTF-8, with or without a BOM, or Shift_JIS), or nil with the
    /// reason in `problems`.
    static func sheet(_ bytes: [UInt8], problems: inout ProblemList) -> ExcelCSV.Reader? {
        AttendanceSheet.Split(bytes, file: problems.file).reader(problems: &problems)
    }
}

extension AttendanceSheet {
    /// A sheet's bytes decoded and split into rows by libcsv, or why they cannot be: all of reading a sheet that
    /// needs nothing of the council, so that it can be done while the plan files are read (`PlanLoader`).
    public struct Split: Sendable {
        let file: String
        let table: CSVRows?
        let problems: [PlanProblem]

        public init(_ bytes: [UInt8], file: String) {
            self.file = file
            var problems = ProblemList(file: file)
            if let (text, _) = TextDecoding.decode(bytes) {
                table = try? ExcelCSV.Reader.split(text)
                if table == nil {
                    problems.add(
                        .csvSyntax, line: 1, column: 1, "CSVとして読めません / not readable as CSV",
                        "comma-separated values with a header row")
                }
            } else {
                problems.add(
                    .unreadableFile, line: 1, column: 1, "UTF-8でもShift_JISでもありません / neither UTF-8 nor Shift_JIS",
                    "a CSV saved by Excel (CSV UTF-8 or CSV)")
                table = nil
            }
            self.problems = problems.problems
        }

        /// A reader over the rows, or nil with the reason added to `problems`.
        func reader(problems list: inout ProblemList) -> ExcelCSV.Reader? {
            for problem in problems { list.add(problem) }
            return table.map(ExcelCSV.Reader.init(table:))
        }
    }
}

extension AttendanceSheet {
    /// One business's answer given on the command line (`--present hirose`).
    public struct Answer: Sendable {
        public var business: String
        public var status: AttendanceStatus
        public var count: Int?
        /// The option that gave it, for messages: `--present`.
        public var option: String

        public init(business: String, status: AttendanceStatus, count: Int? = nil, option: String) {
            self.business = business
            self.status = status
            self.count = count
            self.option = option
        }
    }

    /// One meeting's answers from the command line, resolved and checked exactly as a sheet's rows are;
    /// each problem is named by the option and business that gave it (in place of file and line).
    public static func read(answers: [Answer], series: String, date: CalendarDate, years: CouncilYears, walkIn: Bool)
        -> Result<Reading, PlanProblems>
    {
        read(
            answers: answers, options: Options(series: series, date: date, walkIn: walkIn), years: years, refusing: true
        )
    }

    /// What is recorded for one meeting, by the businesses named: the record's keys to correct or remove.
    /// The record is taken as it stands: neither an invitation nor a meeting that is over is asked for.
    public static func keys(series: String, date: CalendarDate, businesses: [String], years: CouncilYears) -> Result<
        [AttendanceEntry.Key], PlanProblems
    > {
        let answers = businesses.map { Answer(business: $0, status: .present, option: "business") }
        return read(answers: answers, options: Options(series: series, date: date), years: years, refusing: false).map {
            $0.entries.map(\.key)
        }
    }

    private static func read(answers: [Answer], options: Options, years: CouncilYears, refusing: Bool) -> Result<
        Reading, PlanProblems
    > {
        // An argument has no line or column: each problem is named by the argument that gave it.
        func unplaced(_ problems: [PlanProblem]) -> PlanProblems {
            PlanProblems(
                problems.map { problem in
                    var moved = problem
                    (moved.line, moved.column) = (0, 0)
                    return moved
                })
        }
        let context = SheetContext(years: years, options: options, refusing: refusing)
        var given = ProblemList(file: "series \(options.series ?? "")")
        context.checkGiven(options, problems: &given)
        guard given.isEmpty else { return .failure(unplaced(given.problems)) }
        let columns: [Column: Int] = [.business: 0, .status: 1, .count: 2]
        var resolved: [Resolved] = []
        var problems: [PlanProblem] = []
        for (index, answer) in answers.enumerated() {
            var found = ProblemList(file: "\(answer.option) \(answer.business)")
            let row = SheetRow(
                line: index + 1, cells: [answer.business, answer.status.rawValue, answer.count.map(String.init) ?? ""],
                columns: columns)
            if let entry = context.resolve(row, problems: &found) { resolved.append(Resolved(row, entry)) }
            problems += found.problems
        }
        guard problems.isEmpty else { return .failure(unplaced(problems)) }
        var notes = context.notes
        var twice = ProblemList(file: "")
        let (entries, _) = latestAnswers(resolved, notes: &notes, problems: &twice)
        // A business given two answers is named by the later argument (its row's line is its place).
        let named = twice.problems.map { problem -> PlanProblem in
            var moved = problem
            let answer = answers[problem.line - 1]
            moved.file = "\(answer.option) \(answer.business)"
            return moved
        }
        return named.isEmpty ? .success(Reading(entries: entries, notes: notes)) : .failure(unplaced(named))
    }
}
