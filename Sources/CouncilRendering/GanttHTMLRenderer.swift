import CouncilCore
import HTMLTemplates

/// The grid as one self-contained HTML page (no scripts, no external files) for printing or mail.
struct GanttHTMLRenderer {
    let chart: GanttChart
    let dates: Bool

    func render() -> String {
        HTMLTemplate.render(
            .ganttPage,
            [
                "title": chart.title, "grid": grid(),
                "style": Self.style + """
                    body { margin: 2rem; }
                    h1 { font-size: 1.3rem; }
                    @page { size: A4 landscape; margin: 10mm; }
                    @media print { body { margin: 0; font-size: 9pt; } th, td { padding: 0.15rem 0.25rem; } }
                    """,
            ])
    }

    /// The grid's own look, for any page that holds it.
    static let style = """
        table.grid { border-collapse: collapse; width: 100%; }
        table.grid th, table.grid td { border: 1px solid #999; padding: 0.3rem 0.4rem; }
        table.grid thead th { background: #eef2f7; white-space: nowrap; }
        table.grid td { text-align: center; }
        table.grid td.task { text-align: left; }
        table.grid tr { break-inside: avoid; }
        .planned { color: #1f4e99; }
        .as-needed { color: #2e6b30; }
        .at-least { color: #8a4b00; }
        .done { color: #1f6b1f; }
        .missed { color: #b3261e; }
        .unrecorded { color: #6b4700; }
        .cancelled { color: #595959; }
        th.today { background: #fff4c2; }
        .today-mark { font-size: 0.75rem; }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; }

        """

    /// The grid's table and its legend, as the context of `HTMLTemplate.Name.ganttTable`.
    func grid() -> [String: Any] {
        let today = chart.todayIndex
        let months = chart.monthLabels.enumerated().map { index, label -> [String: Any] in
            ["label": label, "today": index == today]
        }
        let rows = chart.rows.map { row -> [String: Any] in
            let cells = row.cells.map { cell -> [String: Any] in
                ["text": cell.text(ascii: false, dates: dates), "mark": HTMLTemplate.section(cell.mark.map(cssClass))]
            }
            return ["label": row.label, "title": row.title, "cells": cells]
        }
        // The legend lists the marks first, in the order of marksUsed, then what the days mean.
        let marks = chart.marksUsed
        let legend = chart.legend(ascii: false, dates: dates).enumerated().map { index, entry -> [String: Any] in
            ["text": entry, "mark": HTMLTemplate.section(index < marks.count ? cssClass(marks[index]) : nil)]
        }
        return ["months": months, "rows": rows, "legend": legend]
    }

    private func cssClass(_ mark: GanttChart.Mark) -> String {
        switch mark {
        case .planned: return "planned"
        case .asNeeded: return "as-needed"
        case .atLeast: return "at-least"
        case .done: return "done"
        case .missed: return "missed"
        case .unrecorded: return "unrecorded"
        case .cancelled: return "cancelled"
        }
    }
}
