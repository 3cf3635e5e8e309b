import CouncilCore
import Foundation
import HTMLTemplates

/// The review as one self-contained HTML page with inline SVG charts: nothing external, prints on A4.
struct ReviewHTMLRenderer {
    let report: ReviewReport

    func render() -> String {
        let review = report.review
        var sections: [[String: Any]] = []
        if let previous = report.previous {
            let years = [(previous.year.japaneseName, previous.overall), (review.year.japaneseName, review.overall)]
            sections.append(
                section(
                    "前年度との比較",
                    [
                        "vertical": BarChart.vertical(
                            years.map { ($0.0, $0.1.ratio, $0.1) }, width: 360, title: "前年度と今年度の参加率", id: "chart-years")
                    ].merging(rateTable("年度", years)) { $1 }))
        }
        let figures = report.months
        let months = review.year.months.map { month -> (String, Double?, ParticipationReview.Rate) in
            let rate = review.byMonth.first { $0.month == month }?.rate ?? ParticipationReview.Rate()
            return ("\(month.month)月", rate.ratio, rate)
        }
        let unrecorded = review.year.months.map { month in figures.first { $0.month == month }?.unrecorded ?? 0 }
        sections.append(
            section(
                "月別の参加率",
                [
                    "vertical": BarChart.vertical(
                        months, width: 720, title: "月別の参加率", id: "chart-months", unrecorded: unrecorded)
                ].merging(monthTable(figures)) { $1 }))
        let bySeries = review.bySeries.map { ($0.series.title, $0.rate) }
        sections.append(
            section(
                "会議体別の参加率",
                [
                    "horizontal": BarChart.horizontal(bySeries, title: "会議体別の参加率", id: "chart-series")
                ].merging(rateTable("会議体", bySeries)) { $1 }))
        let byBusiness = review.byBusiness.map { ("\($0.business.name)(\($0.business.kindName))", $0.rate) }
        sections.append(
            section(
                "事業所別の参加率",
                [
                    "horizontal": BarChart.horizontal(byBusiness, title: "事業所別の参加率", id: "chart-businesses")
                ].merging(rateTable("事業所", byBusiness)) { $1 }))
        sections.append(section("出欠の記録がない会議(未記録。記録されるまでどの率にも数えません)", unrecordedTable()))
        sections.append(section("声掛けが必要な事業所(\(report.followUpMonths)か月以上参加なし・今年度未参加)", followUpTable()))
        if let replies = review.priorReplies {
            let rows = report.noShowRows(replies)
            sections.append(
                section(
                    ReviewReport.noShowHeading,
                    rows.isEmpty ? ["none": "なし"] : ["table": DocumentStyle.table(ReviewReport.noShowColumns, rows)]))
        }
        if !review.walkIns.isEmpty { sections.append(section("飛び入り参加(案内していない会議への参加。参加率には数えません)", walkInTable())) }
        for above in report.apart {
            sections.append(
                section(
                    report.apartHeading(above),
                    rateTable(
                        "会議体", above.review.bySeries.map { ($0.series.title, $0.rate) } + [("計", above.review.overall)])
                ))
        }
        if let progress = report.progress {
            sections.append(
                section("計画と実績(達成率 \(report.overallProgress(progress)))", ["progress": progressTable(progress)]))
            if report.explain {
                sections.append(section("達成率の数え方", ["explanation": explanationList(report.explanation(progress))]))
            }
        }
        let context: [String: Any] = [
            "title": report.title,
            "subtitle": report.subtitle,
            "cards": cards(),
            "sections": sections,
            "style": DocumentStyle.portrait + """
                th { white-space: nowrap; }
                td.mark { text-align: center; width: 2.2rem; }
                td.task { min-width: 14rem; }
                .done { color: #1f6b1f; } .missed { color: #b3261e; } .cancelled { color: #595959; } .upcoming { color: #1f4e99; } .unrecorded { color: #6b4700; }
                .badge { display: inline-block; background: #fde7d9; color: #8a3b00; border-radius: 4px; padding: 0 0.4rem; margin-right: 0.3rem; font-size: 0.85rem; }
                ul.explain > li { margin-top: 0.6rem; }
                ul.explain ul { margin: 0.2rem 0; font-size: 0.92rem; }
                """,
        ]
        return HTMLTemplate.render(.reviewPage, context)
    }

    /// A section of the page: its heading and what it shows (`HTMLTemplate.Name.reviewPage` names the parts);
    /// every part it does not show is `false`, so that a nested part never finds another section's.
    private func section(_ heading: String, _ parts: [String: Any]) -> [String: Any] {
        let none: [String: Any] = [
            "vertical": false, "horizontal": false, "table": false, "plain": false, "explanation": false,
            "progress": false, "none": false,
        ]
        return none.merging(parts) { $1 }.merging(["heading": heading]) { $1 }
    }

    private func cards() -> [[String: Any]] {
        let review = report.review
        var cards = [
            DocumentStyle.card(
                "参加率", review.overall.percent, "出席 \(review.overall.attended) / 案内 \(review.overall.invited)"),
            DocumentStyle.card("回答率", review.overall.replyPercent, report.replies(review.overall)),
        ]
        if let replies = review.priorReplies {
            cards.append(DocumentStyle.card("事前回答率", replies.percent, report.priorReplyCounts(replies)))
        }
        cards += [
            DocumentStyle.card(
                "オンライン比率", review.overall.onlinePercent,
                "オンライン \(review.overall.online) / 出席 \(review.overall.attended)"),
            DocumentStyle.card(
                "到達率", review.reach.percent, "参加した事業所 \(review.reach.attended) / \(review.reach.invited)"),
            DocumentStyle.card("記録のある会議", "\(report.meetingsInScope)回", report.scope),
        ]
        if let comparison = report.comparison, let points = report.pointChange {
            cards.insert(DocumentStyle.card("前年度比", "\(points >= 0 ? "+" : "")\(points)ポイント", comparison), at: 1)
        }
        return cards
    }

    /// A table with plain headings (`HTMLTemplate.Name.plainTable`): each row's cells, the `numeric` ones
    /// right-aligned, and the `badges` of each row after its last cell.
    private func plainTable(_ columns: [String], _ rows: [[String]], numeric: Set<Int> = [], badges: [[String]] = [])
        -> [String: Any]
    {
        let rows = rows.enumerated().map { number, row -> [String: Any] in
            [
                "cells": row.enumerated().map { index, cell -> [String: Any] in
                    let last = index == row.count - 1 && number < badges.count
                    return ["text": cell, "num": numeric.contains(index), "badges": last ? badges[number] : []]
                }
            ]
        }
        return ["plain": ["columns": columns, "rows": rows]]
    }

    private func followUpTable() -> [String: Any] {
        let rows = report.review.followUps(months: report.followUpMonths)
        guard !rows.isEmpty else { return ["none": "該当なし"] }
        let badges = rows.map { followUp in
            [followUp.isNew ? "新規事業所" : nil, followUp.isOnePerson ? "一人事業所" : nil].compactMap { $0 }
        }
        return plainTable(
            ["事業所", "状況", "案内回数", "優先"], rows.map { [$0.business.name, report.lastSeen($0), "\($0.invited)", ""] },
            numeric: [2], badges: badges)
    }

    /// The explanation's lines as a list of tasks, each with its months (the indented lines) nested.
    private func explanationList(_ lines: [String]) -> [String: Any] {
        var items: [(String, [String])] = []
        for line in lines {
            if line.hasPrefix(" "), !items.isEmpty {
                items[items.count - 1].1.append(line.trimmingCharacters(in: .whitespaces))
            } else {
                items.append((line, []))
            }
        }
        return [
            "items": items.map { head, months -> [String: Any] in
                ["head": head, "nested": !months.isEmpty, "months": months]
            }
        ]
    }

    /// Each row's counts as the text form shows them.
    private func rateTable(_ heading: String, _ rows: [(String, ParticipationReview.Rate)]) -> [String: Any] {
        guard !rows.isEmpty else { return ["none": "記録なし"] }
        return [
            "table": DocumentStyle.table(
                [heading] + ReviewReport.rateColumns, rows.map { [$0.0] + ReviewReport.rateCells($0.1) },
                numeric: 1...ReviewReport.rateColumns.count)
        ]
    }

    /// The months as the text form shows them, 未記録 where a month's meetings are not recorded.
    private func monthTable(_ months: [ReviewReport.MonthFigures]) -> [String: Any] {
        guard !months.isEmpty else { return ["none": "記録なし"] }
        let columns = report.monthColumns(months)
        return [
            "table": DocumentStyle.table(
                columns,
                months.map {
                    report.monthCells($0, unrecordedColumn: columns.count > ReviewReport.rateColumns.count + 1)
                }, numeric: 1...ReviewReport.rateColumns.count)
        ]
    }

    private func unrecordedTable() -> [String: Any] {
        let rows = report.review.unrecorded
        guard !rows.isEmpty else { return ["none": "なし"] }
        return plainTable(["会議体", "開催日"], rows.map { [report.seriesTitle($0.series), $0.date.japaneseDescription] })
    }

    private func walkInTable() -> [String: Any] {
        plainTable(
            ["事業所", "会議", "開催日"],
            report.review.walkIns.map { walkIn in
                [
                    walkIn.business.name, report.seriesTitle(walkIn.meeting.series),
                    walkIn.meeting.date.japaneseDescription,
                ]
            })
    }

    private func progressTable(_ progress: PlanProgress) -> [String: Any] {
        let tasks = progress.tasks.map { task -> [String: Any] in
            let marks = task.months.map { _, state -> [String: Any] in
                let (kind, label, symbol): (String?, String?, String) =
                    switch state {
                    case .done, .doneUnplanned: ("done", "実施", "●")
                    case .missed: ("missed", "未実施", "×")
                    case .unrecorded: ("unrecorded", "未記録", "△")
                    case .cancelled: ("cancelled", "中止", "−")
                    case .upcoming: ("upcoming", "予定", "■")
                    case .unplanned: (nil, nil, "")
                    }
                return ["state": HTMLTemplate.section(kind), "label": HTMLTemplate.section(label), "symbol": symbol]
            }
            return [
                "number": task.task.numberLabel, "title": task.task.title, "marks": marks,
                "rate": report.taskRate(task),
            ]
        }
        return ["months": progress.plan.year.months.map(\.month), "tasks": tasks]
    }
}
