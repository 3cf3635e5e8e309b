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

    /// A ward's year as `council review` and `council gantt` see it: with its joint meetings, and the city's
    /// years (whose other meetings the review counts apart).
    func wardYear(_ ward: String) async throws -> (own: CouncilYear, above: [CouncilYear]) {
        let folder = BundledPlans.repository.appendingPathComponent("plans/\(ward)").path
        let years = try await PlanDirectory.loadYears(folder, expander: LibicalRecurrence(), today: day).get()
        let year = FiscalYear(2026)
        var above: [CouncilYear] = []
        for city in PlanDirectory.councilsAbove(folder) {
            above.append(
                try await PlanDirectory.loadYears(city, expander: LibicalRecurrence(), today: day).get().year(year))
        }
        return (try years.year(year).complete().joining(above: above, hosted: true), above)
    }

    /// `council review <ward>` as the command makes it.
    func wardReport(_ ward: String) async throws -> ReviewReport {
        let (own, above) = try await wardYear(ward)
        var report = ReviewReport(review: ParticipationReview(own, asOf: day), progress: PlanProgress(own, asOf: day))
        report.apart = above.map {
            ReviewReport.Apart(
                council: $0.council.shortName,
                review: ParticipationReview($0.seen(by: own.council, hosted: false), asOf: day))
        }
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

    @Test(
        "the city's meetings counted apart have a sheet of their own: each series and the total, as the text shows them",
        arguments: ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"])
    func cityApart(ward: String) async throws {
        let report = try await wardReport(ward)
        let above = try #require(
            report.apart.first, "every bundled ward's businesses are invited to the city's meetings")
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
            #expect(
                counts
                    == [rate.attended, rate.online, rate.excused, rate.absent, rate.unanswered, rate.invited].map {
                        Double($0)
                    }, "\(name)")
            #expect(Self.number(row[7]) == rate.ratio && row[7].style.numberFormat == "0%", "\(name)")
            // The text's table has the same row.
            #expect(text.contains(name) && text.contains(rate.percent))
        }
    }

    /// At least the lines `text` takes: its line breaks, and wrapped, its display width (全角 = 2) over its
    /// column's (a character kept for the margins), rounded up.
    static func fewestLines(_ text: String, wrappedAt columns: Double?) -> Int {
        let width = DisplayWidth(ambiguousIsWide: true)
        var lines = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let columns else {
                lines += 1
                continue
            }
            let room = columns.rounded(.down) - 1
            lines += max(1, Int((Double(width.of(line)) / room).rounded(.up)))
        }
        return lines
    }

    @Test(
        "every row with text is as tall as its tallest cell: each line of Japanese text with room, a wrapped cell's lines counted at its column's width (全角 = 2 columns)",
        arguments: ["aoba", "miyagino", "wakabayashi", "taihaku", "izumi"])
    func rowsFitTheirText(ward: String) async throws {
        let (own, above) = try await wardYear(ward)
        let joined = above.reduce(own) { $0.joining($1.seen(by: own.council, hosted: false)) }
        let grid = try #require(GanttChart(joined, progress: PlanProgress(own, asOf: day), today: day)).workbook(
            created: day)
        var wrapped = 0
        for sheet in await grid.sheets + (try wardReport(ward)).workbook().sheets {
            for (index, row) in sheet.rows.enumerated() {
                var needed: Double?
                for (column, cell) in row.enumerated() {
                    guard let text = Self.text(cell), !text.isEmpty else { continue }
                    let columns = column < sheet.columnWidths.count ? sheet.columnWidths[column] : 8.43
                    let lines = Self.fewestLines(text, wrappedAt: cell.style.wrap ? columns : nil)
                    if lines > 1 && cell.style.wrap && !text.contains("\n") { wrapped += 1 }
                    // A line of a Japanese font is about 1.45 times its size; 2 points for the borders.
                    needed = max(needed ?? 0, Double(lines) * (cell.style.fontSize ?? 11) * 1.45 + 2)
                }
                guard let needed else { continue }
                let height = sheet.rowHeights[index]
                #expect(
                    height.map { $0 >= needed } == true,
                    "\(sheet.name) row \(index + 1): \(height.map { "\($0)" } ?? "no height") for \(needed) points: \(row.compactMap(Self.text))"
                )
            }
        }
        #expect(wrapped > 0, "some 取組 is longer than its column")
    }
}
