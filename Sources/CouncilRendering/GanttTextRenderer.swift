import CouncilCore

/// The grid for a terminal: columns aligned by display width, every line exactly the width asked for.
/// Long task names wrap onto the next lines of their row, and a cell whose days do not fit on one line
/// wraps too, so nothing is cut.
struct GanttTextRenderer {
    let chart: GanttChart
    let options: GanttOptions

    /// A month cell is at least four columns: `10月` is four columns, and a mark with a day (`■12`) fits.
    static let minimumCellWidth = 4
    /// The number column holds ① and a space; a council above's row label (仙台市, a 圏域's name) widens it.
    static let minimumNumberWidth = 4
    static let minimumTitleWidth = 12
    /// Titles keep at least this much room before cells widen for their days.
    static let preferredTitleWidth = 24

    var width: Int { max(options.width, GanttOptions.minimumWidth) }

    var ascii: Bool { options.format == .ascii }
    var measure: DisplayWidth { DisplayWidth(ambiguousIsWide: options.ambiguousIsWide) }
    var vertical: String { ascii ? "|" : "│" }
    var horizontal: String { ascii ? "-" : "─" }
    var cross: String { ascii ? "+" : "┼" }

    /// The number column: its widest label and a space, at least `minimumNumberWidth`.
    var numberWidth: Int {
        max(Self.minimumNumberWidth, (chart.rowLabels.map { measure.of($0) }.max() ?? 0) + 1)
    }

    /// The number column, the space before the rule, the rule and the space after it.
    var fixedWidth: Int { numberWidth + 1 + measure.of(vertical) + 1 }

    /// The title column and one width for every month: as wide as the widest cell on one line plus a space,
    /// while the titles keep their room; narrower cells wrap.
    func layout(_ rows: [GanttChart.Row]) -> (title: Int, cell: Int) {
        let cells = rows.flatMap(\.cells)
        let widest = cells.map { measure.of($0.text(ascii: ascii, dates: options.dates)) }.max() ?? 0
        let longestTitle = rows.map { measure.of($0.title) }.max() ?? 0
        let titleRoom = max(Self.minimumTitleWidth, min(longestTitle, Self.preferredTitleWidth))
        var cell = max(Self.minimumCellWidth, widest + 1)
        if fixedWidth + titleRoom + 12 * cell > width {
            cell = max(Self.minimumCellWidth, (width - fixedWidth - titleRoom) / 12)
        }
        return (width - fixedWidth - 12 * cell, cell)
    }

    func render() -> String {
        let rows = chart.rows
        let (titleWidth, cellWidth) = layout(rows)
        var lines: [String] = measure.wrap(chart.title, to: width)
        lines.append("")
        let alignment: DisplayWidth.Alignment = cellWidth == Self.minimumCellWidth ? .trailing : .center
        let months = chart.monthLabels.map { measure.padded($0, to: cellWidth, alignment: alignment) }.joined()
        lines.append(
            measure.padded("No", to: numberWidth) + measure.padded("取組", to: titleWidth) + " \(vertical) " + months)
        if let index = chart.todayIndex, let today = chart.today {
            lines.append(todayLine(today, index: index, titleWidth: titleWidth, cellWidth: cellWidth))
        }
        lines.append(rule(numberWidth + titleWidth + 1) + cross + rule(1 + cellWidth * 12))
        for row in rows {
            let titles = measure.wrap(row.title, to: titleWidth)
            let cells = row.cells.map { pack($0, in: cellWidth) }
            let height = max(titles.count, cells.map(\.count).max() ?? 1, 1)
            for index in 0..<height {
                let label = index == 0 ? row.label : ""
                let title = index < titles.count ? titles[index] : ""
                let months = cells.map {
                    measure.padded(index < $0.count ? $0[index] : "", to: cellWidth, alignment: .center)
                }.joined()
                lines.append(
                    measure.padded(label, to: numberWidth) + measure.padded(title, to: titleWidth) + " \(vertical) "
                        + months)
            }
        }
        if rows.isEmpty {
            lines.append("(作業手順がありません / no tasks in this plan)")
        }
        let legend = chart.legend(ascii: ascii, dates: options.dates)
        if !legend.isEmpty {
            lines.append("")
            lines += joinWrapping(legend, separator: "  ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `今日 12月1日 │ … ▲ …`: the day in the title column, a mark under its month.
    private func todayLine(_ today: CalendarDate, index: Int, titleWidth: Int, cellWidth: Int) -> String {
        let long = "今日 \(today.month)月\(today.day)日"
        let label = measure.of(long) <= titleWidth ? long : "今日"
        let marks = (0..<12).map {
            measure.padded($0 == index ? (ascii ? "^" : "▲") : "", to: cellWidth, alignment: .center)
        }.joined()
        return measure.padded("", to: numberWidth) + measure.padded(label, to: titleWidth, alignment: .trailing)
            + " \(vertical) " + marks
    }

    /// A cell's lines: the mark with its first day, then the other days, as many to a line as fit with a
    /// space to spare; a day alone may take the whole cell.
    private func pack(_ cell: GanttChart.Cell, in cellWidth: Int) -> [String] {
        let mark = cell.mark?.symbol(ascii: ascii) ?? ""
        let days = options.dates ? cell.days.map { $0.text(ascii: ascii) } : []
        let separator = GanttChart.Day.separator(ascii: ascii)
        var lines: [String] = []
        var line = mark
        var lineHasDay = false
        for day in days {
            let candidate = lineHasDay ? line + separator + day : line + day
            if measure.of(candidate) <= cellWidth - 1 || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = day
            }
            lineHasDay = true
        }
        lines.append(line)
        return lines
    }

    /// Entries joined on lines no wider than the grid; an entry wider than that wraps by itself.
    private func joinWrapping(_ entries: [String], separator: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for entry in entries {
            let candidate = line.isEmpty ? entry : line + separator + entry
            if measure.of(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            let pieces = measure.wrap(entry, to: width)
            lines += pieces.dropLast()
            line = pieces.last ?? ""
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A horizontal rule exactly `width` columns wide, whatever width the rule character has.
    private func rule(_ width: Int) -> String {
        let unit = measure.of(horizontal)
        return String(repeating: horizontal, count: width / unit) + String(repeating: " ", count: width % unit)
    }
}
