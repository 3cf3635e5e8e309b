import CouncilCore
import Foundation
import TextFormats

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

    /// Reads the council's record: each line resolved to a meeting of the fiscal year its date falls in, as
    /// `years` sees them; every bad line is reported with its place, and nothing is returned unless every
    /// line is good. The record's lines are history: they are not refused for what the plan says now.
    public static func read(_ bytes: [UInt8], file: String, years: CouncilYears) -> Result<
        [AttendanceEntry], PlanProblems
    > {
        AttendanceSheet.read(bytes, file: file, years: years, options: nil).map(\.entries)
    }

    /// The record as a book, as `read` finds it.
    public static func book(_ bytes: [UInt8], file: String, years: CouncilYears) -> Result<AttendanceBook, PlanProblems>
    {
        book(AttendanceSheet.Split(bytes, file: file), years: years)
    }

    /// The record, already split into rows, as a book.
    public static func book(_ split: AttendanceSheet.Split, years: CouncilYears) -> Result<AttendanceBook, PlanProblems>
    {
        AttendanceSheet.read(split, years: years, options: nil).map(\.book)
    }

    /// The record as CSV, UTF-8 with a BOM, in date order; `date` is the day each meeting was held. A
    /// `walk_in` column (飛び入り) is written when some business came uninvited.
    public static func bytes(_ book: AttendanceBook, occurrences: [Occurrence]) -> [UInt8] {
        let held = Dictionary(occurrences.map { (MeetingKey($0), $0.date) }, uniquingKeysWith: { first, _ in first })
        let lines = book.sorted
        let walkIns = lines.contains(where: \.walkIn)
        return ExcelCSV.bytes(
            [columns + (walkIns ? ["walk_in"] : [])]
                + lines.map { entry in
                    let date =
                        held[MeetingKey(series: entry.series, originalDate: entry.originalDate)] ?? entry.originalDate
                    let row = [
                        date.description, entry.series.rawValue, entry.business.rawValue, entry.status.rawValue,
                        entry.headCount.map(String.init) ?? "", entry.note ?? "",
                    ]
                    return row + (walkIns ? [entry.walkIn ? "飛び入り" : ""] : [])
                })
    }
}
