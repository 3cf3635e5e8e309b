import CouncilCore
import TextFormats

/// The grid as one self-contained HTML page (no scripts, no external files) for printing or mail.
struct GanttHTMLRenderer {
    let chart: GanttChart
    let dates: Bool

    func render() -> String {
        htmlPage(title: chart.title, style: Self.style + """
        body { margin: 2rem; }
        h1 { font-size: 1.3rem; }
        @page { size: A4 landscape; margin: 10mm; }
        @media print { body { margin: 0; font-size: 9pt; } th, td { padding: 0.15rem 0.25rem; } }
        """, body: """
        <main>
        <h1>\(htmlEscaped(chart.title))</h1>
        \(table())
        </main>
        """)
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

    /// The grid's table and its legend.
    func table() -> String {
        let today = chart.todayIndex
        let head = chart.monthLabels.enumerated().map { index, label in
            index == today ? "<th scope=\"col\" class=\"today\">\(htmlEscaped(label))<br><span class=\"today-mark\">▲今日</span></th>" : "<th scope=\"col\">\(htmlEscaped(label))</th>"
        }.joined()
        let body = chart.rows.map { row in
            let cells = row.cells.map { cell -> String in
                let text = htmlEscaped(cell.text(ascii: false, dates: dates))
                guard let mark = cell.mark else { return "<td>\(text)</td>" }
                return "<td class=\"\(cssClass(mark))\">\(text)</td>"
            }.joined()
            return "<tr><th scope=\"row\" class=\"no\">\(htmlEscaped(row.label))</th><td class=\"task\">\(htmlEscaped(row.title))</td>\(cells)</tr>"
        }.joined(separator: "\n")
        // The legend lists the marks first, in the order of marksUsed, then what the days mean.
        let marks = chart.marksUsed
        let legend = chart.legend(ascii: false, dates: dates).enumerated().map { index, entry in
            index < marks.count ? "<li class=\"\(cssClass(marks[index]))\">\(htmlEscaped(entry))</li>" : "<li>\(htmlEscaped(entry))</li>"
        }.joined()
        return """
        <table class="grid">
        <thead><tr><th scope="col">No</th><th scope="col">取組</th>\(head)</tr></thead>
        <tbody>
        \(body)
        </tbody>
        </table>
        <ul class="legend">\(legend)</ul>
        """
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

