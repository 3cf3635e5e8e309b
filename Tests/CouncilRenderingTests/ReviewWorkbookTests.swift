import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import CouncilTestSupport
import Foundation
import Spreadsheet
import Testing

@Suite("The review's workbook holds what the other forms of the review hold")
struct ReviewWorkbookTests {
    let day = CalendarDate(year: 2026, month: 12, day: 7)

    /// `council review <ward>` as the command makes it: the ward's year with its joint meetings, the city's other
    /// meetings counted apart.
    func wardReport(_ ward: String) throws -> ReviewReport {
        let folder = BundledPlans.repository.appendingPathComponent("plans/\(ward)").path
        let years = try PlanDirectory.loadYears(folder, expander: LibicalRecurrence(), today: day).get()
        let year = FiscalYear(2026)
        let above = try PlanDirectory.councilsAbove(folder).map { try PlanDirectory.loadYears($0, expander: LibicalRecurrence(), today: day).get().year(year) }
        let own = try years.year(year).complete().joining(above: above, hosted: true)
        var report = ReviewReport(review: ParticipationReview(own, asOf: day), progress: PlanProgress(own, asOf: day))
        report.apart = above.map { ReviewReport.Apart(council: $0.council.shortName, review: ParticipationReview($0.seen(by: years.council, hosted: false), asOf: day)) }
            .filter { !$0.review.invitations.isEmpty }
        return report
    }

    static func number(_ cell: Cell) -> Double? {
        if case .number(let value) = cell.value { return value }
        return nil
    }

    static func text(_ cell: Cell) -> String? {
        if case .text(let value) = cell.value { return value }
        return nil
    }

    @Test("the city's meetings counted apart have a sheet of their own: each series and the total, as the text shows them", arguments: ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"])
    func cityApart(ward: String) throws {
        let report = try wardReport(ward)
        let above = try #require(report.apart.first, "every bundled ward's businesses are invited to the city's meetings")
        let text = report.render(.text)
        #expect(text.contains("仙台市の会議(別集計"))
        let sheet = try #require(report.workbook().sheets.first { $0.name == "仙台市の会議" })
        #expect(sheet.rows[0].first.flatMap(Self.text)?.hasPrefix("仙台市の会議(別集計") == true)
        let expected = above.review.bySeries.map { ($0.series.title, $0.rate) } + [("計", above.review.overall)]
        let rows = Array(sheet.rows.dropFirst(3))
        #expect(rows.count == expected.count)
        for (row, (name, rate)) in zip(rows, expected) {
            #expect(Self.text(row[0]) == name)
            let counts = row[1...6].map(Self.number)
            #expect(counts == [rate.attended, rate.online, rate.excused, rate.absent, rate.unanswered, rate.invited].map { Double($0) }, "\(name)")
            #expect(Self.number(row[7]) == rate.ratio && row[7].style.numberFormat == "0%", "\(name)")
            // The text's table has the same row.
            #expect(text.contains(name) && text.contains(rate.percent))
        }
    }
}
