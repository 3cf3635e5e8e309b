import Foundation
import Spreadsheet
import Testing

@Suite("Workbooks written by libxlsxwriter", .serialized)
struct WorkbookTests {
    let created = Date(timeIntervalSince1970: 1_780_000_000)

    /// The sheet's XML and the shared strings, read from the .xlsx (a zip) by Python's zipfile.
    func parts(_ bytes: [UInt8], _ names: [String]) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workbook-test-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try names.map { name in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
                file.path, name,
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name)")
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test(
        "numbers stay numbers, percentages get 0%, text is shared and centred vertically, row heights, print set-up and panes are written; same input, same bytes"
    )
    func roundTrip() throws {
        let sheet = Worksheet(
            name: "事業所別",
            rows: [
                [.text("事業所", CellStyle(bold: true)), .text("参加率")], [.text("相談室ひろせ & <仮>"), .percent(0.6)],
                [.text("出席"), .number(3)], [.text(""), .percent(nil)],
            ],
            columnWidths: [30, 10], rowHeights: [1: 37.5],
            merges: [CellRange(firstRow: 4, firstColumn: 0, lastRow: 4, lastColumn: 1)],
            frozen: .init(rows: 1, columns: 1),
            page: PageSetup(
                landscape: true, fitToPages: .init(width: 1, height: 1), repeatRows: 0...0, header: "令和8年度 & 振り返り"))
        let book = Workbook(title: "参加状況", author: "council", created: created, sheets: [sheet])
        let bytes = try book.xlsx()
        #expect(bytes == (try book.xlsx()), "reproducible")
        let xml = try parts(
            bytes,
            [
                "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "docProps/core.xml",
                "xl/styles.xml",
            ])
        #expect(xml[0].contains("<c r=\"B2\" s=\"") && xml[0].contains("<v>0.6</v>") && xml[0].contains("<v>3</v>"))
        #expect(
            xml[0].contains("orientation=\"landscape\"") && xml[0].contains("paperSize=\"9\"")
                && xml[0].contains("fitToHeight=\"1\"") || xml[0].contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(xml[0].contains("<pane xSplit=\"1\" ySplit=\"1\"") && xml[0].contains("<mergeCell ref=\"A5:B5\"/>"))
        #expect(xml[0].contains("&amp;C令和8年度 &amp;&amp; 振り返り"))
        #expect(xml[1].contains("相談室ひろせ &amp; &lt;仮&gt;") && xml[1].contains("事業所"))
        #expect(xml[2].contains("name=\"事業所別\"") && xml[2].contains("_xlnm.Print_Titles"))
        #expect(xml[3].contains("2026-05-28T") && xml[3].contains("<dc:title>参加状況</dc:title>"))
        #expect(xml[4].contains("formatCode=\"0%\"") || xml[4].contains("numFmtId=\"9\""))
        #expect(
            xml[0].contains("<row r=\"2\"") && xml[0].contains("ht=\"37.5\" customHeight=\"1\""),
            "a row's height as given")
        #expect(
            xml[4].contains("vertical=\"center\"") && !xml[4].contains("vertical=\"top\""),
            "text centred between the borders")
    }

    @Test("a sheet name Excel refuses is an error that names it, and nothing is left behind")
    func refused() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("council-xlsx-")
        }
        #expect(throws: XlsxError.self) {
            try Workbook(title: "x", created: created, sheets: [Worksheet(name: "a/b")]).xlsx()
        }
        do { _ = try Workbook(title: "x", created: created, sheets: [Worksheet(name: "a/b")]).xlsx() } catch {
            #expect(error.description.contains("a/b"))
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
                $0.hasPrefix("council-xlsx-")
            } == before)
        #expect(Worksheet.safeName("計画/実績[2026]") == "計画_実績_2026_")
        #expect(Worksheet.safeName(String(repeating: "長", count: 40)).count == 31)
        #expect(Worksheet.safeName("月別", taken: ["月別"]) == "月別(2)")
    }
}
