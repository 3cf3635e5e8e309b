import CouncilCore
import Foundation
import TextFormats

/// `answers-<year>.csv`: every answer businesses gave beforehand, in the order given — a change is a new line, and
/// nothing is taken out, so the file is the history and its latest line per business and meeting is the answer.
///
/// ```csv
/// at,date,series,rotation,business,answer,note,by
/// 2026-12-01T19:04:05+09:00,2026-12-08,renrakukai,,hirose,出席,2名で伺います,page-r0
/// 2026-12-02T08:30:00+09:00,2026-12-17,,kobetsu-sv,tsurugaya,欠席,,page-r1
/// ```
/// `at` is when (Japan time), `date` the day the schedule gave the meeting or slot, `series` or `rotation` what it
/// is, `answer` 出席 / オンライン / 欠席, `by` who: `page-r<N>` the business's own page at its feed revision N,
/// `cli` the command line (an answer given by phone). UTF-8 with a BOM, as the other records.
/// Lines are history: they are not refused for what the plan says now.
public enum ReplyFile {
    public static let columns = ["at", "date", "series", "rotation", "business", "answer", "note", "by"]

    public static func fileName(_ year: FiscalYear) -> String { "answers-\(year.startYear).csv" }

    public static func bytes(_ book: ReplyBook) -> [UInt8] {
        ExcelCSV.bytes(
            [columns]
                + book.history.map { reply in
                    let (series, rotation): (String, String)
                    switch reply.subject {
                    case .meeting(let id): (series, rotation) = (id.rawValue, "")
                    case .slot(let id): (series, rotation) = ("", id.rawValue)
                    }
                    return [
                        reply.at.description, reply.originalDate.description, series, rotation, reply.business.rawValue,
                        reply.choice.rawValue, reply.note ?? "", reply.by.description,
                    ]
                })
    }

    /// Every line, or every bad line with its place.
    public static func read(_ bytes: [UInt8], file: String) -> Result<ReplyBook, PlanProblems> {
        func problem(_ id: PlanProblem.ID, _ line: Int, _ column: Int, _ message: String, _ expected: String)
            -> PlanProblem
        {
            PlanProblem(id: id, file: file, line: line, column: column, message: message, expected: expected)
        }
        guard let (text, _) = TextDecoding.decode(bytes), let reader = try? ExcelCSV.Reader(text),
            reader.header == columns
        else {
            return .failure(
                PlanProblems([
                    problem(
                        .csvColumns, 1, 1, "見出し行が違います / the header row is not \(columns.joined(separator: ","))",
                        columns.joined(separator: ","))
                ]))
        }
        var replies: [Reply] = []
        var problems: [PlanProblem] = []
        while let record = reader.next() {
            if record.isBlank { continue }
            let row = record.fields
            let line = record.line
            guard row.count == columns.count else {
                problems.append(
                    problem(
                        .csvSyntax, line, 1, "列の数が違います / expected \(columns.count) fields, found \(row.count)",
                        columns.joined(separator: ",")))
                continue
            }
            let at = moment(row[0])
            if at == nil {
                problems.append(
                    problem(
                        .badDate, line, 1, "日時「\(row[0])」を読めません / cannot read the time", "2026-12-01T19:04:05+09:00"))
            }
            let date = isoDate(row[1])
            if date == nil {
                problems.append(
                    problem(
                        .badDate, line, record.column(1), "日付「\(row[1])」を読めません / cannot read the date", "YYYY-MM-DD"))
            }
            let subject: ReplySubject? =
                row[2].isEmpty == row[3].isEmpty
                ? nil : row[2].isEmpty ? .slot(RotationID(row[3])) : .meeting(SeriesID(row[2]))
            if subject == nil {
                problems.append(
                    problem(
                        .badValue, line, record.column(2),
                        "seriesかrotationのどちらか一方を書きます / give a series or a rotation, not both",
                        "a series id, or a rotation id"))
            }
            let choice = ReplyChoice(label: row[5])
            if choice == nil {
                problems.append(
                    problem(
                        .badValue, line, record.column(5), "回答「\(row[5])」はありません / unknown answer",
                        ReplyChoice.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            let by = ReplySource(row[7])
            if by == nil {
                problems.append(
                    problem(
                        .badValue, line, record.column(7), "回答者「\(row[7])」を読めません / unknown source",
                        "page-r0 (the page at feed revision 0) or cli"))
            }
            if row[4].isEmpty {
                problems.append(
                    problem(.emptyValue, line, record.column(4), "事業所がありません / no business", "a business id"))
            }
            guard let at, let date, let subject, let choice, let by, !row[4].isEmpty else { continue }
            replies.append(
                Reply(
                    subject: subject, originalDate: date, business: BusinessID(row[4]), choice: choice,
                    note: row[6].isEmpty ? nil : row[6], at: at, by: by))
        }
        if let error = reader.error {
            problems.append(problem(.csvSyntax, error.line, 1, "CSVとして読めません / not CSV: \(error)", "RFC 4180 CSV"))
        }
        return problems.isEmpty ? .success(ReplyBook(replies)) : .failure(PlanProblems(problems))
    }

    /// `2026-12-01T19:04:05+09:00` (the offset must be Japan's).
    static func moment(_ text: String) -> LocalMoment? {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        let offset = UTCOffset.japan.description
        guard parts.count == 2, parts[1].hasSuffix(offset), let date = isoDate(String(parts[0])) else { return nil }
        let clock = parts[1].dropLast(offset.count).split(separator: ":").map { Int($0) }
        guard clock.count == 3, let hour = clock[0], let minute = clock[1], let second = clock[2] else { return nil }
        let time = ClockTime(hour: hour, minute: minute, second: second)
        return time.isValid ? LocalMoment(date, time) : nil
    }
}
