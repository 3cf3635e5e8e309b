/// The look shared by the pages a secretariat prints and hands out (review, a business's year, the 計画案, the
/// 開催案内): one column, tables with ruled cells, A4 portrait when printed, no table row or chart split across pages.
enum DocumentStyle {
    static let portrait = """
        body { margin: 2rem auto; max-width: 960px; padding: 0 1rem; line-height: 1.6; }
        h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
        p.sub { color: #555; margin-top: 0; }
        h2 { font-size: 1.1rem; border-left: 6px solid #1f4e99; padding-left: 0.5rem; margin-top: 2rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; vertical-align: top; }
        thead th, th[scope="col"] { background: #eef2f7; white-space: nowrap; }
        td.num { text-align: right; }
        .cards { display: flex; gap: 1rem; flex-wrap: wrap; }
        .card { border: 1px solid #99a; border-radius: 8px; padding: 0.8rem 1.2rem; min-width: 180px; }
        .card .label { color: #555; font-size: 0.9rem; }
        .card .value { font-size: 2rem; font-weight: bold; color: #1f4e99; }
        .card .note { font-size: 0.85rem; color: #555; }
        figure.chart { margin: 0.5rem 0; }
        svg text { font-size: 12px; fill: #222; }
        @page { size: A4 portrait; margin: 14mm 12mm; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
          h2 { break-after: avoid; }
          figure.chart, tr, .card, .keep { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """

    /// A figure with its label and what it counts, as a card (`HTMLTemplate.Name.card`).
    static func card(_ label: String, _ value: String, _ note: String) -> [String: Any] {
        ["label": label, "value": value, "note": note]
    }

    /// A table whose first cell in each row heads the row; the columns in `numeric` are right-aligned numbers
    /// (`HTMLTemplate.Name.table`).
    static func table(_ columns: [String], _ rows: [[String]], numeric: ClosedRange<Int>? = nil) -> [String: Any] {
        let rows = rows.map { row -> [String: Any] in
            [
                "cells": row.enumerated().map { index, cell -> [String: Any] in
                    ["text": cell, "head": index == 0, "num": numeric?.contains(index) == true]
                }
            ]
        }
        return ["columns": columns, "rows": rows]
    }
}
