import CSVParsing
import Testing

@Suite("CSV rows through libcsv")
struct CSVRowsTests {
    func rows(_ text: String) -> CSVRows { CSVRows.parse(Array(text.utf8)) }

    @Test("fields and the line each row starts on, across CRLF, LF, CR, blank lines and quoted line breaks")
    func lines() {
        let parsed = rows("a,b\r\n\"x\r\ny\",2\r\n\r\nc,\"q \"\"uoted\"\", with comma\"\nd,e\rf,g")
        #expect(parsed.error == nil)
        #expect(
            parsed.rows.map(\.fields) == [
                ["a", "b"], ["x\r\ny", "2"], ["c", "q \"uoted\", with comma"], ["d", "e"], ["f", "g"],
            ])
        #expect(parsed.rows.map(\.line) == [1, 2, 5, 6, 7])
        #expect(parsed.endLine == 8)
    }

    @Test("empty fields, a last line without a line break, a file of nothing")
    func edges() {
        #expect(rows("a,,c\n,,\n").rows.map(\.fields) == [["a", "", "c"], ["", "", ""]])
        #expect(rows("a,b").rows.map(\.fields) == [["a", "b"]])
        #expect(rows("").rows.isEmpty && rows("").error == nil)
        #expect(
            rows("\u{3000}全角,日本語\n").rows.map(\.fields) == [["\u{3000}全角", "日本語"]],
            "only ASCII spaces are libcsv's to drop")
    }

    @Test("the table: each field's bytes and count by row, and no field of a row the parse stopped inside")
    func table() {
        let parsed = rows("id,名前\r\nkita,\"きた\r\n相談室\"\r\nminami,\"never closed\n")
        #expect(parsed.count == 2 && parsed.fieldCount(0) == 2 && parsed.fieldCount(1) == 2)
        #expect(parsed.withField(1, 1) { Array($0) } == Array("きた\r\n相談室".utf8))
        #expect(parsed.string(0, 1) == "名前" && parsed.line(1) == 2)
        #expect(parsed.error?.line == 4)
        #expect(parsed.rows.map(\.fields) == [["id", "名前"], ["kita", "きた\r\n相談室"]])
    }

    @Test("a quote never closed, or a stray quote, stops the parse at its row; the rows before it stay")
    func errors() {
        let open = rows("a,b\nc,\"never closed\nd,e\n")
        #expect(open.rows.map(\.fields) == [["a", "b"]])
        #expect(open.error?.line == 2)
        let stray = rows("a,b\nc,d\"e\nf,g\n")
        #expect(stray.rows.map(\.fields) == [["a", "b"]] && stray.error?.line == 2, "\(stray)")
    }
}
