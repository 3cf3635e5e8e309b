import CouncilCore
import HTMLTemplates

/// The 計画案 for the 運営会議, laid out as the seed's plans are: 前年度の取組, 明らかになったこと, 目標; the table
/// of 課題 with their 取組 and 備考; the 作業手順・スケジュール grid; その他特記事項.
///
/// Text form:
///
/// ```
/// 令和8年度 指定特定相談支援事業所と関係機関のネットワーク強化に向けた計画案(青葉区障害者自立支援協議会)
///
/// ■ 令和7年度の取組
///   ・青葉区内の指定特定相談支援事業所16か所にヒアリングを実施し…
/// ■ 目標達成に向け解決すべき課題と取組
///   ① 相談員同士のネットワーク形成ができるような仕組みづくりを行う必要がある。…
///      取組: ・相談支援事業所等連絡会議で実施している『ちょこっとケースレビュー』において…
/// ```
public struct PlanDocument: Sendable {
    public var chart: GanttChart

    /// The plan of `chart`, with its grid as the chart draws it (planned months and the days of the meetings).
    public init(chart: GanttChart) {
        self.chart = chart
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, html
    }

    var plan: Plan { chart.plan }

    /// The plan's title, with the council's name after it unless the title names the council already.
    public var title: String {
        let council = chart.council
        let named = plan.title.contains(council.name) || plan.title.contains(council.shortName)
        return named ? plan.title : "\(plan.title)(\(council.name))"
    }

    /// 前年度の取組, 明らかになったこと, 目標: the heading and the paragraphs of each.
    var opening: [(heading: String, items: [String])] {
        [
            ("\(plan.year.previous.japaneseName)の取組", plan.previousWork),
            ("\(plan.year.previous.japaneseName)の取組を通じて明らかになったこと", plan.findings),
            ("目標", plan.goals),
        ]
    }

    /// `width` is the text grid's width in columns.
    public func render(_ format: Format, width: Int = 100) -> String {
        switch format {
        case .text, .markdown: return text(markdown: format == .markdown, width: width)
        case .html: return html()
        }
    }

    private func text(markdown: Bool, width: Int) -> String {
        let sections = TextSections(markdown: markdown)
        var out = [markdown ? "# \(title)\n" : "\(title)\n"]
        func list(_ items: [String]) -> [String] {
            items.isEmpty ? [markdown ? "なし" : "  なし"] : items.map { markdown ? "- \($0)" : "  ・\($0)" }
        }
        for (heading, items) in opening {
            out.append(sections.heading(heading))
            out += list(items) + [""]
        }
        out.append(sections.heading("目標達成に向け解決すべき課題と課題解決のための取組"))
        for issue in plan.issues {
            out.append(
                markdown
                    ? "### \(circledNumber(issue.number)) \(issue.problem)\n"
                    : "  \(circledNumber(issue.number)) \(issue.problem)")
            out += issue.actions.map { markdown ? "- 取組: \($0)" : "     取組: \($0)" }
            if let remarks = issue.remarks { out.append(markdown ? "- 備考: \(remarks)" : "     備考: \(remarks)") }
            out.append("")
        }
        out.append(sections.heading("課題解決のための取組に係る作業手順・スケジュール"))
        out.append(chart.render(GanttOptions(format: markdown ? .markdown : .text, width: width)))
        out.append(sections.heading("その他計画案に関する特記事項"))
        out += list(plan.notes)
        return out.joined(separator: "\n") + "\n"
    }

    private func html() -> String {
        let opening = self.opening.map { heading, items -> [String: Any] in ["heading": heading, "items": items] }
        let issues = plan.issues.map { issue -> [String: Any] in
            [
                "number": circledNumber(issue.number), "problem": issue.problem, "hasActions": !issue.actions.isEmpty,
                "actions": issue.actions, "remarks": issue.remarks ?? "",
            ]
        }
        let context: [String: Any] = [
            "title": title,
            "opening": opening,
            "issues": issues,
            "hasIssues": !issues.isEmpty,
            "grid": GanttHTMLRenderer(chart: chart, dates: true).grid(),
            "notes": ["items": plan.notes],
            "style": DocumentStyle.portrait + GanttHTMLRenderer.style + """
                table.plan > tbody > tr > th[scope="row"], table.plan > tr > th[scope="row"] { background: #eef2f7; text-align: left; width: 11rem; }
                table.issues > tbody > tr > th[scope="row"] { text-align: center; }
                table.issues col.no { width: 2.5rem; } table.issues col.problem { width: 34%; } table.issues col.remarks { width: 18%; }
                table.plan ul { margin: 0; padding-left: 1.2rem; }
                table.plan p { margin: 0 0 0.3rem; }
                section.schedule { break-inside: avoid; }
                table.grid { font-size: 0.85rem; }
                """,
        ]
        return HTMLTemplate.render(.planPage, context)
    }
}
