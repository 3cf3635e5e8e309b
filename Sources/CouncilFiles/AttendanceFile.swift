import CouncilCore
import Foundation

/// `attendance-<year>.csv`: who came to which meeting, one line per meeting and business.
///
/// ```csv
/// date,series,business,status,count,note
/// 2026-04-14,renrakukai,hirose,出席,2,
/// 2026-04-14,renrakukai,kunimi,欠席連絡あり,,研修と重なったため
/// ```
/// `date` is the day the meeting was held (a moved meeting may also be named by its scheduled date);
/// `series` an id or title from council.yaml; `business` an id or name from businesses.csv; `status`
/// 出席 / オンライン / 欠席 / 欠席連絡あり (or present / online / absent / excused). Written as UTF-8 with a
/// BOM for Excel; read as UTF-8 with or without a BOM, or Shift_JIS (CP932).
public enum AttendanceFile {
    public static let columns = ["date", "series", "business", "status", "count", "note"]

    public static func fileName(_ year: FiscalYear) -> String { "attendance-\(year.startYear).csv" }

    /// Which heading of a foreign file holds each of our columns; our own headings by default.
    public struct ColumnMapping: Hashable, Sendable {
        public var headings: [String: String]

        public init(_ headings: [String: String] = [:]) {
            self.headings = Dictionary(uniqueKeysWithValues: AttendanceFile.columns.map { ($0, headings[$0] ?? $0) })
        }

        /// `date=日付,series=会議,business=事業所,status=出欠`.
        public init?(parsing text: String) {
            var headings: [String: String] = [:]
            for part in text.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                guard pair.count == 2, AttendanceFile.columns.contains(pair[0]), !pair[1].isEmpty else { return nil }
                headings[pair[0]] = pair[1]
            }
            self.init(headings)
        }
    }

    /// Reads attendance lines and resolves each to a meeting of the fiscal year its date falls in
    /// (`occurrences` gives a year's meetings); every bad line is reported with its place, and nothing is
    /// returned unless every line is good.
    public static func read(
        _ bytes: [UInt8], file: String, council: Council, occurrences: (FiscalYear) -> [Occurrence], mapping: ColumnMapping = ColumnMapping()
    ) -> Result<[AttendanceEntry], PlanProblems> {
        func failure(_ id: PlanProblem.ID, _ line: Int, _ column: Int, _ message: String, _ expected: String?) -> PlanProblem {
            PlanProblem(id: id, file: file, line: line, column: column, message: message, expected: expected)
        }
        guard let (text, _) = TextDecoding.decode(bytes) else {
            return .failure(PlanProblems([failure(.unreadableFile, 1, 1, "UTF-8でもShift_JISでもありません / neither UTF-8 nor Shift_JIS", "a CSV saved by Excel (CSV UTF-8 or CSV)")]))
        }
        guard let reader = try? ExcelCSV.Reader(text) else {
            return .failure(PlanProblems([failure(.csvSyntax, 1, 1, "CSVとして読めません / not readable as CSV", "comma-separated values with a header row")]))
        }
        let header = reader.header
        var index: [String: Int] = [:]
        var problems: [PlanProblem] = []
        for column in ["date", "series", "business", "status"] {
            let heading = mapping.headings[column] ?? column
            guard let position = header.firstIndex(of: heading) else {
                problems.append(failure(.csvColumns, 1, 1, "列「\(heading)」がありません / no column \"\(heading)\" for \(column).\(didYouMean(heading, among: header))", "a header with \(heading); map other headings with --columns \(column)=見出し"))
                continue
            }
            index[column] = position
        }
        for column in ["count", "note"] {
            if let position = header.firstIndex(of: mapping.headings[column] ?? column) { index[column] = position }
        }
        guard problems.isEmpty else { return .failure(PlanProblems(problems)) }

        // A meeting is found by series and the day it was held, or the day its rule gave it.
        struct MeetingKey: Hashable {
            var series: SeriesID
            var date: CalendarDate
        }
        struct Meetings {
            var byHeldDate: [MeetingKey: Occurrence] = [:]
            var byOriginal: [MeetingKey: Occurrence] = [:]
            var all: [Occurrence] = []
        }
        var years: [FiscalYear: Meetings] = [:]
        func meetings(around date: CalendarDate) -> Meetings {
            // A meeting moved across the year's end is found from either side.
            let year = FiscalYear(containing: date)
            if let known = years[year] { return known }
            var found = Meetings()
            found.all = occurrences(year.previous) + occurrences(year) + occurrences(FiscalYear(year.startYear + 1))
            // In reverse, so the first meeting of a day is the one kept.
            for occurrence in found.all.reversed() {
                found.byHeldDate[MeetingKey(series: occurrence.series, date: occurrence.date)] = occurrence
                found.byOriginal[MeetingKey(series: occurrence.series, date: occurrence.originalDate)] = occurrence
            }
            years[year] = found
            return found
        }
        // By id or by title (name); an id wins over a title that happens to be the same text, and the
        // first of two equal titles wins.
        var seriesByText: [String: MeetingSeries] = [:]
        for series in council.series.reversed() { seriesByText[series.title] = series }
        for series in council.series.reversed() { seriesByText[series.id.rawValue] = series }
        var businessByText: [String: Business] = [:]
        for business in council.businesses.reversed() { businessByText[business.name] = business }
        for business in council.businesses.reversed() { businessByText[business.id.rawValue] = business }

        var entries: [AttendanceEntry] = []
        var line = 2
        while let row = reader.next() {
            // A quoted field may span lines.
            defer { line += 1 + row.reduce(0) { $0 + ($1.utf8.contains { $0 == 0x0A || $0 == 0x0D } ? $1.filter(\.isNewline).count : 0) } }
            if row.allSatisfy(\.isEmpty) { continue }
            func field(_ column: String) -> (value: String, column: Int)? {
                guard let position = index[column], position < row.count else { return nil }
                return (row[position], 1 + row[..<position].reduce(0) { $0 + $1.count + 1 })
            }
            func value(_ column: String) -> String? {
                guard let position = index[column], position < row.count else { return nil }
                return row[position]
            }
            var ok = true
            func bad(_ id: PlanProblem.ID, _ column: String, _ message: String, _ expected: String) {
                problems.append(failure(id, line, field(column)?.column ?? 1, message, expected))
                ok = false
            }
            let dateText = value("date") ?? ""
            let date = attendanceDate(dateText)
            if date == nil { bad(.badDate, "date", "日付「\(dateText)」を読めません / cannot read the date", "YYYY-MM-DD, YYYY/MM/DD or 2026年4月14日") }
            let seriesText = value("series") ?? ""
            let series = seriesByText[seriesText]
            if series == nil { bad(.unknownSeries, "series", "会議体「\(seriesText)」はありません / no series \"\(seriesText)\".\(didYouMean(seriesText, among: council.series.map(\.id.rawValue)))", "a series id or title from council.yaml") }
            let businessText = value("business") ?? ""
            let business = businessByText[businessText]
            if business == nil { bad(.unknownBusiness, "business", "事業所「\(businessText)」はありません / no business \"\(businessText)\".\(didYouMean(businessText, among: council.businesses.map(\.id.rawValue)))", "an id or name from businesses.csv") }
            let statusText = value("status") ?? ""
            let status = AttendanceStatus(label: statusText)
            if status == nil { bad(.badValue, "status", "出欠「\(statusText)」はありません / unknown status", AttendanceStatus.allCases.map { "\($0.rawValue) (\($0.identifier))" }.joined(separator: ", ")) }
            var count: Int?
            if let text = value("count"), !text.isEmpty {
                count = Int(text)
                if count == nil || count! < 0 { bad(.badNumber, "count", "人数「\(text)」は0以上の整数ではありません / count must be a whole number", "0, 1, 2 …") }
            }
            guard ok, let date, let series, let business, let status else { continue }
            let key = MeetingKey(series: series.id, date: date)
            let known = meetings(around: date)
            guard let occurrence = known.byHeldDate[key] ?? known.byOriginal[key] else {
                let nearby = known.all.filter { $0.series == series.id && $0.date.year == date.year && $0.date.month == date.month }.map(\.date.description)
                let given = nearby.isEmpty ? "\(date.month)月の開催はありません" : "\(date.month)月は\(nearby.joined(separator: "・"))です"
                bad(.badDate, "date", "\(date)に「\(series.title)」は開かれていません。今の規則「\(series.scheduleText)」では\(given) / no meeting of \(series.id) on \(date); the current rule gives \(nearby.isEmpty ? "none that month" : nearby.joined(separator: ", "))", "the day a meeting of the series was held (council schedule); a meeting published by council export before its rule changed keeps its date")
                continue
            }
            if occurrence.status == .cancelled {
                bad(.badDate, "date", "\(date)の「\(series.title)」は中止です / that meeting was cancelled", "a meeting that took place")
                continue
            }
            let note = value("note")
            entries.append(AttendanceEntry(series: series.id, originalDate: occurrence.originalDate, business: business.id, status: status, headCount: count, note: note?.isEmpty == false ? note : nil))
        }
        if let error = reader.error {
            problems.append(failure(.csvSyntax, line, 1, "CSVの途中で読めなくなりました / CSV stopped being readable: \(error)", "well-formed CSV (quotes closed)"))
        }
        return problems.isEmpty ? .success(entries) : .failure(PlanProblems(problems))
    }

    /// The record as CSV, UTF-8 with a BOM, in date order; `date` is the day each meeting was held.
    public static func bytes(_ book: AttendanceBook, occurrences: [Occurrence]) -> [UInt8] {
        let held = Dictionary(occurrences.map { ("\($0.series)/\($0.originalDate)", $0.date) }, uniquingKeysWith: { first, _ in first })
        return ExcelCSV.bytes([columns] + book.sorted.map { entry in
            let date = held["\(entry.series)/\(entry.originalDate)"] ?? entry.originalDate
            return [date.description, entry.series.rawValue, entry.business.rawValue, entry.status.rawValue, entry.headCount.map(String.init) ?? "", entry.note ?? ""]
        })
    }
}

/// `2026-04-14`, `2026/4/14` or `2026年4月14日`.
func attendanceDate(_ text: String) -> CalendarDate? {
    if let date = isoDate(text) { return date }
    let parts = text.split(whereSeparator: { "年月日".contains($0) }).map(String.init)
    guard text.hasSuffix("日"), parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
    return CalendarDate(validYear: y, month: m, day: d)
}
