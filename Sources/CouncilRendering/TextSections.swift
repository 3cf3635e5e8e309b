/// The building blocks of the text and Markdown reports: a labelled line, and a headed table whose numbers
/// are right-aligned by display width (text) or which GitHub shows as a table (Markdown).
///
/// ```
/// ■ 会議体別
///   会議体                  出席  案内  参加率
///   相談支援事業所等連絡会    12    20     60%
/// ```
struct TextSections {
    let markdown: Bool
    let width = DisplayWidth()

    /// Columns whose cells are words or dates, aligned left; the first column always is.
    static let leadingColumns: Set<String> = [
        "状況", "優先", "種別", "開催日", "未記録", "会議", "記録", "日付", "種類", "役割", "担当", "時間", "会場", "回答", "連絡事項", "日時", "回答者",
    ]

    func line(_ label: String, _ value: String) -> String {
        markdown ? "- **\(label)**: \(value)" : "\(width.padded(label, to: max(12, width.of(label) + 2)))\(value)"
    }

    func heading(_ text: String) -> String {
        markdown ? "## \(text)\n" : "■ \(text)"
    }

    func table(_ heading: String, _ columns: [String], _ rows: [[String]], empty: String = "記録なし") -> [String] {
        var out = [self.heading(heading)]
        guard !rows.isEmpty else { return out + ["  \(empty)", ""] }
        if markdown {
            out.append("| " + columns.joined(separator: " | ") + " |")
            out.append(
                "|"
                    + columns.indices.map { $0 == 0 || Self.leadingColumns.contains(columns[$0]) ? ":--|" : "--:|" }
                    .joined())
            out += rows.map {
                "| " + $0.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
            }
        } else {
            let widths = columns.indices.map { i in ([columns[i]] + rows.map { $0[i] }).map { width.of($0) }.max() ?? 0
            }
            func format(_ cells: [String]) -> String {
                var line =
                    "  "
                    + cells.enumerated().map { i, cell in
                        width.padded(
                            cell, to: widths[i],
                            alignment: i == 0 || Self.leadingColumns.contains(columns[i]) ? .leading : .trailing)
                    }.joined(separator: "  ")
                while line.last == " " { line.removeLast() }
                return line
            }
            out.append(format(columns))
            out += rows.map(format)
        }
        return out + [""]
    }
}
