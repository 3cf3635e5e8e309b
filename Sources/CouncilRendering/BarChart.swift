import CouncilCore
import Foundation
import TextFormats

/// Inline SVG bar charts of 参加率, each an image with a title that says what it shows; the numbers behind it
/// are always in the chart's text and in a table beside it, so nothing is told by colour or shape alone.
enum BarChart {
    /// One bar per row: its name, the rate and the counts.
    ///
    /// ```
    /// <svg role="img" aria-labelledby="…"><title id="…">会議体別の参加率</title>…</svg>
    /// ```
    static func horizontal(_ rows: [(String, ParticipationReview.Rate)], title: String, id: String) -> String {
        guard !rows.isEmpty else { return "<p>記録なし</p>" }
        let label = 300, barWidth = 420, rowHeight = 22
        let height = rows.count * rowHeight + 10
        var parts: [String] = []
        for (index, row) in rows.enumerated() {
            let y = 5 + index * rowHeight
            parts.append("<text x=\"\(label - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(htmlEscaped(DisplayWidth().truncate(row.0, to: 44)))</text>")
            parts.append("<rect x=\"\(label)\" y=\"\(y + 3)\" width=\"\(barWidth)\" height=\"\(rowHeight - 6)\" fill=\"#eef2f7\" stroke=\"#8a94a6\" stroke-width=\"0.5\"/>")
            if let ratio = row.1.ratio {
                parts.append(String(format: "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#1f4e99\"/>", label, y + 3, Double(barWidth) * ratio, rowHeight - 6))
            }
            parts.append("<text x=\"\(label + barWidth + 8)\" y=\"\(y + 15)\">\(row.1.percent)(\(row.1.attended)/\(row.1.invited))</text>")
        }
        return svg(title: title, id: id, width: "100%", viewBox: "0 0 \(label + barWidth + 120) \(height)", parts)
    }

    /// Columns from 0 to 100%, labelled with the rate and the counts behind it. With `unrecorded` (a count of
    /// meetings not recorded per bar), a column with none recorded says 未記録 where its bar would be and how many
    /// under its name, so that it does not read as a month without meetings; one with a bar says how many more
    /// are 未記録 on a line of its own.
    static func vertical(_ bars: [(String, Double?, ParticipationReview.Rate)], width: Int, title: String, id: String, unrecorded: [Int] = []) -> String {
        let extra = zip(bars, unrecorded).contains { $0.1 != nil && $1 > 0 } ? 12 : 0
        let height = 200 + extra, top = 20, bottom = 40 + extra, left = 40
        let plot = height - top - bottom
        let step = Double(width - left) / Double(max(bars.count, 1))
        var parts: [String] = []
        for percent in stride(from: 0, through: 100, by: 25) {
            let y = top + plot - plot * percent / 100
            parts.append("<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width)\" y2=\"\(y)\" stroke=\"#ddd\"/><text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(percent)%</text>")
        }
        for (index, bar) in bars.enumerated() {
            let x = Double(left) + step * Double(index) + step * 0.2
            let w = step * 0.6
            if let ratio = bar.1 {
                let h = Double(plot) * ratio
                let y = Double(top + plot) - h
                parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f4e99\"></rect>", x, y, w, h))
                parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>", x + w / 2, y - 4, bar.2.percent))
            }
            parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%@</text>", x + w / 2, top + plot + 16, htmlEscaped(bar.0)))
            if bar.1 != nil {
                parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" style=\"fill:#595959;font-size:10px\">%d/%d</text>", x + w / 2, top + plot + 30, bar.2.attended, bar.2.invited))
            }
            let missing = index < unrecorded.count ? unrecorded[index] : 0
            if missing > 0, bar.1 == nil {
                parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" style=\"fill:#6b4700\">未記録</text>", x + w / 2, top + plot - 4))
                parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" style=\"fill:#6b4700;font-size:10px\">%d回</text>", x + w / 2, top + plot + 30, missing))
            } else if missing > 0 {
                parts.append(String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" style=\"fill:#6b4700;font-size:10px\">未記録%d回</text>", x + w / 2, top + plot + 42, missing))
            }
        }
        return svg(title: title, id: id, width: "\(width)", viewBox: "0 0 \(width) \(height)", parts, height: height)
    }

    private static func svg(title: String, id: String, width: String, viewBox: String, _ parts: [String], height: Int? = nil) -> String {
        "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"\(id)\" width=\"\(width)\"\(height.map { " height=\"\($0)\"" } ?? "") viewBox=\"\(viewBox)\"><title id=\"\(id)\">\(htmlEscaped(title))</title>\(parts.joined())</svg></figure>"
    }
}
