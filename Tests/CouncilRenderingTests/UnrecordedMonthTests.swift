import CouncilCore
import CouncilRendering
import Foundation
import Spreadsheet
import Testing

@Suite("A month whose meetings were held and not recorded says 未記録 in the review's monthly table and chart")
struct UnrecordedMonthTests {
    static let year = FiscalYear(2026)
    static func day(_ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: 2026, month: m, day: d) }

    /// Two businesses invited to 4/14, 5/12, 6/9 and 6/23; 4/14 and 6/9 recorded. May's one meeting is 未記録,
    /// June has one recorded and one not.
    static func report(asOf: CalendarDate) -> ReviewReport {
        let a = Business(id: "a", name: "A相談室", kind: .designated)
        let b = Business(id: "b", name: "B相談室", kind: .designated)
        var council = Council(
            id: "t", name: "テスト協議会", shortName: "テスト", businesses: [a, b],
            series: [
                MeetingSeries(
                    id: "s1", title: "連絡会", kind: .liaison, schedule: .dates([]), scheduleText: "",
                    invitation: Invitation(kinds: [.designated]))
            ])
        let occurrences = [day(4, 14), day(5, 12), day(6, 9), day(6, 23)].map {
            Occurrence(series: "s1", originalDate: $0, date: $0, time: nil)
        }
        council.published[year] = PublishedSchedule(
            year: year,
            meetings: occurrences.map { occurrence in
                Meeting(
                    occurrence: occurrence,
                    announcement: MeetingAnnouncement(
                        occurrence, of: council.series[0], in: council, invited: ["a", "b"]))
            })
        council.attendance[year] = AttendanceBook([
            AttendanceEntry(series: "s1", originalDate: day(4, 14), business: "a", status: .present),
            AttendanceEntry(series: "s1", originalDate: day(4, 14), business: "b", status: .absent),
            AttendanceEntry(series: "s1", originalDate: day(6, 9), business: "a", status: .present),
            AttendanceEntry(series: "s1", originalDate: day(6, 9), business: "b", status: .online),
        ])
        let councilYear = CouncilYear(
            council: council, year: year, today: day(7, 1), scheduler: Scheduler(calendar: council.calendar))
        return ReviewReport(review: ParticipationReview(councilYear, asOf: asOf))
    }

    /// The lines of a text or Markdown section, from its heading to the blank line after its table.
    static func section(_ text: String, _ heading: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasSuffix(heading) }) else { return [] }
        let rest = lines[(start + 1)...].drop { $0.isEmpty }
        return Array(rest.prefix { !$0.isEmpty })
    }

    @Test("text and Markdown: May is a row of 未記録, June's figures say one more meeting is 未記録")
    func textForms() throws {
        let report = Self.report(asOf: Self.day(6, 30))
        #expect(
            report.review.byMonth.map(\.month.month) == [4, 6], "the figures are those of the recorded meetings only")
        let text = Self.section(report.render(.text), "■ 月別")
        #expect(text.first?.hasSuffix("参加率  回答率  未記録") == true, "\(text)")
        #expect(
            text.dropFirst().map { $0.split(separator: " ").map(String.init) } == [
                ["4月", "1", "0", "0", "1", "0", "2", "50%", "100%"],
                ["5月", "未記録", "未記録", "1回"],
                ["6月", "2", "1", "0", "0", "0", "2", "100%", "100%", "1回"],
            ])
        let markdown = Self.section(report.render(.markdown), "## 月別")
        #expect(markdown.contains("| 5月 |  |  |  |  |  |  | 未記録 | 未記録 | 1回 |"), "\(markdown)")
        #expect(markdown.contains("| 6月 | 2 | 1 | 0 | 0 | 0 | 2 | 100% | 100% | 1回 |"))
        // With nothing unrecorded the table is as before: no 未記録 column.
        let april = Self.section(Self.report(asOf: Self.day(4, 30)).render(.text), "■ 月別")
        #expect(april.count == 2 && april.allSatisfy { !$0.contains("未記録") }, "\(april)")
    }

    @Test("HTML: the chart says 未記録 where May's bar would be and under June's; the table has May's row")
    func html() throws {
        let html = Self.report(asOf: Self.day(6, 30)).render(.html)
        let chart = try #require(
            html.range(of: "aria-labelledby=\"chart-months\"").flatMap { start in
                html[start.lowerBound...].range(of: "</svg>").map { html[start.lowerBound..<$0.upperBound] }
            })
        #expect(chart.contains(">未記録</text>") && chart.contains(">1回</text>") && chart.contains(">未記録1回</text>"))
        #expect(
            html.contains(
                "<tr><th scope=\"row\">5月</th><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">未記録</td><td class=\"num\">未記録</td><td>1回</td></tr>"
            ))
    }

    @Test("workbook: 月別 has May with 未記録 for its rates and the count of meetings not recorded as a number")
    func workbook() throws {
        let sheet = try #require(Self.report(asOf: Self.day(6, 30)).workbook().sheets.first { $0.name == "月別" })
        func value(_ cell: Cell) -> String {
            switch cell.value {
            case .text(let text): return text
            case .number(let number): return "\(number)"
            case .empty: return ""
            }
        }
        #expect(sheet.rows[2].map(value).last == "未記録")
        #expect(
            sheet.rows.dropFirst(3).map { $0.map(value) } == [
                ["4月", "1.0", "0.0", "0.0", "1.0", "0.0", "2.0", "0.5", "1.0", ""],
                ["5月", "", "", "", "", "", "", "未記録", "未記録", "1.0"],
                ["6月", "2.0", "1.0", "0.0", "0.0", "0.0", "2.0", "1.0", "1.0", "1.0"],
            ])
    }
}
