import CouncilCore

/// The grid as a Markdown table that GitHub displays: full titles, one column per month.
struct GanttMarkdownRenderer {
    let chart: GanttChart
    let dates: Bool

    func render() -> String {
        var lines = ["## \(markdownEscaped(chart.title))", ""]
        lines.append("| No | 取組 | " + chart.headerLabels.joined(separator: " | ") + " |")
        lines.append("|:--:|:--| " + Array(repeating: ":--:", count: 12).joined(separator: " | ") + " |")
        for row in chart.rows {
            let cells = row.cells.map { cell in
                cell.mark == nil && (cell.days.isEmpty || !dates) ? " " : cell.text(ascii: false, dates: dates)
            }
            lines.append("| \(row.label) | \(markdownEscaped(row.title)) | " + cells.joined(separator: " | ") + " |")
        }
        let legend = chart.legend(ascii: false, dates: dates)
        if !legend.isEmpty {
            lines.append("")
            lines.append(legend.joined(separator: " / "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Characters that would end a cell or start Markdown markup are escaped.
    private func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|\\*_`[]<>#".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
