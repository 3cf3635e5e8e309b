import CouncilCore

/// The grid for a terminal: columns aligned by display width, titles cut with an ellipsis to fit.
struct GanttTextRenderer {
    let chart: GanttChart
    let options: GanttOptions

    /// Each month cell is four columns wide: `10月` is four columns, a mark is centred in the rest.
    static let cellWidth = 4
    static let numberWidth = 4
    static let minimumTitleWidth = 12

    var width: Int { max(options.width, GanttOptions.minimumWidth) }

    var ascii: Bool { options.format == .ascii }
    var measure: DisplayWidth { DisplayWidth(ambiguousIsWide: options.ambiguousIsWide) }
    var vertical: String { ascii ? "|" : "│" }
    var horizontal: String { ascii ? "-" : "─" }
    var cross: String { ascii ? "+" : "┼" }
    var ellipsis: String { ascii ? "..." : "…" }

    var titleWidth: Int {
        let fixed = Self.numberWidth + 1 + measure.of(vertical) + 1 + Self.cellWidth * 12
        return max(Self.minimumTitleWidth, width - fixed)
    }

    func render() -> String {
        var lines: [String] = []
        lines.append(measure.truncate(chart.title, to: width, ellipsis: ellipsis))
        lines.append("")
        let months = chart.monthLabels.map { measure.padded($0, to: Self.cellWidth, alignment: .trailing) }.joined()
        lines.append(measure.padded("No", to: Self.numberWidth) + measure.padded("取組", to: titleWidth) + " \(vertical) " + months)
        lines.append(rule(Self.numberWidth + titleWidth + 1) + cross + rule(1 + Self.cellWidth * 12))
        for row in chart.rows {
            let title = measure.truncate(row.title, to: titleWidth, ellipsis: ellipsis)
            let cells = row.cells.map { mark in
                measure.padded(mark?.symbol(ascii: ascii) ?? "", to: Self.cellWidth, alignment: .center)
            }.joined()
            let line = measure.padded(row.label, to: Self.numberWidth) + measure.padded(title, to: titleWidth) + " \(vertical) " + cells
            lines.append(line)
        }
        if chart.rows.isEmpty {
            lines.append("(作業手順がありません / no tasks in this plan)")
        }
        let legend = chart.legend(ascii: ascii)
        if !legend.isEmpty {
            lines.append("")
            lines.append(measure.truncate(legend.joined(separator: "  "), to: width, ellipsis: ellipsis))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A horizontal rule exactly `width` columns wide, whatever width the rule character has.
    private func rule(_ width: Int) -> String {
        let unit = measure.of(horizontal)
        return String(repeating: horizontal, count: width / unit) + String(repeating: " ", count: width % unit)
    }
}
