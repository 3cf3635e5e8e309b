import CouncilCore
import CouncilFiles
import CouncilTestSupport
import Foundation
import Testing
import TextFormats

/// CSV injection (OWASP): no cell of user text the project writes opens as a formula, and its own records
/// read back as they were written.
@Suite("Formula-safe CSV")
struct FormulaSafeCSVTests {
    @Test(
        "cells that would start a formula get an apostrophe; numbers and plain text do not",
        arguments: [
            ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
            ("+81-22-000-1111", "'+81-22-000-1111"), ("-書類", "'-書類"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"), ("''@x", "'''@x"),
            ("-3", "-3"), ("+5", "+5"), ("0.6364", "0.6364"), ("相談室ひろせ", "相談室ひろせ"), ("'quoted", "'quoted"), ("", ""),
            ("'", "'"),
        ])
    func neutralise(cell: String, written: String) {
        #expect(ExcelCSV.neutralised(cell) == written)
        #expect(ExcelCSV.restored(written) == cell, "read back as it was")
    }

    @Test(
        "a roster name and a series title that look like formulas: the roster loads them, the published schedule writes and reads them back"
    )
    func records() async throws {
        var fixture = PlanFixture()
        fixture.files["businesses.csv"] = PlanFixture.roster.replacingOccurrences(
            of: "きた相談室", with: "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(
            of: "title: 相談支援事業所等連絡会", with: "title: \"@連絡会\"")
        let council = try await fixture.load().get()
        #expect(council.business("kita")?.name == "=HYPERLINK(\"http://evil\",\"x\")")
        let year = CouncilYear(
            council: council, year: FiscalYear(2026), today: CalendarDate(year: 2026, month: 4, day: 1),
            scheduler: Scheduler(calendar: council.calendar))
        let bytes = PublishedScheduleFile.bytes(year.publishedSchedule)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(",'@連絡会,"), "written as text")
        let again = PublishedScheduleFile.read(text, file: "published-2026.csv", year: FiscalYear(2026))
        #expect(again.problems.isEmpty && again.schedule == year.publishedSchedule, "and read back as it was")
    }
}
