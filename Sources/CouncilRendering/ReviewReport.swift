import CouncilCore
import CouncilFiles
import Foundation

/// The annual review of participation for the 運営会議: rates, reach, who to call, plan against actual.
///
/// Text form:
///
/// ```
/// 令和8年度 泉区障害者自立支援協議会 参加状況(2026-11-22 時点・指定特定)
///
/// 参加率 53%(出席 64 / 案内 120)  前年度 45% → 53%(+8ポイント)
/// 到達率 86%(参加した事業所 12 / 案内した事業所 14)
/// …
/// ```
public struct ReviewReport: Sendable {
    public var review: ParticipationReview
    /// The same figures for an earlier year, for 前年度比.
    public var previous: ParticipationReview?
    public var progress: PlanProgress?
    /// How many months without attending puts a business on the follow-up list.
    public var followUpMonths: Int

    public init(review: ParticipationReview, previous: ParticipationReview? = nil, progress: PlanProgress? = nil, followUpMonths: Int = 3) {
        self.review = review
        self.previous = previous
        self.progress = progress
        self.followUpMonths = followUpMonths
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, csv, json, html
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return ReviewTextRenderer(report: self, markdown: false).render()
        case .markdown: return ReviewTextRenderer(report: self, markdown: true).render()
        case .csv: return ReviewTableRenderer(report: self).csv()
        case .json: return ReviewTableRenderer(report: self).json()
        case .html: return ReviewHTMLRenderer(report: self).render()
        }
    }

    var scope: String {
        review.kinds.isEmpty ? "全事業所" : review.kinds.map(\.rawValue).sorted().joined(separator: "・")
    }

    var title: String {
        "\(review.year.japaneseName) \(review.council.name) 参加状況の振り返り"
    }

    var subtitle: String {
        "\(review.asOf.japaneseDescription)時点・対象: \(scope)・記録のある会議 \(meetingsInScope) 回"
    }

    /// Meetings with an attendance record that invited at least one business in scope.
    var meetingsInScope: Int {
        Set(review.invitations.map { "\($0.meeting.series)/\($0.meeting.originalDate)" }).count
    }

    /// The change of the council-year rate from the earlier year, in percentage points as shown.
    var pointChange: Int? {
        guard let previous, let before = previous.overall.ratio, let now = review.overall.ratio else { return nil }
        return Int((now * 100).rounded()) - Int((before * 100).rounded())
    }

    /// `令和7年度 45% → 令和8年度 53%(+8ポイント)`, or nil without an earlier year.
    var comparison: String? {
        guard let previous, let points = pointChange else { return nil }
        return "\(previous.year.japaneseName) \(previous.overall.percent) → \(review.year.japaneseName) \(review.overall.percent)(\(points >= 0 ? "+" : "")\(points)ポイント)"
    }

    func flags(_ followUp: ParticipationReview.FollowUp) -> String {
        [followUp.isNew ? "新規" : nil, followUp.isOnePerson ? "一人事業所" : nil].compactMap { $0 }.joined(separator: "・")
    }

    func seriesTitle(_ id: SeriesID) -> String {
        review.council.series(id)?.title ?? id.rawValue
    }

    func lastSeen(_ followUp: ParticipationReview.FollowUp) -> String {
        followUp.lastAttended.map { "最終参加 \($0.shortJapaneseDescription)" } ?? "今年度未参加"
    }
}

/// Text and Markdown: one section after another, numbers right-aligned by display width.
struct ReviewTextRenderer {
    let report: ReviewReport
    let markdown: Bool
    let width = DisplayWidth()

    func render() -> String {
        let review = report.review
        var out: [String] = []
        out.append(markdown ? "# \(report.title)" : report.title)
        out.append(markdown ? "\n\(report.subtitle)\n" : "(\(report.subtitle))\n")
        out.append(line("参加率", "\(review.overall.percent)(出席 \(review.overall.attended) / 案内 \(review.overall.invited))"))
        if let comparison = report.comparison { out.append(line("前年度比", comparison)) }
        out.append(line("到達率", "\(review.reach.percent)(参加した事業所 \(review.reach.attended) / 案内した事業所 \(review.reach.invited))"))
        out.append("")
        out += table("会議体別", ["会議体", "出席", "案内", "参加率"], review.bySeries.map { [$0.series.title, "\($0.rate.attended)", "\($0.rate.invited)", $0.rate.percent] })
        out += table("月別", ["月", "出席", "案内", "参加率"], review.byMonth.map { ["\($0.month.month)月", "\($0.rate.attended)", "\($0.rate.invited)", $0.rate.percent] })
        out += table("種別", ["種別", "出席", "案内", "参加率"], review.byKind.map { [$0.kind.rawValue, "\($0.rate.attended)", "\($0.rate.invited)", $0.rate.percent] })
        out += table("事業所別", ["事業所", "種別", "出席", "案内", "参加率"], review.byBusiness.map { [$0.business.name, $0.business.kind.rawValue, "\($0.rate.attended)", "\($0.rate.invited)", $0.rate.percent] })
        let followUps = review.followUps(months: report.followUpMonths)
        out += table("声掛けが必要な事業所(\(report.followUpMonths)か月以上参加なし・今年度未参加)", ["事業所", "状況", "案内", "優先"], followUps.map { [$0.business.name, report.lastSeen($0), "\($0.invited)", report.flags($0)] }, empty: "該当なし")
        if !review.walkIns.isEmpty {
            out += table("飛び入り参加(案内していない会議への参加。参加率には数えません)", ["事業所", "会議", "開催日"], review.walkIns.map { [$0.business.name, report.seriesTitle($0.meeting.series), $0.meeting.date.shortJapaneseDescription] })
        }
        if let progress = report.progress {
            let rows = progress.tasks.map { task -> [String] in
                let rate = task.rate.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
                return [task.task.numberLabel + " " + width.truncate(task.task.title, to: 40), task.due.map { "\(min(task.done, $0))/\($0)" } ?? "\(task.done)回", rate]
            }
            let overall = progress.overall
            out += table("計画と実績(達成率 \(overall.due == 0 ? "—" : "\(Int((Double(overall.done) / Double(overall.due) * 100).rounded()))%"))", ["取組", "実施/予定", "達成率"], rows)
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func line(_ label: String, _ value: String) -> String {
        markdown ? "- **\(label)**: \(value)" : "\(width.padded(label, to: 10))\(value)"
    }

    private func table(_ heading: String, _ columns: [String], _ rows: [[String]], empty: String = "記録なし") -> [String] {
        var out = [markdown ? "## \(heading)\n" : "■ \(heading)"]
        guard !rows.isEmpty else { return out + ["  \(empty)", ""] }
        if markdown {
            out.append("| " + columns.joined(separator: " | ") + " |")
            out.append("|" + columns.indices.map { $0 == 0 ? ":--|" : "--:|" }.joined())
            out += rows.map { "| " + $0.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        } else {
            let widths = columns.indices.map { i in ([columns[i]] + rows.map { $0[i] }).map { width.of($0) }.max() ?? 0 }
            func format(_ cells: [String]) -> String {
                var line = "  " + cells.enumerated().map { i, cell in width.padded(cell, to: widths[i], alignment: i == 0 || columns[i] == "状況" || columns[i] == "優先" || columns[i] == "種別" ? .leading : .trailing) }.joined(separator: "  ")
                while line.last == " " { line.removeLast() }
                return line
            }
            out.append(format(columns))
            out += rows.map(format)
        }
        return out + [""]
    }
}

/// CSV (UTF-8 with BOM, for Excel) and JSON of the same figures.
struct ReviewTableRenderer {
    let report: ReviewReport

    /// `section,key,name,attended,invited,rate`, one line a figure.
    var rows: [[String]] {
        let review = report.review
        func rate(_ r: ParticipationReview.Rate) -> String { r.ratio.map { String(format: "%.4f", $0) } ?? "" }
        var rows: [[String]] = [["overall", "\(review.year.startYear)", report.scope, "\(review.overall.attended)", "\(review.overall.invited)", rate(review.overall)]]
        if let previous = report.previous {
            rows.append(["overall", "\(previous.year.startYear)", report.scope, "\(previous.overall.attended)", "\(previous.overall.invited)", rate(previous.overall)])
        }
        rows.append(["reach", "\(review.year.startYear)", report.scope, "\(review.reach.attended)", "\(review.reach.invited)", rate(review.reach)])
        rows += review.bySeries.map { ["series", $0.series.id.rawValue, $0.series.title, "\($0.rate.attended)", "\($0.rate.invited)", rate($0.rate)] }
        rows += review.byMonth.map { ["month", String(format: "%04d-%02d", $0.month.year, $0.month.month), "\($0.month.month)月", "\($0.rate.attended)", "\($0.rate.invited)", rate($0.rate)] }
        rows += review.byKind.map { ["kind", $0.kind.identifier, $0.kind.rawValue, "\($0.rate.attended)", "\($0.rate.invited)", rate($0.rate)] }
        rows += review.byBusiness.map { ["business", $0.business.id.rawValue, $0.business.name, "\($0.rate.attended)", "\($0.rate.invited)", rate($0.rate)] }
        rows += review.followUps(months: report.followUpMonths).map { ["follow-up", $0.business.id.rawValue, $0.business.name, "0", "\($0.invited)", $0.lastAttended?.description ?? ""] }
        rows += review.walkIns.map { ["walk-in", $0.business.id.rawValue, $0.business.name, "1", "0", $0.meeting.date.description] }
        if let progress = report.progress {
            rows += progress.tasks.map { ["task", "\($0.task.number)", $0.task.title, "\($0.done)", $0.due.map(String.init) ?? "", $0.rate.map { String(format: "%.4f", $0) } ?? ""] }
        }
        return rows
    }

    func csv() -> String {
        ExcelCSV.text([["section", "key", "name", "attended", "invited", "rate"]] + rows)
    }

    func json() -> String {
        struct Figure: Encodable {
            var section, key, name: String
            var attended: Int?
            var invited: Int?
            var rate: Double?
            var lastAttended: String?
        }
        let figures = rows.map { row -> Figure in
            let dated = row[0] == "follow-up" || row[0] == "walk-in"
            return Figure(section: row[0], key: row[1], name: row[2], attended: Int(row[3]), invited: Int(row[4]),
                          rate: dated ? nil : Double(row[5]), lastAttended: dated && !row[5].isEmpty ? row[5] : nil)
        }
        struct Document: Encodable {
            var council: String
            var year: Int
            var asOf: String
            var scope: String
            var figures: [Figure]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(council: report.review.council.id, year: report.review.year.startYear, asOf: report.review.asOf.description, scope: report.scope, figures: figures)
        // Encoding strings, numbers and optionals cannot fail.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}
