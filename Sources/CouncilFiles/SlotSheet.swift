import CouncilCore
import TextFormats

/// A sheet of rotation slots' outcomes, as a secretariat keeps them in Excel or a form collects them:
///
/// ```csv
/// ローテーション,日付,状況,新しい日付,備考
/// outreach,2026-11-17,実施,,
/// 初任期相談員へのアウトリーチ(事業所訪問),2027-01-19,延期,2027-01-26,会場の都合
/// ```
///
/// A rotation is named by id or title; the day is the slot's planned day or the day it now takes place; the
/// status one of 実施, 延期, 事業所都合で中止, 中止 (or held, postponed, cancelled-by-business, cancelled).
/// Every row is checked first; any problem and nothing changes.
public enum SlotSheet {
    /// One change a row makes.
    public struct Change: Sendable {
        public var rotation: Rotation
        public var old: SlotAssignment
        public var new: SlotAssignment
    }

    public struct Reading: Sendable {
        /// The records as they are after every row, only those that changed.
        public var records: [RotationRecord]
        public var changes: [Change]
    }

    static let columns: [(key: String, headings: [String])] = [
        ("rotation", ["rotation", "ローテーション", "会議体", "取組"]),
        ("date", ["date", "日付", "実施日", "予定日"]),
        ("status", ["status", "状況", "実施状況", "結果"]),
        ("to", ["to", "新しい日付", "延期後", "延期先"]),
        ("note", ["note", "備考", "メモ"]),
    ]

    public static func read(
        _ bytes: [UInt8], file: String, council: Council, standing: [RotationRecord], today: CalendarDate
    ) -> Result<Reading, PlanProblems> {
        var problems = ProblemList(file: file)
        guard let reader = ExcelCSV.Reader.sheet(bytes, problems: &problems) else { return .failure(problems.grouped) }
        var position: [String: Int] = [:]
        for (index, heading) in reader.header.enumerated() {
            if let column = columns.first(where: { $0.headings.contains(heading) }) { position[column.key] = index }
        }
        for required in ["rotation", "date", "status"] where position[required] == nil {
            let headings = columns.first { $0.key == required }!.headings
            problems.add(
                .csvColumns, line: 1, column: 1, "列「\(headings[1])」がありません / no \(required) column",
                headings.joined(separator: ", "))
        }
        guard problems.isEmpty else { return .failure(problems.grouped) }

        var edits = Edits(council: council, standing: standing, today: today)
        var changes: [Change] = []
        while let record = reader.next() {
            let row = record.fields
            let line = record.line
            if record.isBlank { continue }
            func field(_ key: String) -> (value: String, column: Int)? {
                guard let index = position[key], index < row.count else { return nil }
                return (row[index], record.column(index))
            }
            let name = field("rotation")?.value ?? ""
            guard let (dateText, dateColumn) = field("date"), let date = isoDate(dateText) else {
                problems.add(
                    .badDate, line: line, column: field("date")?.column ?? 1,
                    "日付「\(field("date")?.value ?? "")」を読めません / cannot read the date", "YYYY-MM-DD or YYYY/MM/DD")
                continue
            }
            guard let (statusText, statusColumn) = field("status"), let outcome = SlotOutcome(label: statusText) else {
                problems.add(
                    .badValue, line: line, column: field("status")?.column ?? 1,
                    "状況「\(field("status")?.value ?? "")」を読めません / unknown status",
                    SlotOutcome.allCases.map { "\($0.rawValue) (\($0.identifier))" }.joined(separator: ", "))
                continue
            }
            var movedTo: CalendarDate?
            if let (toText, toColumn) = field("to"), !toText.isEmpty {
                guard let to = isoDate(toText) else {
                    problems.add(
                        .badDate, line: line, column: toColumn, "新しい日付「\(toText)」を読めません / cannot read the new day",
                        "YYYY-MM-DD or YYYY/MM/DD")
                    continue
                }
                movedTo = to
            }
            let note = field("note").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
            switch edits.record(name, on: date, outcome, movedTo: movedTo, note: note) {
            case .success(let change): changes.append(change)
            case .failure(let failure):
                let column: Int
                switch failure {
                case .unknownRotation: column = field("rotation")?.column ?? 1
                case .noRecord, .recording(.noSlot): column = dateColumn
                case .recording: column = statusColumn
                }
                problems.add(failure.id, line: line, column: column, failure.description, failure.expected)
            }
        }
        if let error = reader.error {
            problems.add(
                .csvSyntax, line: reader.line, column: 1, "CSVの途中で読めなくなりました / CSV stopped being readable: \(error)",
                "well-formed CSV (quotes closed)")
        }
        guard problems.isEmpty else { return .failure(problems.grouped) }
        return .success(Reading(records: edits.records, changes: changes))
    }

    /// Outcomes recorded one after another against the council's rotation records, as a sheet's rows or the
    /// command line give them.
    public struct Edits: Sendable {
        public let council: Council
        public let today: CalendarDate
        private var edited: [String: RotationRecord] = [:]
        private var order: [String] = []

        /// The rotation records to edit, as they stand (`CouncilYears.rotationRecords`: a slot after a moved
        /// meeting is on that meeting's day).
        public let standing: [RotationRecord]

        public init(council: Council, standing: [RotationRecord], today: CalendarDate) {
            self.council = council
            self.standing = standing
            self.today = today
        }

        /// The records changed so far, as they now are.
        public var records: [RotationRecord] { order.compactMap { edited[$0] } }

        /// Records `outcome` for the slot of the rotation `name` (id or title) on `date`.
        public mutating func record(
            _ name: String, on date: CalendarDate, _ outcome: SlotOutcome, movedTo: CalendarDate? = nil,
            note: String? = nil
        ) -> Result<Change, Failure> {
            guard let rotation = council.rotations.first(where: { $0.id.rawValue == name || $0.title == name }) else {
                return .failure(.unknownRotation(name, known: council.rotations))
            }
            let year = FiscalYear(containing: date)
            let key = "\(rotation.id)/\(year.startYear)"
            guard let record = edited[key] ?? standing.first(where: { $0.rotation == rotation.id && $0.year == year })
            else { return .failure(.noRecord(rotation, year)) }
            switch record.recording(outcome, on: date, movedTo: movedTo, note: note, today: today) {
            case .failure(let error):
                return .failure(.recording(error))
            case .success(let change):
                if edited[key] == nil { order.append(key) }
                edited[key] = change.record
                return .success(Change(rotation: rotation, old: change.old, new: change.new))
            }
        }
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case unknownRotation(String, known: [Rotation])
        case noRecord(Rotation, FiscalYear)
        case recording(SlotRecordingError)

        var id: PlanProblem.ID {
            switch self {
            case .unknownRotation: return .unknownSeries
            case .noRecord: return .missingFile
            case .recording: return .badValue
            }
        }

        var expected: String? {
            switch self {
            case .unknownRotation(_, let known): return known.map { "\($0.id) (\($0.title))" }.joined(separator: ", ")
            case .noRecord: return "council rotate first"
            case .recording: return nil
            }
        }

        public var description: String {
            switch self {
            case .unknownRotation(let name, let known):
                return
                    "ローテーション「\(name)」はありません / no rotation \"\(name)\".\(didYouMean(name, among: known.map(\.id.rawValue)))"
            case .noRecord(let rotation, let year):
                return
                    "「\(rotation.title)」の\(year.japaneseName)の割り当て(\(RotationRecordFile.fileName(rotation.id, year)))がありません。先に council rotate で割り当てます / nothing assigned for \(year.startYear) yet: run council rotate first"
            case .recording(let error):
                return error.description
            }
        }
    }
}
