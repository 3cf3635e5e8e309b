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
    static func read(_ text: String, file: String, kinds: [String: BusinessKind] = [:]) -> (RosterFile?, [PlanProblem])
    {
        var problems = ProblemList(file: file)
        let reader: ExcelCSV.Reader
        do {
            reader = try ExcelCSV.Reader(text)
        } catch {
            problems.add(
                .csvSyntax, line: 1, column: 1, "CSVとして読めません / not readable as CSV: \(error)",
                "comma-separated values with a header row")
            return (nil, problems.problems)
        }
        let index = columnIndex(of: reader.header, problems: &problems)
        guard problems.problems.isEmpty else { return (nil, problems.problems) }
        var businesses: [Business] = []
        var firstLine: [BusinessID: Int] = [:]
        while let record = reader.next() {
            if record.isBlank { continue }
            guard record.fields.count == reader.header.count else {
                problems.add(
                    .csvSyntax, line: record.line, column: 1,
                    "列の数が見出しと違います / \(record.fields.count) fields where the header has \(reader.header.count)",
                    "\(reader.header.count) fields separated by commas")
                continue
            }
            guard let business = Row(record: record, index: index).business(kinds: kinds, problems: &problems) else {
                continue
            }
            if let first = firstLine[business.id] {
                problems.add(
                    .duplicateID, line: record.line, column: 1,
                    "ID「\(business.id)」が重複しています / duplicate business id (first on line \(first))",
                    "a different id for each business")
                continue
            }
            firstLine[business.id] = record.line
            businesses.append(business)
        }
        if let error = reader.error {
            problems.add(
                .csvSyntax, line: reader.line, column: 1, "CSVの途中で読めなくなりました / CSV stopped being readable: \(error)",
                "well-formed CSV (quotes closed)")
        }
        return (problems.problems.isEmpty ? RosterFile(businesses: businesses) : nil, problems.problems)
    }

    /// Where each known column is; unknown and missing columns are problems.
    private static func columnIndex(of header: [String], problems: inout ProblemList) -> [String: Int] {
        var index: [String: Int] = [:]
        var headerColumn = 1
        for (position, name) in header.enumerated() {
            if let known = columns.first(where: { $0.key == name || $0.japanese == name }) {
                index[known.key] = position
            } else {
                let hint = didYouMean(name, among: columns.flatMap { [$0.key, $0.japanese] })
                problems.add(
                    .csvColumns, line: 1, column: headerColumn, "列「\(name)」は使えません / unknown column \"\(name)\".\(hint)",
                    columns.map(\.key).joined(separator: ", "))
            }
            headerColumn += name.count + 1
        }
        for required in requiredColumns where index[required] == nil {
            problems.add(
                .csvColumns, line: 1, column: 1, "列「\(required)」がありません / missing column \"\(required)\"",
                "a header row with \(columns.map(\.key).joined(separator: ","))")
        }
        return index
    }

    /// One business's row.
    private struct Row {
        let record: ExcelCSV.Reader.Row
        let index: [String: Int]

        /// The value in column `key` and where it is; nil where the roster has no such column.
        func field(_ key: String) -> (value: String, column: Int)? {
            guard let position = index[key], position < record.fields.count else { return nil }
            return (record.fields[position], record.column(position))
        }

        /// A field that may be left empty.
        func optional(_ key: String) -> (value: String, column: Int)? {
            field(key).flatMap { $0.value.isEmpty ? nil : $0 }
        }

        /// The business, or nil with every mistake of the row in `problems`.
        func business(kinds: [String: BusinessKind], problems: inout ProblemList) -> Business? {
            let line = record.line
            let before = problems.problems.count
            let id = field("id").flatMap { value, column -> BusinessID? in
                if isIdentifier(value) { return BusinessID(value) }
                problems.add(
                    .badID, line: line, column: column, "ID「\(value)」は使えません / invalid business id",
                    "lower-case letters a–z, digits, '-' and '_'")
                return nil
            }
            let name = field("name").flatMap { value, column -> String? in
                if !value.isEmpty { return value }
                problems.add(
                    .emptyValue, line: line, column: column, "事業所名が空です / the name is empty", "the business's name")
                return nil
            }
            let kind = field("kind").flatMap { value, column -> (BusinessKind, label: String?)? in
                if let kind = BusinessKind(label: value) { return (kind, nil) }
                if let kind = kinds[value] { return (kind, value) }
                problems.add(
                    .unknownKind, line: line, column: column, "種別「\(value)」はありません / unknown business kind",
                    (BusinessKind.allCases.map(\.rawValue) + kinds.keys.sorted()).joined(separator: ", ")
                        + " (or declare it in business_kinds of council.yaml)")
                return nil
            }
            let (openedOn, closedOn) = days(problems: &problems)
            let staff = number(
                "staff", atLeast: 1, problems: &problems,
                "職員数「%@」は1以上の整数ではありません / staff must be a whole number of 1 or more", "1, 2, 3 …")
            let revision = number(
                "feed_revision", atLeast: 0, problems: &problems,
                "配信リビジョン「%@」は0以上の整数ではありません / feed_revision must be a whole number", "0, 1, 2 …")
            guard let id, let name, let kind, problems.problems.count == before else { return nil }
            var business = Business(
                id: id, name: name, kind: kind.0, openedOn: openedOn, closedOn: closedOn, staffCount: staff,
                contact: optional("contact")?.value, address: optional("address")?.value, feedRevision: revision ?? 0)
            business.kindLabel = kind.label
            return business
        }

        /// 開設日 and 廃止日, the second after the first.
        private func days(problems: inout ProblemList) -> (opened: CalendarDate?, closed: CalendarDate?) {
            func day(_ key: String, _ label: String, example: String) -> CalendarDate? {
                guard let (value, column) = optional(key) else { return nil }
                if let date = isoDate(value) { return date }
                problems.add(
                    .badDate, line: record.line, column: column, "\(label)「\(value)」を読めません / cannot read the date",
                    "YYYY-MM-DD, e.g. \(example)")
                return nil
            }
            let opened = day("opened_on", "開設日", example: "2025-10-01")
            let closed = day("closed_on", "廃止日", example: "2027-01-01")
            if let closed, let opened, closed <= opened, let column = optional("closed_on")?.column {
                problems.add(
                    .badDate, line: record.line, column: column,
                    "廃止日\(closed)が開設日\(opened)より前です / closed_on is not after opened_on", "a day after opened_on")
            }
            return (opened, closed)
        }

        /// A whole number of at least `minimum` in column `key`; `message` has `%@` for the value.
        private func number(
            _ key: String, atLeast minimum: Int, problems: inout ProblemList, _ message: String, _ expected: String
        ) -> Int? {
            guard let (value, column) = optional(key) else { return nil }
            if let number = Int(value), number >= minimum { return number }
            problems.add(
                .badNumber, line: record.line, column: column, message.replacingOccurrences(of: "%@", with: value),
                expected)
            return nil
        }
    }
}
