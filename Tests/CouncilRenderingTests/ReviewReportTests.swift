import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import Foundation
import Testing

@Suite("The annual review of the bundled 泉区")
struct ReviewReportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let asOf = CalendarDate(year: 2026, month: 11, day: 20)

    func report() async throws -> ReviewReport {
        let council = try await PlanDirectory.load(
            Self.repository.appendingPathComponent("plans/izumi").path, expander: LibicalRecurrence(), today: asOf
        ).get()
        let years = CouncilYears(council: council, today: asOf, expander: LibicalRecurrence())
        func review(_ year: FiscalYear, _ asOf: CalendarDate) -> ParticipationReview {
            ParticipationReview(years.year(year), asOf: asOf, kinds: [.designated])
        }
        let year = FiscalYear(2026)
        let progress = try #require(PlanProgress(years.year(year), asOf: asOf))
        return ReviewReport(
            review: review(year, asOf), previous: review(year.previous, year.previous.lastDay), progress: progress)
    }

    @Test("docs/review.md's worked example is what the review of the bundled 青葉区 on 2026-12-01 prints")
    func workedExample() async throws {
        let day = CalendarDate(year: 2026, month: 12, day: 1)
        let council = try await PlanDirectory.load(
            Self.repository.appendingPathComponent("plans/aoba").path, expander: LibicalRecurrence(), today: day
        ).get()
        let year = CouncilYears(council: council, today: day, expander: LibicalRecurrence()).year(FiscalYear(2026))
        let text = ReviewReport(
            review: ParticipationReview(year, asOf: day), progress: PlanProgress(year, asOf: day), explain: true
        ).render(.text)
        let docs = String(
            decoding: try #require(
                FileManager.default.contents(atPath: Self.repository.appendingPathComponent("docs/review.md").path)),
            as: UTF8.self)
        let example = try #require(
            docs.components(separatedBy: "### Worked example").dropFirst().first?.components(
                separatedBy: "## Plan against actual"
            ).first)
        let quoted = example.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.flatMap {
            $0.element.split(separator: "\n")
        }
        #expect(quoted.count >= 8)
        for line in quoted {
            #expect(text.contains(line), "docs/review.md quotes a line the review does not print: \(line)")
        }
        #expect(example.contains("出席 50, うちオンライン 8, 欠席連絡あり 18, 欠席 16, 無回答 0, 案内 84"))
        let series = try #require(
            ParticipationReview(year, asOf: day).bySeries.first { $0.series.id == "renrakukai" }?.rate)
        let counts: [Int] = [
            series.attended, series.online, series.excused, series.absent, series.unanswered, series.invited,
        ]
        #expect(counts == [50, 8, 18, 16, 0, 84])
    }

    @Test("the HTML report shows the same numbers as the text report")
    func sameNumbers() async throws {
        let report = try await report()
        let text = report.render(.text)
        let html = report.render(.html)
        let review = report.review
        #expect(!review.byBusiness.isEmpty)
        for (business, rate) in review.byBusiness {
            #expect(text.contains(business.name) && html.contains(business.name))
            #expect(html.contains("\(rate.percent)(\(rate.attended)/\(rate.invited))"), "\(business.name) in the HTML")
        }
        for figure in [review.overall.percent, review.reach.percent] + review.bySeries.map(\.rate.percent)
            + review.byMonth.map(\.rate.percent)
        {
            #expect(text.contains(figure) && html.contains(figure), "\(figure)")
        }
        let comparison = try #require(report.render(.text).split(separator: "\n").first { $0.hasPrefix("前年度比") })
        #expect(html.contains(String(comparison.dropFirst(4).drop { $0 == " " })))
    }

    @Test("泉区's 指定特定 rate rose from 令和7年度, and every business was reached")
    func izumi() async throws {
        let report = try await report()
        let now = try #require(report.review.overall.ratio)
        let before = try #require(report.previous?.overall.ratio)
        #expect(now > before)
        #expect(report.review.reach.attended == report.review.reach.invited)
    }

    @Test("CSV opens in Excel and JSON parses, with the same overall figure")
    func tables() async throws {
        let report = try await report()
        let csv = report.render(.csv)
        #expect(
            csv.hasPrefix("\u{FEFF}section,key,name,attended,invited,rate,online,excused,absent,replied,reply_rate\r\n")
        )
        let overallRate = report.review.overall
        #expect(
            csv.contains(",\(overallRate.online),\(overallRate.excused),\(overallRate.absent),\(overallRate.replied),"))
        #expect(csv.contains("overall,2026,指定特定,\(report.review.overall.attended),\(report.review.overall.invited),"))
        let json = try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any]
        let figures = try #require(json?["figures"] as? [[String: Any]])
        let overall = try #require(
            figures.first { $0["section"] as? String == "overall" && $0["key"] as? String == "2026" })
        #expect(overall["attended"] as? Int == report.review.overall.attended)
        #expect(
            overall["excused"] as? Int == report.review.overall.excused
                && overall["replied"] as? Int == report.review.overall.replied)
    }
}

@Suite("The plan grid against actual")
struct GanttActualTests {
    @Test("青葉区 on 2026-11-20: held meetings done, the August 周知 cancelled, the autumn joint meeting done")
    func aoba() async throws {
        let folder = ReviewReportTests.repository.appendingPathComponent("plans/aoba").path
        let day = CalendarDate(year: 2026, month: 11, day: 20)
        let council = try await PlanDirectory.load(folder, expander: LibicalRecurrence(), today: day).get()
        let year = FiscalYear(2026)
        let plan = try #require(council.plan(for: year))
        let progress = try #require(
            PlanProgress(
                CouncilYears(council: council, today: day, expander: LibicalRecurrence()).year(year), asOf: day))
        let text = GanttChart(council: council, plan: plan, progress: progress).render(
            GanttOptions(format: .text, width: 100))
        let rows = text.split(separator: "\n")
        func cells(_ number: String) throws -> [String] {
            let row = try #require(rows.first { $0.hasPrefix(number) })
            let months = row.split(separator: "│").last ?? ""
            return stride(from: 0, to: 48, by: 4).map { offset in
                let start = months.index(months.startIndex, offsetBy: min(offset + 1, months.count))
                let end = months.index(start, offsetBy: min(4, months.distance(from: start, to: months.endIndex)))
                return String(months[start..<end]).trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(try cells("①") == ["●", "", "●", "", "●", "", "●", "", "■", "", "■", ""])
        #expect(try cells("④").prefix(8) == ["●", "●", "●", "●", "−", "●", "●", "■"])
        #expect(try cells("⑤")[7] == "●")
        #expect(text.contains("● 実施  × 未実施  − 中止") || text.contains("● 実施  − 中止"))
    }
}
