import CouncilCore
import TextFormats

/// The grid as CSV that Excel opens: UTF-8 with a byte order mark, CRLF, one row per task.
struct GanttCSVRenderer {
    let chart: GanttChart
    let dates: Bool

    func render() -> String {
        ExcelCSV.text(
            [["No", "取組"] + chart.headerLabels]
                + chart.rows.map { row in
                    [row.label, row.title] + row.cells.map { $0.text(ascii: false, dates: dates) }
                })
    }
}
