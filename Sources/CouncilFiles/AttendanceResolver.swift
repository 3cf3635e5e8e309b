import CSVParsing
import CouncilCore
import Foundation
import TextFormats

/// Turns one row of an attendance sheet into an entry of the council's record: the meeting by series and
/// day, the business by id or name, the answer by its wording; and, for a sheet (not the record), refuses a
/// meeting after today and a business the meeting was not announced to.
final class SheetContext {
    let years: CouncilYears
    let options: AttendanceSheet.Options?
    /// New answers are refused for meetings after today and for businesses not invited (walk-ins aside).
    let refusing: Bool
    let businesses: BusinessMatcher
    private let ownAnswers: [String: AttendanceStatus]
    /// The council's series, in its order.
    let seriesList: [MeetingSeries]
    /// Places in `seriesList` by id or exact title; `seriesByNormalisedTitle` is worked out only when a sheet
    /// names a series otherwise.
    private let seriesByText: [String: Int]
    private lazy var seriesByNormalisedTitle: [String: Int] = {
        var series: [String: Int] = [:]
        for place in seriesList.indices.reversed() { series[FormText.normalised(seriesList[place].title)] = place }
        return series
    }()
    private var meetingsByYear: [FiscalYear: (meetings: [Meeting], index: [SeriesDay: Int])] = [:]

    /// A meeting found by series and a day: the day it is held, or (not `held`) the day its rule gave it.
    private struct SeriesDay: Hashable {
        var series: SeriesID
        var date: CalendarDate
        var held: Bool
    }
    private(set) var notes: [String] = []
    private var noted: Set<String> = []

    init(years: CouncilYears, options: AttendanceSheet.Options?, refusing: Bool) {
        self.years = years
        self.options = options
        self.refusing = refusing
        let council = years.council
        businesses = BusinessMatcher(council.businesses)
        ownAnswers = FormText.ownAnswers(council)
        // By id or by title; an id wins over a title that happens to be the same text, and the first of two
        // equal titles wins.
        seriesList = council.series
        var series: [String: Int] = [:]
        series.reserveCapacity(seriesList.count * 2)
        for place in seriesList.indices.reversed() { series[seriesList[place].title] = place }
        for place in seriesList.indices.reversed() { series[seriesList[place].id.rawValue] = place }
        seriesByText = series
    }

    private func series(_ text: String) -> MeetingSeries? {
        seriesPlace(text).map { seriesList[$0] }
    }

    /// The place in `seriesList` of the series a text names.
    private func seriesPlace(_ text: String) -> Int? {
        if let exact = seriesByText[text] { return exact }
        let key = FormText.normalised(text)
        return seriesByText[key] ?? seriesByNormalisedTitle[key]
    }

    /// `--series` must name a series of the council.
    func checkGiven(_ options: AttendanceSheet.Options, problems: inout ProblemList) {
        guard let text = options.series, series(text) == nil else { return }
        let ids = years.council.series.map(\.id.rawValue)
        problems.add(
            .unknownSeries, line: 1, column: 1,
            "--series「\(text)」はありません / no series \"\(text)\".\(didYouMean(text, among: ids))",
            "a series id or title from council.yaml: \(ids.joined(separator: ", "))")
    }

    /// A complaint about a cell: what is wrong, in which column, and what was expected.
    typealias Complaint = (PlanProblem.ID, AttendanceSheet.Column, String, String) -> Void

    /// The entry of one row, or nil with its problems added.
    func resolve(_ row: SheetRow, problems: inout ProblemList) -> AttendanceEntry? {
        let found = problems.problems.count
        func bad(_ id: PlanProblem.ID, _ column: AttendanceSheet.Column, _ message: String, _ expected: String) {
            problems.add(id, line: row.line, column: row.place(column), message, expected)
        }
        let date = day(row.value(.date) ?? "", bad: bad)
        let meetingSeries = seriesOf(row.value(.series) ?? "", bad: bad)
        let business = business(row.value(.business) ?? "", bad: bad)
        let status = status(row.value(.status) ?? "", bad: bad)
        let count = count(row.value(.count) ?? "", bad: bad)
        let walkInCell = walkIn(row.value(.walkIn) ?? "", bad: bad)
        guard problems.problems.count == found, let date, let meetingSeries, let business, let status, let count,
            var walkIn = walkInCell
        else { return nil }
        guard let meeting = meeting(meetingSeries, on: date, bad: bad) else { return nil }
        if refusing {
            // New answers only for meetings that have been held, and only from businesses they were announced to.
            if meeting.date > years.today {
                bad(
                    .notYetHeld, .date,
                    "\(meeting.date)の「\(meetingSeries.title)」はまだ開かれていません(今日は\(years.today)) / the meeting has not been held yet",
                    "a meeting held on or before today (COUNCIL_TODAY or --today)")
                return nil
            }
            if !meeting.announcement.invited.contains(business.id) {
                if options?.walkIn == true {
                    walkIn = true
                } else {
                    bad(
                        .notInvited, .business,
                        "\(business.name)は\(meeting.date)の「\(meetingSeries.title)」に案内されていません / the business was not invited to that meeting",
                        "a business invited to the meeting, or --walk-in to record it as 飛び入り")
                    return nil
                }
            }
        }
        let note = row.value(.note)
        return AttendanceEntry(
            series: meetingSeries.id, originalDate: meeting.occurrence.originalDate, business: business.id,
            status: status, headCount: count, note: note?.isEmpty == false ? note : nil, walkIn: walkIn)
    }

    /// The entry of row `index` of the council's record read from its bytes, each cell's meaning found by
    /// `memo` (worked out once per distinct cell, by the functions `resolve` uses); nil for a row with
    /// anything `resolve` would complain of, which then goes through `resolve` to say what and where. A cell
    /// the row lacks reads as an empty one, as in `resolve`.
    func quickEntry(_ table: CSVRows, row index: Int, positions: [Int?], memo: inout CellMemo) -> AttendanceEntry? {
        guard options == nil else { return nil }
        // A cell that does not read is nil (and remembered so); what is wrong is said by `resolve`.
        func bad(_: PlanProblem.ID, _: AttendanceSheet.Column, _: String, _: String) {}
        func cell<Value>(_ column: AttendanceSheet.Column, _ body: (UnsafeRawBufferPointer) -> Value) -> Value {
            guard let position = positions[column.index], position < table.fieldCount(index) else {
                return body(UnsafeRawBufferPointer(start: nil, count: 0))
            }
            return table.withField(index, position, body)
        }
        let text = ExcelCSV.Reader.cell
        let date = cell(.date) { bytes in memo.dates.value(bytes) { day(text(bytes), bad: bad) } }
        // By place and id: a series or a business is not copied for every line.
        let place = cell(.series) { bytes in
            memo.series.value(bytes) {
                seriesOf(text(bytes), bad: bad).flatMap { found in seriesList.firstIndex { $0.id == found.id } }
            }
        }
        let business = cell(.business) { bytes in
            memo.businesses.value(bytes) { self.business(text(bytes), bad: bad)?.id }
        }
        let status = cell(.status) { bytes in memo.statuses.value(bytes) { self.status(text(bytes), bad: bad) } }
        let count = cell(.count) { bytes in memo.counts.value(bytes) { self.count(text(bytes), bad: bad) } }
        let walkIn = cell(.walkIn) { bytes in memo.walkIns.value(bytes) { self.walkIn(text(bytes), bad: bad) } }
        let note = cell(.note) { bytes in bytes.isEmpty ? "" : text(bytes) }
        guard let date, let place, let business, let status, let count, let walkIn else { return nil }
        let series = seriesList[place].id
        let originalDate: CalendarDate
        if let last = memo.meeting, last.series == place, last.date == date {
            originalDate = last.originalDate
        } else {
            guard let meeting = meeting(seriesList[place], on: date, bad: bad) else { return nil }
            originalDate = meeting.occurrence.originalDate
            memo.meeting = (place, date, originalDate)
        }
        return AttendanceEntry(
            series: series, originalDate: originalDate, business: business, status: status, headCount: count,
            note: note.isEmpty ? nil : note, walkIn: walkIn)
    }

    /// What each distinct cell of a record was read as (nil: something to complain of), and the last meeting found.
    struct CellMemo {
        var dates = ByteMemo<CalendarDate?>()
        /// The series by its place in the council's list.
        var series = ByteMemo<Int?>()
        var businesses = ByteMemo<BusinessID?>()
        var statuses = ByteMemo<AttendanceStatus?>()
        var counts = ByteMemo<Int??>()
        var walkIns = ByteMemo<Bool?>()
        var meeting: (series: Int, date: CalendarDate, originalDate: CalendarDate)?
    }

    /// The business a cell names, by id or name (or, in a sheet, as people type names).
    private func business(_ text: String, bad: Complaint) -> Business? {
        switch businesses.match(text) {
        case .found(let match, let readAs):
            if readAs, options != nil { note("「\(text)」を「\(match.name)」(\(match.id))として読みました / read as \(match.id)") }
            return match
        case .ambiguous(let candidates):
            bad(
                .ambiguousBusiness, .business,
                "事業所「\(text)」はどれか決められません: \(candidates.map { "\($0.name)(\($0.id))" }.joined(separator: "、")) / ambiguous business name",
                "one business's id or its name as in businesses.csv")
        case .none(let suggestion):
            bad(
                .unknownBusiness, .business, "事業所「\(text)」はありません / no business \"\(text)\".\(suggestion)",
                "an id or name from businesses.csv")
        }
        return nil
    }

    private func status(_ text: String, bad: Complaint) -> AttendanceStatus? {
        let status = FormText.status(text, own: ownAnswers)
        if status == nil {
            bad(
                text.isEmpty ? .emptyValue : .badValue, .status,
                text.isEmpty ? "出欠がありません / no answer" : "出欠「\(text)」を読めません / unknown answer",
                "出席, オンライン, 欠席 or 欠席連絡あり (and the wordings listed in docs/review.md, or attendance_answers in council.yaml)"
            )
        }
        return status
    }

    /// A head count (`2`, `２名`), nil for an empty cell.
    private func count(_ raw: String, bad: Complaint) -> Int?? {
        guard !raw.isEmpty else { return .some(nil) }
        let text = Int(raw) != nil ? raw : FormText.normalised(raw)
        let count = Int(text.hasSuffix("名") || text.hasSuffix("人") ? String(text.dropLast()) : text)
        guard let count, count >= 0 else {
            bad(.badNumber, .count, "人数「\(text)」は0以上の整数ではありません / count must be a whole number", "0, 1, 2 …")
            return nil
        }
        return .some(count)
    }

    private func walkIn(_ text: String, bad: Complaint) -> Bool? {
        guard !text.isEmpty else { return false }
        guard ["飛び入り", "walk-in", "true"].contains(text) else {
            bad(.badValue, .walkIn, "walk_in「\(text)」を読めません / unknown value", "飛び入り, or empty")
            return nil
        }
        return true
    }

    /// The day from the sheet's date column, or the one given for the whole sheet; both must agree.
    private func day(_ text: String, bad: Complaint) -> CalendarDate? {
        guard !text.isEmpty else {
            if let given = options?.date { return given }
            bad(
                .badDate, .date, "日付がありません / no date",
                "YYYY-MM-DD in the date column, or --date YYYY-MM-DD for the whole sheet")
            return nil
        }
        guard let date = FormText.date(text) else {
            bad(
                .badDate, .date, "日付「\(text)」を読めません / cannot read the date",
                "YYYY-MM-DD, YYYY/MM/DD, 2026年4月14日 or 令和8年4月14日")
            return nil
        }
        if let given = options?.date, given != date {
            bad(
                .badDate, .date, "日付\(date)が--date \(given)と違います / the date differs from --date",
                "the same day in the column as given with --date, or no --date")
            return nil
        }
        return date
    }

    private func seriesOf(_ text: String, bad: Complaint) -> MeetingSeries? {
        let given = options?.series.flatMap(series)
        guard !text.isEmpty else {
            if let given { return given }
            bad(
                .unknownSeries, .series, "会議体がありません / no series",
                "a series id or title, or --series ID for the whole sheet")
            return nil
        }
        guard let found = series(text) else {
            bad(
                .unknownSeries, .series,
                "会議体「\(text)」はありません / no series \"\(text)\".\(didYouMean(text, among: years.council.series.map(\.id.rawValue)))",
                "a series id or title from council.yaml")
            return nil
        }
        if let given, given.id != found.id {
            bad(
                .unknownSeries, .series, "会議体「\(text)」が--series \(given.id)と違います / the series differs from --series",
                "the same series in the column as given with --series, or no --series")
            return nil
        }
        return found
    }

    /// The meeting of `series` held on `date` (or named by its rule's date), not cancelled.
    private func meeting(_ series: MeetingSeries, on date: CalendarDate, bad: Complaint) -> Meeting? {
        // A meeting moved across the year's end is found from either side.
        let year = FiscalYear(containing: date)
        let found = [year, year.previous, FiscalYear(year.startYear + 1)].lazy.compactMap { fiscal -> Meeting? in
            let (meetings, index) = self.meetings(fiscal)
            return
                (index[SeriesDay(series: series.id, date: date, held: true)]
                ?? index[SeriesDay(series: series.id, date: date, held: false)]).map { meetings[$0] }
        }.first
        guard let meeting = found else {
            let nearby = (years.year(year).meetings + years.year(year.previous).meetings).filter {
                $0.series == series.id && $0.date.year == date.year && $0.date.month == date.month
            }.map(\.date.description)
            let given = nearby.isEmpty ? "\(date.month)月の開催はありません" : "\(date.month)月は\(nearby.joined(separator: "・"))です"
            bad(
                .badDate, .date,
                "\(date)に「\(series.title)」は開かれていません。今の規則「\(series.scheduleText)」では\(given) / no meeting of \(series.id) on \(date); the current rule gives \(nearby.isEmpty ? "none that month" : nearby.joined(separator: ", "))",
                "the day a meeting of the series was held (council schedule); a meeting published by council export before its rule changed keeps its date"
            )
            return nil
        }
        if meeting.occurrence.status == .cancelled {
            bad(
                .badDate, .date, "\(date)の「\(series.title)」は中止です / that meeting was cancelled",
                "a meeting that took place")
            return nil
        }
        return meeting
    }

    /// A year's meetings by series and the day held or the day the rule gave; the first meeting of a day wins.
    private func meetings(_ year: FiscalYear) -> (meetings: [Meeting], index: [SeriesDay: Int]) {
        if let known = meetingsByYear[year] { return known }
        let meetings = years.year(year).meetings
        var index: [SeriesDay: Int] = [:]
        index.reserveCapacity(meetings.count * 2)
        for (place, meeting) in meetings.enumerated().reversed() {
            index[SeriesDay(series: meeting.series, date: meeting.date, held: true)] = place
            index[SeriesDay(series: meeting.series, date: meeting.occurrence.originalDate, held: false)] = place
        }
        meetingsByYear[year] = (meetings, index)
        return (meetings, index)
    }

    private func note(_ text: String) {
        if noted.insert(text).inserted { notes.append(text) }
    }
}

/// A business by id, by its name, or by its name as people type it. The names as people type them are worked
/// out on the first name that is not exact: the council's record, read for every year, never needs them.
final class BusinessMatcher {
    enum Match {
        /// `readAs` when the text was not the id or the name exactly.
        case found(Business, readAs: Bool)
        case ambiguous([Business])
        case none(suggestion: String)
    }

    /// Places in `businesses` by id; by name (worked out the first time a text is not an id: the record names
    /// businesses by id).
    private let byID: [String: Int]
    private lazy var byName: [String: Int] = {
        var byName: [String: Int] = [:]
        for place in businesses.indices.reversed() { byName[businesses[place].name] = place }
        return byName
    }()
    private let businesses: [Business]
    private lazy var all: [(key: String, business: Business)] = businesses.map { (FormText.businessKey($0.name), $0) }
    private lazy var byKey: [String: [Business]] = Dictionary(grouping: all, by: \.key).mapValues { $0.map(\.business) }

    init(_ businesses: [Business]) {
        var byID: [String: Int] = [:]
        byID.reserveCapacity(businesses.count)
        for place in businesses.indices.reversed() { byID[businesses[place].id.rawValue] = place }
        self.byID = byID
        self.businesses = businesses
    }

    /// Exactly an id or name (an id wins over a name that is the same text); else the same name without spaces
    /// and corporate designations; else the one roster name the text holds (「㈱髙橋ケア 扇相談支援事業所」 holds
    /// 扇相談支援事業所).
    func match(_ text: String) -> Match {
        if let exact = byID[text] ?? byName[text] { return .found(businesses[exact], readAs: false) }
        let key = FormText.businessKey(text)
        guard !key.isEmpty else { return .none(suggestion: "") }
        if let same = byKey[key] {
            return same.count == 1 ? .found(same[0], readAs: true) : .ambiguous(same)
        }
        let holding = all.filter { $0.key.count >= 3 && key.contains($0.key) }.map(\.business)
        if holding.count == 1 { return .found(holding[0], readAs: true) }
        if holding.count > 1 { return .ambiguous(holding) }
        let names = all.map(\.key)
        guard let nearest = closestMatch(to: key, in: names),
            let business = all.first(where: { $0.key == nearest })?.business
        else { return .none(suggestion: "") }
        return .none(suggestion: " 「\(business.name)」(\(business.id))ではありませんか? did you mean \"\(business.id)\"?")
    }
}

/// Text as forms and people write it, read one way.
enum FormText {
    /// NFKC (full-width letters and brackets become ASCII, half-width kana full-width), lower case, no spaces.
    static func normalised(_ text: String) -> String {
        String(
            text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars.filter {
                !$0.properties.isWhitespace
            })
    }

    /// Corporate designations that people add to or leave off a business's name.
    static let designations = [
        "特定非営利活動法人", "社会福祉法人", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "株式会社", "有限会社", "合同会社", "医療法人", "npo法人",
        "(株)", "(有)", "(福)", "(社福)", "(特非)", "(一社)", "(一財)", "(同)", "(医)",
    ]

    /// A business's name for matching: normalised, without corporate designations.
    static func businessKey(_ text: String) -> String {
        var key = normalised(text)
        for designation in designations { key = key.replacingOccurrences(of: designation, with: "") }
        return key
    }

    /// 出席 … and present …, exactly as the record writes them.
    static let labels: [String: AttendanceStatus] = Dictionary(
        uniqueKeysWithValues: AttendanceStatus.allCases.flatMap { [($0.rawValue, $0), ($0.identifier, $0)] })

    /// The built-in wordings of each answer, as forms offer them.
    static let answers: [String: AttendanceStatus] = {
        let words: [(AttendanceStatus, [String])] = [
            (
                .present,
                [
                    "出席", "参加", "会場で参加", "会場参加", "出席(会場)", "参加(会場)", "会場", "対面", "対面で参加", "対面参加", "来場", "出席します",
                    "参加します", "present", "attend", "in person",
                ]
            ),
            (
                .online,
                [
                    "オンライン", "オンラインで参加", "オンライン参加", "出席(オンライン)", "参加(オンライン)", "zoom", "zoomで参加", "web参加", "web",
                    "ウェブ参加", "teams", "リモート", "リモート参加", "online",
                ]
            ),
            (.absent, ["欠席", "欠席します", "不参加", "欠席(連絡なし)", "absent"]),
            (.excused, ["欠席連絡あり", "欠席(連絡あり)", "欠席連絡済み", "欠席(連絡済み)", "欠席(連絡済)", "欠席(事前連絡あり)", "excused"]),
        ]
        var table: [String: AttendanceStatus] = [:]
        for (status, list) in words { for word in list { table[normalised(word)] = status } }
        return table
    }()

    /// The answer a wording means: the council's own wording first (`own`, by `normalised` wording), then
    /// the built-in ones.
    static func status(_ text: String, own: [String: AttendanceStatus]) -> AttendanceStatus? {
        // The record's own labels, as written: every line of every year is read through here.
        if own.isEmpty, let status = labels[text] { return status }
        let key = normalised(text)
        guard !key.isEmpty else { return nil }
        return own[key] ?? answers[key] ?? AttendanceStatus(label: text)
    }

    /// The council's own wordings by `normalised` wording, worked out once per sheet.
    static func ownAnswers(_ council: Council) -> [String: AttendanceStatus] {
        Dictionary(council.answerWords.map { (normalised($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// `2026-04-14`, `2026/4/14`, `2026年4月14日`, `令和8年4月14日`, each possibly followed by a weekday
    /// `(火)` or a time.
    static func date(_ text: String) -> CalendarDate? {
        if let date = isoDate(text) { return date }
        let token =
            text.precomposedStringWithCompatibilityMapping.trimmingSpaces.split(separator: " ").first.map(String.init)
            ?? ""
        let day = String(token.prefix { $0 != "(" })
        return isoDate(day) ?? CalendarDate(japanese: day)
    }

    /// A form's timestamp as numbers to compare (year, month, day, hour, minute, second): Google Forms
    /// `2026/04/14 13:05:12`, LoGoフォーム `2026-04-14 13:05`, Microsoft Forms `4/14/26 13:05:12`, 午後/PM.
    static func timestamp(_ text: String) -> [Int]? {
        let groups = text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        let digits = text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).map(\.count)
        guard groups.count >= 3 else { return nil }
        var parts: [Int]
        if digits[0] == 4 {
            parts = groups
        } else if digits[2] == 4 || digits[2] == 2 {
            parts = [digits[2] == 2 ? 2000 + groups[2] : groups[2], groups[0], groups[1]] + groups.dropFirst(3)
        } else {
            return nil
        }
        parts = Array((parts + [0, 0, 0]).prefix(6))
        if (text.contains("午後") || text.uppercased().contains("PM")) && parts[3] < 12 { parts[3] += 12 }
        return parts
    }
}
