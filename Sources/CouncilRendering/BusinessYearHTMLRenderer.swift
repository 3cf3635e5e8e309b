import CouncilCore
import TextFormats

/// A business's year as one self-contained page: its figures beside the council's (a chart and the same numbers
/// in a table), its meetings with what was recorded, the meetings to come, its supervision and visit slots.
struct BusinessYearHTMLRenderer {
    let report: BusinessYearReport

    func render() -> String {
        let year = report.year
        var comparison = [(year.business.name, year.rate), ("協議会全体", year.councilRate)]
        if let kind = year.kindRate { comparison.append(("\(year.business.kindName)全体", kind)) }
        let past = year.meetings.filter { $0.state != .upcoming }
        let body = """
        <main>
        <h1>\(htmlEscaped(report.title))</h1>
        <p class="sub">\(htmlEscaped(report.subtitle))</p>
        <div class="cards">\(report.rateLines.map { DocumentStyle.card($0.label, $0.figure, "(\($0.counts))") }.joined())</div>
        <h2>参加率の比較</h2>
        \(BarChart.horizontal(comparison, title: "\(year.business.name)と協議会全体の参加率", id: "chart-compare"))
        \(DocumentStyle.table(["対象", "出席", "うちオンライン", "案内", "参加率"], comparison.map { [$0.0, "\($0.1.attended)", "\($0.1.online)", "\($0.1.invited)", $0.1.percent] }, numeric: 1...4))
        <h2>会議と出欠</h2>
        \(past.isEmpty ? "<p>まだありません</p>" : DocumentStyle.table(["開催日", "会議", "記録", "数え方"], past.map { [$0.meeting.date.japaneseDescription, $0.meeting.announcement.title, BusinessYearReport.label($0.state), BusinessYearReport.meaning($0.state)] }))
        <h2>これからの会議</h2>
        \(year.upcoming.isEmpty ? "<p>今年度はもうありません</p>" : DocumentStyle.table(["開催日", "時間", "会議", "会場"], year.upcoming.map { [$0.meeting.date.japaneseDescription, report.time($0.meeting), $0.meeting.announcement.title, report.place($0.meeting)] }))
        <h2>スーパービジョン・訪問</h2>
        \(year.slots.isEmpty ? "<p>今年度はありません</p>" : DocumentStyle.table(["日付", "種類", "役割", "担当", "状況"], year.slots.map(report.slotCells)))
        \(report.review.council.secretariat.map { "<p>\(htmlEscaped($0.contactLine))</p>" } ?? "")
        </main>
        """
        return htmlPage(title: report.title, style: DocumentStyle.portrait, body: body)
    }
}
