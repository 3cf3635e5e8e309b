import CouncilCore
import Foundation
import TextFormats

/// `published-<year>.csv`: the meetings of a fiscal year as `council export` (or `council serve`) last
/// published them, one row per meeting, kept in the plan folder under git.
///
/// ```csv
/// series,slot,date,start,end,status,note,title,kind,venue,online,invited,notice
/// renrakukai,2026-08-11,2026-08-12,14:00,16:00,変更,山の日のため翌営業日に変更,相談支援事業所等連絡会議,連絡会,青葉区役所 4階 第1会議室,,hirose;kunimi,"【日程変更】…"
/// ```
/// `slot` is the meeting's identity (the date its rule gave it when first published), `date` the day it is
/// held; `status` 予定 / 変更 / 中止; `invited` the invited businesses' ids, separated by `;`; `notice` the text
/// subscribers read. A row whose date has passed is history: nothing the tool does changes it, and it is read
/// back as it stands, whatever the plan says now. Written as UTF-8 with a BOM, like every CSV here.
public enum PublishedScheduleFile {
    static let header = [
        "series", "slot", "date", "start", "end", "status", "note", "title", "kind", "venue", "online", "invited",
        "notice",
    ]
    /// Columns after `notice`, each written only when some meeting has a value for it, so that files without stay
    /// as they were: `remind` (minutes before the start a meeting reminds subscribers) and `moved_from` (the day
    /// subscribers had before a meeting's move, when that was not the day its rule gave it), `issue` (2 or more for a
    /// meeting given again under the identity of one withdrawn whose day had passed) and `withdrawn` (the day a
    /// meeting published for a day to come was withdrawn from the plan; such a row is remembered, not held).
    static let optionalColumns = ["remind", "moved_from", "issue", "withdrawn"]

    public static func fileName(_ year: FiscalYear) -> String { "published-\(year.startYear).csv" }

    static let statusLabels: [Occurrence.Status: String] = [.scheduled: "予定", .moved: "変更", .cancelled: "中止"]
    /// 予定 / 変更 / 中止, and scheduled / moved / cancelled, to the status.
    static let statuses: [String: Occurrence.Status] = Dictionary(
        uniqueKeysWithValues: statusLabels.flatMap { [($0.value, $0.key), ($0.key.rawValue, $0.key)] })
    static let kinds: [String: MeetingKind] = Dictionary(
        uniqueKeysWithValues: MeetingKind.allCases.flatMap { [($0.rawValue, $0), ($0.identifier, $0)] })

    public static func bytes(_ schedule: PublishedSchedule) -> [UInt8] {
        typealias Row = (meeting: Meeting, withdrawn: CalendarDate?)
        let rows: [Row] =
            schedule.withdrawn.isEmpty
            ? schedule.meetings.map { ($0, nil) }
            : (schedule.meetings.map { ($0, nil) } + schedule.withdrawn.map { ($0.meeting, $0.on) }).sorted {
                $0.meeting < $1.meeting
            }
        let written: [(name: String, value: (Row) -> String?)] = [
            ("remind", { $0.meeting.announcement.remindMinutes.map(String.init) }),
            ("moved_from", { $0.meeting.occurrence.formerDate?.description }),
            ("issue", { $0.meeting.occurrence.issue > 1 ? String($0.meeting.occurrence.issue) : nil }),
            ("withdrawn", { $0.withdrawn?.description }),
        ].filter { column in rows.contains { column.value($0) != nil } }
        return ExcelCSV.bytes(
            [header + written.map(\.name)]
                + rows.map { row in
                    let meeting = row.meeting
                    let occurrence = meeting.occurrence
                    let announcement = meeting.announcement
                    return [
                        occurrence.series.rawValue, occurrence.originalDate.description, occurrence.date.description,
                        occurrence.time?.start.description ?? "", occurrence.time?.end.description ?? "",
                        statusLabels[occurrence.status] ?? occurrence.status.rawValue, occurrence.note ?? "",
                        announcement.title, announcement.kind.rawValue, announcement.venue ?? "",
                        announcement.onlineURL ?? "",
                        announcement.invited.map(\.rawValue).joined(separator: ";"), announcement.notice,
                    ] + written.map { $0.value(row) ?? "" }
                })
    }

    /// Whether a header row is one `bytes` writes: the columns, then optional ones in their order.
    static func isHeader(_ row: [String]) -> Bool {
        guard row.count >= header.count, Array(row.prefix(header.count)) == header else { return false }
        var rest = optionalColumns[...]
        for name in row.dropFirst(header.count) {
            guard let place = rest.firstIndex(of: name) else { return false }
            rest = rest[(place + 1)...]
        }
        return true
    }

    /// Reads a published schedule; `lines` gives the line each meeting starts on.
    public static func read(_ text: String, file: String, year: FiscalYear) -> (
        schedule: PublishedSchedule?, lines: [MeetingKey: Int], problems: [PlanProblem]
    ) {
        guard let reader = try? ExcelCSV.Reader(text), isHeader(reader.header) else {
            return (
                nil, [:],
                [
                    PlanProblem(
                        id: .csvColumns, file: file, line: 1, column: 1,
                        message: "見出し行が違います / the header row is not as written by council export",
                        expected: header.joined(separator: ","))
                ]
            )
        }
        var problems = ProblemList(file: file)
        var meetings: [Meeting] = []
        var withdrawn: [PublishedSchedule.Withdrawn] = []
        var lines: [MeetingKey: Int] = [:]
        var withdrawnLines: [WithdrawnKey: Int] = [:]
        while let record = reader.next() {
            if record.isBlank { continue }
            guard record.fields.count == reader.header.count else {
                problems.add(
                    .csvSyntax, line: record.line, column: 1, "列の数が違います / \(record.fields.count) fields",
                    "\(reader.header.count) fields")
                continue
            }
            guard
                let (key, meeting, withdrawnOn) = self.meeting(
                    in: record, columns: reader.header, year: year, problems: &problems)
            else { continue }
            if let withdrawnOn {
                let key = WithdrawnKey(meeting: key, issue: meeting.occurrence.issue)
                if let first = withdrawnLines[key] {
                    problems.add(
                        .duplicateID, line: record.line, column: 1,
                        "\(key.meeting.series) \(key.meeting.originalDate) の取り下げの行が2つあります(最初は\(first)行目) / the same withdrawn meeting twice",
                        "one row per meeting")
                    continue
                }
                withdrawnLines[key] = record.line
                withdrawn.append(PublishedSchedule.Withdrawn(meeting: meeting, on: withdrawnOn))
                continue
            }
            if let first = lines[key] {
                problems.add(
                    .duplicateID, line: record.line, column: 1,
                    "\(key.series) \(key.originalDate) の行が2つあります(最初は\(first)行目) / the same meeting twice",
                    "one row per meeting")
                continue
            }
            lines[key] = record.line
            meetings.append(meeting)
        }
        // A meeting is either held or withdrawn, never both under one issue.
        for meeting in meetings {
            let key = WithdrawnKey(meeting: MeetingKey(meeting.occurrence), issue: meeting.occurrence.issue)
            guard let line = withdrawnLines[key] else { continue }
            problems.add(
                .duplicateID, line: line, column: 1,
                "\(key.meeting.series) \(key.meeting.originalDate) は取り下げの行と開催の行の両方があります(開催は\(lines[key.meeting] ?? 0)行目) / the same meeting both withdrawn and held",
                "one row per meeting")
        }
        if let error = reader.error {
            problems.add(
                .csvSyntax, line: reader.line, column: 1, "CSVの途中で読めなくなりました / CSV stopped being readable: \(error)",
                "well-formed CSV (quotes closed)")
        }
        return (
            problems.isEmpty ? PublishedSchedule(year: year, meetings: meetings, withdrawn: withdrawn) : nil, lines,
            problems.problems
        )
    }

    private struct WithdrawnKey: Hashable {
        var meeting: MeetingKey
        var issue: Int
    }

    /// One row's meeting, or nil with every mistake of the row in `problems`.
    private static func meeting(
        in record: ExcelCSV.Reader.Row, columns: [String], year: FiscalYear, problems: inout ProblemList
    ) -> (MeetingKey, Meeting, withdrawn: CalendarDate?)? {
        let row = record.fields
        let found = problems.problems.count
        func bad(_ id: PlanProblem.ID, _ index: Int, _ message: String, _ expected: String) {
            problems.add(id, line: record.line, column: record.column(index), message, expected)
        }
        /// An optional column's place in this file's rows, when it has the column and a value there.
        func optional(_ name: String) -> Int? {
            columns.firstIndex(of: name).flatMap { row[$0].isEmpty ? nil : $0 }
        }
        var remind: Int?
        if let index = optional("remind") {
            remind = Int(row[index])
            if remind == nil || remind! < 0 {
                bad(
                    .badNumber, index, "remind「\(row[index])」は0以上の整数(分)ではありません / remind must be minutes",
                    "0, 60, 1440 …")
            }
        }
        var formerDate: CalendarDate?
        if let index = optional("moved_from") {
            formerDate = isoDate(row[index])
            if formerDate == nil {
                bad(.badDate, index, "日付「\(row[index])」を読めません / cannot read the date", "YYYY-MM-DD")
            }
        }
        var issue = 1
        if let index = optional("issue") {
            issue = Int(row[index]) ?? 0
            if issue < 2 {
                bad(.badNumber, index, "issue「\(row[index])」は2以上の整数ではありません / issue must be 2 or more", "2, 3 …")
            }
        }
        var withdrawn: CalendarDate?
        if let index = optional("withdrawn") {
            withdrawn = isoDate(row[index])
            if withdrawn == nil {
                bad(.badDate, index, "日付「\(row[index])」を読めません / cannot read the date", "YYYY-MM-DD")
            }
        }
        let series = row[0]
        if !isIdentifier(series) {
            bad(.badID, 0, "会議体のid「\(series)」を読めません / not a series id", "a series id (a–z, 0–9, '-', '_')")
        }
        let slot = isoDate(row[1])
        let date = isoDate(row[2])
        if slot == nil { bad(.badDate, 1, "日付「\(row[1])」を読めません / cannot read the date", "YYYY-MM-DD") }
        if let slot, !year.contains(slot) {
            bad(
                .badDate, 1, "\(slot)は\(year.japaneseName)の日ではありません / not a day of fiscal \(year.startYear)",
                "a date from \(year.firstDay) to \(year.lastDay)")
        }
        if date == nil { bad(.badDate, 2, "日付「\(row[2])」を読めません / cannot read the date", "YYYY-MM-DD") }
        var time: TimeRange?
        if !row[3].isEmpty || !row[4].isEmpty {
            if let start = clockTime(row[3]), let end = clockTime(row[4]), start < end {
                time = TimeRange(start: start, end: end)
            } else {
                bad(
                    .badTime, 3, "時間を読めません / cannot read the times",
                    "HH:MM in start and end, the end after the start, or both empty")
            }
        }
        let status = statuses[row[5]]
        if status == nil { bad(.badValue, 5, "状態「\(row[5])」はありません / unknown status", "予定, 変更 or 中止") }
        if row[7].isEmpty { bad(.emptyValue, 7, "会議名がありません / the title is empty", "the meeting's title") }
        let kind = kinds[row[8]]
        if kind == nil {
            bad(
                .unknownKind, 8, "種別「\(row[8])」はありません / unknown meeting kind",
                MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard problems.problems.count == found, let slot, let date, let status, let kind else { return nil }
        let key = MeetingKey(series: SeriesID(series), originalDate: slot)
        let occurrence = Occurrence(
            series: key.series, originalDate: slot, date: date, time: time, status: status,
            note: row[6].isEmpty ? nil : row[6], formerDate: formerDate, issue: issue)
        let invited = Self.ids(row[11])
        let announcement = MeetingAnnouncement(
            title: row[7], kind: kind, venue: row[9].isEmpty ? nil : row[9], onlineURL: row[10].isEmpty ? nil : row[10],
            notice: row[12], invited: invited, remindMinutes: remind)
        return (key, Meeting(occurrence: occurrence, announcement: announcement), withdrawn)
    }
}

extension PublishedScheduleFile {
    /// `kita;minami`: the ids as written, spaces around each trimmed; split by bytes when the text is ASCII (as
    /// ids are), by characters otherwise.
    static func ids(_ text: String) -> [BusinessID] {
        func id(_ part: String) -> BusinessID {
            BusinessID(part.first == " " || part.last == " " ? part.trimmingSpaces : part)
        }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(separator: ";").map { id(String($0)) } }
        let space = UInt8(ascii: " ")
        return text.utf8.split(separator: UInt8(ascii: ";")).map { part in
            let id = String(decoding: part, as: UTF8.self)
            return BusinessID(part.first == space || part.last == space ? id.trimmingSpaces : id)
        }
    }
}

extension PlanDirectory {
    /// `lint`'s warnings about council.yaml itself (a 区職員 lead with no section), read again for their places.
    public static func councilWarnings(_ folder: String) -> [PlanProblem] {
        let path = "\(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)/\(councilFileName)"
        guard let data = FileManager.default.contents(atPath: path), let (text, _) = TextDecoding.decode(Array(data))
        else { return [] }
        let reader = YAMLReader(file: path)
        _ = CouncilFile.read(text, reader: reader, directoryName: folderName(of: folder), expander: nil)
        return reader.warnings
    }

    /// `lint`'s warnings about what the year's rules do (two meetings of a series on one day, one moved outside the
    /// year), each at the series' `id:` line in council.yaml.
    public static func scheduleWarnings(_ folder: String, for year: CouncilYear) -> [PlanProblem] {
        guard !year.scheduleWarnings.isEmpty else { return [] }
        let path = "\(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)/\(councilFileName)"
        let lines = (FileManager.default.contents(atPath: path).flatMap { TextDecoding.decode(Array($0))?.0 } ?? "")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return year.scheduleWarnings.map { warning in
            let line =
                lines.firstIndex {
                    $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "")
                        == "id: \(warning.series)"
                }.map { $0 + 1 } ?? 1
            let id: PlanProblem.ID
            switch warning {
            case .sameDay: id = .sameDay
            case .outsideYear: id = .outsideYear
            case .unusableSpareDay: id = .unusableSpareDay
            }
            return PlanProblem(
                id: id, file: path, line: line, column: 1, message: warning.description, expected: nil,
                severity: .warning)
        }
    }

    /// `lint`'s warnings for what the plan would change before `year.today`, each at the row of
    /// `published-<year>.csv` that keeps the meeting as published; and for meetings from today on whose day
    /// depends on an equinox day not yet official.
    public static func pastWarnings(_ folder: String, for year: CouncilYear) -> [PlanProblem] {
        let path =
            "\(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)/\(PublishedScheduleFile.fileName(year.year))"
        let provisional = provisionalDays(year)
        guard !year.pastChanges.isEmpty || !provisional.isEmpty else { return [] }
        let text = FileManager.default.contents(atPath: path).flatMap { TextDecoding.decode(Array($0))?.0 } ?? ""
        let lines = PublishedScheduleFile.read(text, file: path, year: year.year).lines
        let councilPath = "\(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)/\(councilFileName)"
        let doubtful = provisional.map { meeting, holiday -> PlanProblem in
            let row = lines[MeetingKey(meeting.occurrence)]
            return PlanProblem(
                id: .provisionalHoliday, file: row == nil ? councilPath : path, line: row ?? 1, column: 1,
                message:
                    "「\(meeting.announcement.title)」\(meeting.date.japaneseDescription)の日は\(holiday.date.japaneseDescription)の\(holiday.name)によります。この日はまだ暫定です(暦要項は\(holiday.date.year - 1)年2月に公表) / the meeting's day depends on \(holiday.name) \(holiday.date), which is provisional until the 暦要項 of February \(holiday.date.year - 1)",
                expected: nil, severity: .warning)
        }
        return year.pastChanges.map { change in
            var line = 1
            if let published = change.published {
                line = lines[MeetingKey(published.occurrence)] ?? 1
            } else if case .neverPublished(let now) = change.kind {
                // Beside the published meeting of that series and month, if there is one.
                let month = lines.filter {
                    $0.key.series == change.series && $0.key.originalDate.year == now.date.year
                        && $0.key.originalDate.month == now.date.month
                }
                line = month.values.min() ?? 1
            }
            return PlanProblem(
                id: .pastKept, file: path, line: line, column: 1, message: change.description, expected: nil,
                severity: .warning)
        } + doubtful
    }

    /// Meetings from today on whose day, or a day between the rule's date and it, is a holiday not yet official.
    static func provisionalDays(_ year: CouncilYear) -> [(Meeting, Holiday)] {
        year.meetings.compactMap { meeting in
            let occurrence = meeting.occurrence
            guard occurrence.date >= year.today else { return nil }
            var day = min(occurrence.date, occurrence.originalDate)
            let last = max(occurrence.date, occurrence.originalDate)
            while day <= last {
                if let holiday = JapaneseHolidays.holiday(on: day), holiday.isProvisional(asOf: year.today) {
                    return (meeting, holiday)
                }
                day = day.adding(days: 1)
            }
            return nil
        }
    }
}
