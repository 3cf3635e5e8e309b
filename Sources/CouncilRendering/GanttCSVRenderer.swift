import CouncilCore
import CSV
import Foundation

/// The grid as CSV that Excel opens: UTF-8 with a byte order mark, CRLF, one row per task.
struct GanttCSVRenderer {
    let chart: GanttChart

    func render() -> String {
        let stream = OutputStream(toMemory: ())
        // CSVWriter only fails on a stream that cannot be opened; a memory stream always opens.
        let writer = try! CSVWriter(stream: stream, newline: .crlf)
        try! writer.write(row: ["No", "取組"] + chart.monthLabels)
        for row in chart.rows {
            try! writer.write(row: [row.label, row.title] + row.cells.map { $0?.symbol(ascii: false) ?? "" })
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return "\u{FEFF}" + String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
