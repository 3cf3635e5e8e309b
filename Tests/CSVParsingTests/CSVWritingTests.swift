import CSVParsing
import PropertyBased
import Testing
import TextFormats

/// CSV written by libcsv (`CSVRows.bytes`, `ExcelCSV.bytes`) reads back as it was, whatever its fields hold.
@Suite("CSV written through libcsv")
struct CSVWritingTests {
    /// Pieces fields are made of: what CSV quotes (comma, quote, CR, LF), a comma and a quote that a combining
    /// mark follows (one Character each, but the bytes of a comma and a quote), what formulas start with, and
    /// 1- to 4-byte UTF-8.
    static let pieces: [String] = [
        "a", " ", ",", "\"", "\r\n", "\n", "\r", ",\u{301}", "\"\u{301}", "=", "+", "-", "@", "'", "\t", "é", "あ", "漢",
        "𠮷", "👍🏽", "1",
    ]

    /// A field that does not begin or end with a space or a tab (those are libcsv's to drop when unquoted, and
    /// every reader of ours trims them anyway).
    static func field(_ indices: [Int]) -> String {
        let text = indices.map { pieces[$0] }.joined()
        return text.first == " " || text.first == "\t" || text.last == " " || text.last == "\t"
            ? "x" + text + "x" : text
    }

    @Test("any rows of two or more fields read back field for field, on the lines the line breaks give")
    func roundTrip() async {
        let fields = Gen.int(in: Self.pieces.indices).array(of: 0...12).map(Self.field)
        let rows = fields.array(of: 2...5).array(of: 1...6)
        await propertyCheck(count: 500, input: rows) { rows in
            let plain = CSVRows.parse(CSVRows.bytes(rows))
            #expect(plain.error == nil && plain.rows.map(\.fields) == rows, "\(rows.debugDescription)")
            let excel = CSVRows.parse(ExcelCSV.bytes(rows).dropFirst(3))
            #expect(
                excel.error == nil && excel.rows.map { $0.fields.map(ExcelCSV.restored) } == rows,
                "\(rows.debugDescription)")
        }
    }

    @Test("Excel's CSV: a byte order mark, CRLF rows, formula-like cells neutralised and restored")
    func excel() {
        let rows = [["名前", "備考"], ["=HYPERLINK(\"x\")", "a,\u{301}b"], ["-1", "'@x"]]
        let bytes = ExcelCSV.bytes(rows)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "名前,備考\r\n\"'=HYPERLINK(\"\"x\"\")\",\"a,\u{301}b\"\r\n-1,''@x\r\n")
        let back = CSVRows.parse(bytes.dropFirst(3)).rows.map { $0.fields.map(ExcelCSV.restored) }
        #expect(back == rows)
        #expect(ExcelCSV.bytes([]) == [0xEF, 0xBB, 0xBF, 0x0D, 0x0A])
    }
}
