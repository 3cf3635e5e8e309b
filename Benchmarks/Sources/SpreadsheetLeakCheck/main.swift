// Exercises every path of the libxlsxwriter wrapper that holds C memory — a workbook written and closed (formats,
// merges, print set-up), and one refused half-way (a bad sheet name: the workbook is freed unwritten) — for
// scripts/leak-check.sh, under -sanitize=address: a workbook or format the wrapper forgot to free is a reported leak.
import Foundation
import Spreadsheet

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20
var bytes = 0
for round in 0..<rounds {
    let header = CellStyle(bold: true, fill: 0xEEF2F7, alignment: .center, border: true)
    let rows: [[Cell]] =
        [[.text("取組", header), .text("4月", header)]]
        + (0..<50).map {
            [
                .text("取組\($0)・\(String(repeating: "長", count: round))", CellStyle(wrap: true, border: true)),
                .percent(Double($0) / 50),
            ]
        }
    let sheet = Worksheet(
        name: "計画 \(round)", rows: rows, columnWidths: [40, 8],
        merges: [CellRange(firstRow: 51, firstColumn: 0, lastRow: 51, lastColumn: 1)],
        frozen: .init(rows: 1, columns: 1),
        page: PageSetup(
            landscape: true, fitToPages: .init(width: 1, height: 1), repeatRows: 0...0, header: "令和8年度 & 計画"))
    let good = try Workbook(
        title: "leak check", author: "council", created: Date(timeIntervalSince1970: 1_780_000_000), sheets: [sheet]
    ).xlsx()
    precondition(good.starts(with: [0x50, 0x4B]))
    bytes += good.count
    do {
        _ = try Workbook(title: "bad", created: Date(), sheets: [sheet, Worksheet(name: "bad/name")]).xlsx()
        preconditionFailure("a bad sheet name was written")
    } catch {
        precondition(error.description.contains("bad/name"))
    }
}
print("xlsx-leak-check: \(rounds) rounds, \(bytes) bytes written, no leak reported")
