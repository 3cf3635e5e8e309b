import CouncilCore
import Foundation
import HTMLTemplates

/// Inline SVG bar charts of 参加率, each an image with a title that says what it shows; the numbers behind it
/// are always in the chart's text and in a table beside it, so nothing is told by colour or shape alone.
/// Each is the context of its template (`HTMLTemplate.Name.chartHorizontal`, `.chartVertical`).
enum BarChart {
    /// One bar per row: its name, the rate and the counts.
    ///
    /// ```
    /// <svg role="img" aria-labelledby="…"><title id="…">会議体別の参加率</title>…</svg>
    /// ```
    static func horizontal(_ rows: [(String, ParticipationReview.Rate)], title: String, id: String) -> [String: Any] {
        guard !rows.isEmpty else { return ["empty": true] }
        let label = 300
        let barWidth = 420
        let rowHeight = 22
        let height = rows.count * rowHeight + 10
        let bars = rows.enumerated().map { index, row -> [String: Any] in
            let y = 5 + index * rowHeight
            return [
                "name": DisplayWidth().truncate(row.0, to: 44), "labelX": label - 8, "textY": y + 15,
                "barX": label, "rectY": y + 3, "barWidth": barWidth, "barHeight": rowHeight - 6,
                "fill": row.1.ratio.map { String(format: "%.1f", Double(barWidth) * $0) } ?? false,
                "valueX": label + barWidth + 8, "value": "\(row.1.percent)(\(row.1.attended)/\(row.1.invited))",
            ]
        }
        return svg(title: title, id: id, width: "100%", viewBox: "0 0 \(label + barWidth + 120) \(height)")
            .merging(["bars": bars, "empty": false]) { $1 }
    }

    /// Columns from 0 to 100%, labelled with the rate and the counts behind it. With `unrecorded` (a count of
    /// meetings not recorded per bar), a column with none recorded says 未記録 where its bar would be and how many
    /// under its name, so that it does not read as a month without meetings; one with a bar says how many more
    /// are 未記録 on a line of its own.
    static func vertical(
        _ bars: [(String, Double?, ParticipationReview.Rate)], width: Int, title: String, id: String,
        unrecorded: [Int] = []
    ) -> [String: Any] {
        let extra = zip(bars, unrecorded).contains { $0.1 != nil && $1 > 0 } ? 12 : 0
        let height = 200 + extra
        let top = 20
        let bottom = 40 + extra
        let left = 40
        let plot = height - top - bottom
        let step = Double(width - left) / Double(max(bars.count, 1))
        let lines = stride(from: 0, through: 100, by: 25).map { percent -> [String: Any] in
            let y = top + plot - plot * percent / 100
            return ["left": left, "right": width, "y": y, "labelX": left - 6, "textY": y + 4, "percent": percent]
        }
        func decimal(_ value: Double) -> String { String(format: "%.1f", value) }
        let columns = bars.enumerated().map { index, bar -> [String: Any] in
            let x = Double(left) + step * Double(index) + step * 0.2
            let w = step * 0.6
            let missing = index < unrecorded.count ? unrecorded[index] : 0
            let drawn = bar.1.map { ratio -> [String: Any] in
                let h = Double(plot) * ratio
                let y = Double(top + plot) - h
                return [
                    "x": decimal(x), "y": decimal(y), "w": decimal(w), "h": decimal(h), "labelY": decimal(y - 4),
                    "percent": bar.2.percent,
                ]
            }
            return [
                "bar": HTMLTemplate.section(drawn), "center": decimal(x + w / 2), "name": bar.0,
                "nameY": top + plot + 16,
                "counts": bar.1 == nil ? false : "\(bar.2.attended)/\(bar.2.invited)", "countsY": top + plot + 30,
                "unrecordedOnly": missing > 0 && bar.1 == nil, "unrecordedMore": missing > 0 && bar.1 != nil,
                "missing": missing, "markY": top + plot - 4, "moreY": top + plot + 42,
            ]
        }
        return svg(title: title, id: id, width: "\(width)", viewBox: "0 0 \(width) \(height)", height: height)
            .merging(["lines": lines, "columns": columns]) { $1 }
    }

    private static func svg(title: String, id: String, width: String, viewBox: String, height: Int? = nil) -> [String:
        Any]
    {
        ["title": title, "id": id, "width": width, "viewBox": viewBox, "height": HTMLTemplate.section(height)]
    }
}
