import CouncilCore
import Foundation
import TextFormats

/// The review as one self-contained HTML page with inline SVG charts: nothing external, prints on A4.
struct ReviewHTMLRenderer {
    let report: ReviewReport

    func render() -> String {
        let review = report.review
        var sections: [String] = []
        sections.append(cards())
        if let previous = report.previous {
            let years = [(previous.year.japaneseName, previous.overall), (review.year.japaneseName, review.overall)]
            sections.append(section("前年度との比較", BarChart.vertical(years.map { ($0.0, $0.1.ratio, $0.1) }, width: 360, title: "前年度と今年度の参加率", id: "chart-years")
                + rateTable("年度", years)))
        }
        let figures = report.months
        let months = review.year.months.map { month -> (String, Double?, ParticipationReview.Rate) in
            let rate = review.byMonth.first { $0.month == month }?.rate ?? ParticipationReview.Rate()
            return ("\(month.month)月", rate.ratio, rate)
        }
        let unrecorded = review.year.months.map { month in figures.first { $0.month == month }?.unrecorded ?? 0 }
        sections.append(section("月別の参加率", BarChart.vertical(months, width: 720, title: "月別の参加率", id: "chart-months", unrecorded: unrecorded)
            + monthTable(figures)))
        let bySeries = review.bySeries.map { ($0.series.title, $0.rate) }
        sections.append(section("会議体別の参加率", BarChart.horizontal(bySeries, title: "会議体別の参加率", id: "chart-series") + rateTable("会議体", bySeries)))
        let byBusiness = review.byBusiness.map { ("\($0.business.name)(\($0.business.kindName))", $0.rate) }
        sections.append(section("事業所別の参加率", BarChart.horizontal(byBusiness, title: "事業所別の参加率", id: "chart-businesses") + rateTable("事業所", byBusiness)))
        sections.append(section("出欠の記録がない会議(未記録。記録されるまでどの率にも数えません)", unrecordedTable()))
        sections.append(section("声掛けが必要な事業所(\(report.followUpMonths)か月以上参加なし・今年度未参加)", followUpTable()))
        if let replies = review.priorReplies {
            let rows = report.noShowRows(replies)
            sections.append(section(ReviewReport.noShowHeading, rows.isEmpty ? "<p>なし</p>" : DocumentStyle.table(ReviewReport.noShowColumns, rows)))
        }
        if !review.walkIns.isEmpty { sections.append(section("飛び入り参加(案内していない会議への参加。参加率には数えません)", walkInTable())) }
        for above in report.apart {
            sections.append(section(report.apartHeading(above), rateTable("会議体", above.review.bySeries.map { ($0.series.title, $0.rate) } + [("計", above.review.overall)])))
        }
        if let progress = report.progress {
            sections.append(section("計画と実績(達成率 \(report.overallProgress(progress)))", progressTable(progress)))
            if report.explain {
                sections.append(section("達成率の数え方", explanationList(report.explanation(progress))))
            }
        }
        return htmlPage(title: report.title, style: DocumentStyle.portrait + """
        th { white-space: nowrap; }
        td.mark { text-align: center; width: 2.2rem; }
        td.task { min-width: 14rem; }
        .done { color: #1f6b1f; } .missed { color: #b3261e; } .cancelled { color: #595959; } .upcoming { color: #1f4e99; } .unrecorded { color: #6b4700; }
        .badge { display: inline-block; background: #fde7d9; color: #8a3b00; border-radius: 4px; padding: 0 0.4rem; margin-right: 0.3rem; font-size: 0.85rem; }
        ul.explain > li { margin-top: 0.6rem; }
        ul.explain ul { margin: 0.2rem 0; font-size: 0.92rem; }
        """, body: """
        <main>
        <h1>\(htmlEscaped(report.title))</h1>
        <p class="sub">\(htmlEscaped(report.subtitle))</p>
        \(sections.joined(separator: "\n"))
        </main>
        """)
    }

    private func section(_ heading: String, _ body: String) -> String {
        "<h2>\(htmlEscaped(heading))</h2>\n\(body)"
    }

    private func cards() -> String {
        let review = report.review
        var cards = [
            DocumentStyle.card("参加率", review.overall.percent, "出席 \(review.overall.attended) / 案内 \(review.overall.invited)"),
            DocumentStyle.card("回答率", review.overall.replyPercent, report.replies(review.overall)),
        ]
        if let replies = review.priorReplies { cards.append(DocumentStyle.card("事前回答率", replies.percent, report.priorReplyCounts(replies))) }
        cards += [
            DocumentStyle.card("オンライン比率", review.overall.onlinePercent, "オンライン \(review.overall.online) / 出席 \(review.overall.attended)"),
            DocumentStyle.card("到達率", review.reach.percent, "参加した事業所 \(review.reach.attended) / \(review.reach.invited)"),
            DocumentStyle.card("記録のある会議", "\(report.meetingsInScope)回", report.scope),
        ]
        if let comparison = report.comparison, let points = report.pointChange {
            cards.insert(DocumentStyle.card("前年度比", "\(points >= 0 ? "+" : "")\(points)ポイント", comparison), at: 1)
        }
        return "<div class=\"cards\">\(cards.joined())</div>"
    }

    private func followUpTable() -> String {
        let rows = report.review.followUps(months: report.followUpMonths)
        guard !rows.isEmpty else { return "<p>該当なし</p>" }
        let body = rows.map { followUp -> String in
            let badges = [followUp.isNew ? "新規事業所" : nil, followUp.isOnePerson ? "一人事業所" : nil].compactMap { $0 }.map { "<span class=\"badge\">\($0)</span>" }.joined()
            return "<tr><td>\(htmlEscaped(followUp.business.name))</td><td>\(htmlEscaped(report.lastSeen(followUp)))</td><td class=\"num\">\(followUp.invited)</td><td>\(badges)</td></tr>"
        }.joined(separator: "\n")
        return "<table><thead><tr><th>事業所</th><th>状況</th><th>案内回数</th><th>優先</th></tr></thead><tbody>\n\(body)\n</tbody></table>"
    }

    /// The explanation's lines as a list of tasks, each with its months (the indented lines) nested.
    private func explanationList(_ lines: [String]) -> String {
        var items: [(String, [String])] = []
        for line in lines {
            if line.hasPrefix(" "), !items.isEmpty {
                items[items.count - 1].1.append(line.trimmingCharacters(in: .whitespaces))
            } else {
                items.append((line, []))
            }
        }
        return "<ul class=\"explain\">" + items.map { head, months in
            "<li>\(htmlEscaped(head))" + (months.isEmpty ? "" : "<ul>" + months.map { "<li>\(htmlEscaped($0))</li>" }.joined() + "</ul>") + "</li>"
        }.joined(separator: "\n") + "</ul>"
    }

    /// Each row's counts as the text form shows them.
    private func rateTable(_ heading: String, _ rows: [(String, ParticipationReview.Rate)]) -> String {
        guard !rows.isEmpty else { return "<p>記録なし</p>" }
        return DocumentStyle.table([heading] + ReviewReport.rateColumns, rows.map { [$0.0] + ReviewReport.rateCells($0.1) }, numeric: 1...ReviewReport.rateColumns.count)
    }

    /// The months as the text form shows them, 未記録 where a month's meetings are not recorded.
    private func monthTable(_ months: [ReviewReport.MonthFigures]) -> String {
        guard !months.isEmpty else { return "<p>記録なし</p>" }
        let columns = report.monthColumns(months)
        return DocumentStyle.table(columns, months.map { report.monthCells($0, unrecordedColumn: columns.count > ReviewReport.rateColumns.count + 1) }, numeric: 1...ReviewReport.rateColumns.count)
    }

    private func unrecordedTable() -> String {
        let rows = report.review.unrecorded
        guard !rows.isEmpty else { return "<p>なし</p>" }
        let body = rows.map { "<tr><td>\(htmlEscaped(report.seriesTitle($0.series)))</td><td>\(htmlEscaped($0.date.japaneseDescription))</td></tr>" }.joined(separator: "\n")
        return "<table><thead><tr><th>会議体</th><th>開催日</th></tr></thead><tbody>\n\(body)\n</tbody></table>"
    }

    private func walkInTable() -> String {
        let body = report.review.walkIns.map { walkIn in
            "<tr><td>\(htmlEscaped(walkIn.business.name))</td><td>\(htmlEscaped(report.seriesTitle(walkIn.meeting.series)))</td><td>\(htmlEscaped(walkIn.meeting.date.japaneseDescription))</td></tr>"
        }.joined(separator: "\n")
        return "<table><thead><tr><th>事業所</th><th>会議</th><th>開催日</th></tr></thead><tbody>\n\(body)\n</tbody></table>"
    }

    private func progressTable(_ progress: PlanProgress) -> String {
        let head = progress.plan.year.months.map { "<th>\($0.month)月</th>" }.joined()
        let body = progress.tasks.map { task -> String in
            let cells = task.months.map { _, state -> String in
                switch state {
                case .done, .doneUnplanned: return "<td class=\"mark done\" title=\"実施\">●</td>"
                case .missed: return "<td class=\"mark missed\" title=\"未実施\">×</td>"
                case .unrecorded: return "<td class=\"mark unrecorded\" title=\"未記録\">△</td>"
                case .cancelled: return "<td class=\"mark cancelled\" title=\"中止\">−</td>"
                case .upcoming: return "<td class=\"mark upcoming\" title=\"予定\">■</td>"
                case .unplanned: return "<td class=\"mark\"></td>"
                }
            }.joined()
            let rate = report.taskRate(task)
            return "<tr><th scope=\"row\">\(htmlEscaped(task.task.numberLabel))</th><td class=\"task\">\(htmlEscaped(task.task.title))</td>\(cells)<td class=\"num\">\(rate)</td></tr>"
        }.joined(separator: "\n")
        return "<table><thead><tr><th>No</th><th>取組</th>\(head)<th>達成率</th></tr></thead><tbody>\n\(body)\n</tbody></table>\n<p>● 実施 × 未実施 △ 未記録(開催済み・記録なし) − 中止 ■ 予定</p>"
    }
}
