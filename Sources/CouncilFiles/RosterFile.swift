import CouncilCore
import TextFormats

/// `businesses.csv`: the roster of businesses (事業所), one per row, as Excel saves it.
struct RosterFile {
    /// Column names: English identifiers or the Japanese headings a secretariat would type.
    static let columns: [(key: String, japanese: String)] = [
        ("id", "ID"), ("name", "事業所名"), ("kind", "種別"), ("opened_on", "開設日"), ("staff", "職員数"), ("contact", "連絡先"),
        ("feed_revision", "配信リビジョン"), ("closed_on", "廃止日"), ("address", "所在地"),
    ]
    static let requiredColumns = ["id", "name", "kind"]

    var businesses: [Business]

    /// `kinds` are the council's own kinds (`business_kinds:`), accepted in the kind column beside the built-in ones.
    static func read(_ text: String, file: String, kinds: [String: BusinessKind] = [:]) -> (RosterFile?, [PlanProblem]) {
        var problems: [PlanProblem] = []
        func report(_ id: PlanProblem.ID, _ line: Int, _ column: Int, _ message: String, _ expected: String?) {
            problems.append(PlanProblem(id: id, file: file, line: line, column: column, message: message, expected: expected))
        }
        let reader: ExcelCSV.Reader
        do {
            reader = try ExcelCSV.Reader(text)
        } catch {
            report(.csvSyntax, 1, 1, "CSVとして読めません / not readable as CSV: \(error)", "comma-separated values with a header row")
            return (nil, problems)
        }
        let header = reader.header
        var index: [String: Int] = [:]
        var headerColumn = 1
        for (position, name) in header.enumerated() {
            if let known = columns.first(where: { $0.key == name || $0.japanese == name }) {
                index[known.key] = position
            } else {
                let hint = didYouMean(name, among: columns.flatMap { [$0.key, $0.japanese] })
                report(.csvColumns, 1, headerColumn, "列「\(name)」は使えません / unknown column \"\(name)\".\(hint)", columns.map(\.key).joined(separator: ", "))
            }
            headerColumn += name.count + 1
        }
        for required in requiredColumns where index[required] == nil {
            report(.csvColumns, 1, 1, "列「\(required)」がありません / missing column \"\(required)\"", "a header row with \(columns.map(\.key).joined(separator: ","))")
        }
        guard problems.isEmpty else { return (nil, problems) }

        var businesses: [Business] = []
        var firstLine: [BusinessID: Int] = [:]
        while let record = reader.next() {
            let row = record.fields, line = record.line
            if record.isBlank { continue }
            func field(_ key: String) -> (value: String, column: Int)? {
                guard let position = index[key], position < row.count else { return nil }
                return (row[position], record.column(position))
            }
            guard row.count == header.count else {
                report(.csvSyntax, line, 1, "列の数が見出しと違います / \(row.count) fields where the header has \(header.count)", "\(header.count) fields separated by commas")
                continue
            }
            var rowOK = true
            let id = field("id").flatMap { value, column -> BusinessID? in
                guard isIdentifier(value) else {
                    report(.badID, line, column, "ID「\(value)」は使えません / invalid business id", "lower-case letters a–z, digits, '-' and '_'")
                    return nil
                }
                return BusinessID(value)
            }
            let name = field("name").flatMap { value, column -> String? in
                guard !value.isEmpty else {
                    report(.emptyValue, line, column, "事業所名が空です / the name is empty", "the business's name")
                    return nil
                }
                return value
            }
            var kindLabel: String?
            let kind = field("kind").flatMap { value, column -> BusinessKind? in
                if let kind = BusinessKind(label: value) { return kind }
                if let kind = kinds[value] {
                    kindLabel = value
                    return kind
                }
                report(.unknownKind, line, column, "種別「\(value)」はありません / unknown business kind", (BusinessKind.allCases.map(\.rawValue) + kinds.keys.sorted()).joined(separator: ", ") + " (or declare it in business_kinds of council.yaml)")
                return nil
            }
            var openedOn: CalendarDate?
            if let (value, column) = field("opened_on"), !value.isEmpty {
                openedOn = calendarDate(value)
                if openedOn == nil {
                    report(.badDate, line, column, "開設日「\(value)」を読めません / cannot read the date", "YYYY-MM-DD, e.g. 2025-10-01")
                    rowOK = false
                }
            }
            var closedOn: CalendarDate?
            if let (value, column) = field("closed_on"), !value.isEmpty {
                closedOn = calendarDate(value)
                if closedOn == nil {
                    report(.badDate, line, column, "廃止日「\(value)」を読めません / cannot read the date", "YYYY-MM-DD, e.g. 2027-01-01")
                    rowOK = false
                } else if let closedOn, let openedOn, closedOn <= openedOn {
                    report(.badDate, line, column, "廃止日\(closedOn)が開設日\(openedOn)より前です / closed_on is not after opened_on", "a day after opened_on")
                    rowOK = false
                }
            }
            var staff: Int?
            if let (value, column) = field("staff"), !value.isEmpty {
                staff = Int(value)
                if staff == nil || staff! < 1 {
                    report(.badNumber, line, column, "職員数「\(value)」は1以上の整数ではありません / staff must be a whole number of 1 or more", "1, 2, 3 …")
                    rowOK = false
                }
            }
            let contact = field("contact").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
            let address = field("address").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
            var revision = 0
            if let (value, column) = field("feed_revision"), !value.isEmpty {
                if let number = Int(value), number >= 0 { revision = number } else {
                    report(.badNumber, line, column, "配信リビジョン「\(value)」は0以上の整数ではありません / feed_revision must be a whole number", "0, 1, 2 …")
                    rowOK = false
                }
            }
            guard let id, let name, let kind, rowOK else { continue }
            if let first = firstLine[id] {
                report(.duplicateID, line, 1, "ID「\(id)」が重複しています / duplicate business id (first on line \(first))", "a different id for each business")
                continue
            }
            firstLine[id] = line
            var business = Business(id: id, name: name, kind: kind, openedOn: openedOn, closedOn: closedOn, staffCount: staff, contact: contact, address: address, feedRevision: revision)
            business.kindLabel = kindLabel
            businesses.append(business)
        }
        if let error = reader.error {
            report(.csvSyntax, reader.line, 1, "CSVの途中で読めなくなりました / CSV stopped being readable: \(error)", "well-formed CSV (quotes closed)")
        }
        return (problems.isEmpty ? RosterFile(businesses: businesses) : nil, problems)
    }
}

/// `2025-10-01` or `2025/10/01`, only for days that exist.
func calendarDate(_ text: String) -> CalendarDate? {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
    guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
    return CalendarDate(validYear: year, month: month, day: day)
}
