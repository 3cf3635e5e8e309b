import CSVParsing

/// CSV as Excel opens it without asking: UTF-8 with a byte order mark, CRLF line ends, fields quoted by
/// libcsv where they must be (`CSVRows.bytes`). Every CSV the project writes goes through here.
///
/// Formula-safe (OWASP, "CSV Injection"): a cell that Excel or LibreOffice would take for a formula — one
/// that begins with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a number — is written with a
/// leading apostrophe, so a business named `=HYPERLINK(…)` opens as text. A cell that already begins with
/// apostrophes before such a character gets one more, and the reader takes exactly one off, so the
/// project's own records read back as they were.
public enum ExcelCSV {
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        // A file with no rows is one empty line, as it always was.
        [0xEF, 0xBB, 0xBF] + (rows.isEmpty ? [0x0D, 0x0A] : CSVRows.bytes(rows.map { $0.map(neutralised) }))
    }

    public static func text(_ rows: [[String]]) -> String {
        String(decoding: bytes(rows), as: UTF8.self)
    }

    private static let apostrophe = UInt8(ascii: "'")
    /// `=`, `+`, `-`, `@`, tab and CR (a CRLF starts with it): every one ASCII, so bytes are enough.
    private static let formulaStarts: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
    ]

    /// Whether `bytes`, after any apostrophes, begin as a formula would.
    private static func startsAsFormula(_ bytes: some Sequence<UInt8>) -> Bool {
        guard let first = bytes.first(where: { $0 != apostrophe }) else { return false }
        return formulaStarts.contains(first)
    }

    /// The cell as written: an apostrophe before anything that would start a formula; numbers as they are.
    /// Every cell written passes here, so it looks at one byte before anything else.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.utf8.first, first == apostrophe || formulaStarts.contains(first),
            startsAsFormula(cell.utf8), Double(cell) == nil
        else { return cell }
        return "'" + cell
    }

    /// The cell as it was before `neutralised`; every field read passes here.
    public static func restored(_ field: String) -> String {
        guard field.utf8.first == apostrophe, startsAsFormula(field.utf8.dropFirst()) else { return field }
        return String(field.dropFirst())
    }
}
