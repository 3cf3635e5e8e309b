import CouncilCore
import HTMLTemplates

/// A business's year as one self-contained page: its figures beside the council's (a chart and the same numbers
/// in a table), its meetings with what was recorded, the meetings to come, its supervision and visit slots.
struct BusinessYearHTMLRenderer {
    let report: BusinessYearReport

    func render() -> String {
        let year = report.year
        var comparison = [(year.business.name, year.rate), ("協議会全体", year.councilRate)]
        if let kind = year.kindRate { comparison.append(("\(year.business.kindName)全体", kind)) }
        let past = year.meetings.filter { $0.state != .upcoming }
        let pastTable = DocumentStyle.table(
            ["開催日", "会議", "記録", "数え方"],
            past.map {
                [
                    $0.meeting.date.japaneseDescription, $0.meeting.announcement.title,
                    BusinessYearReport.label($0.state), BusinessYearReport.meaning($0.state),
                ]
            })
        let upcomingTable = DocumentStyle.table(
            ["開催日", "時間", "会議", "会場"],
            year.upcoming.map {
                [
                    $0.meeting.date.japaneseDescription, report.time($0.meeting), $0.meeting.announcement.title,
                    report.place($0.meeting),
                ]
            })
        let slotTable = DocumentStyle.table(["日付", "種類", "役割", "担当", "状況"], year.slots.map(report.slotCells))
        let comparisonRows: [[String]] = comparison.map {
            [$0.0, "\($0.1.attended)", "\($0.1.online)", "\($0.1.invited)", $0.1.percent]
        }
        let cards: [[String: Any]] = report.rateLines.map { DocumentStyle.card($0.label, $0.figure, "(\($0.counts))") }
        let context: [String: Any] = [
            "title": report.title,
            "subtitle": report.subtitle,
            "style": DocumentStyle.portrait,
            "cards": cards,
            "chart": BarChart.horizontal(comparison, title: "\(year.business.name)と協議会全体の参加率", id: "chart-compare"),
            "comparison": DocumentStyle.table(["対象", "出席", "うちオンライン", "案内", "参加率"], comparisonRows, numeric: 1...4),
            "past": HTMLTemplate.section(past.isEmpty ? nil : pastTable),
            "upcoming": HTMLTemplate.section(year.upcoming.isEmpty ? nil : upcomingTable),
            "slots": HTMLTemplate.section(year.slots.isEmpty ? nil : slotTable),
            "contact": HTMLTemplate.section(report.review.council.secretariat?.contactLine),
        ]
        return HTMLTemplate.render(.businessYearPage, context)
    }
}
