import CouncilTestSupport
import Foundation
import Testing

@Suite("council plan, notice, review --business and --format xlsx, as a secretariat runs them")
struct DocumentCommandTests {
    let today = ["COUNCIL_TODAY": "2026-12-01"]

    @Test("plan, notice and a business's year print; a wrong command line says why and exits 2")
    func documents() throws {
        let folders = try BundledPlans.copy(["aoba", "miyagino", "wakabayashi", "taihaku", "izumi", "sendai"])
        let plan = try Council.run(["plan", folders[0], "--format", "markdown"], environment: today)
        #expect(plan.status == 0 && plan.output.contains("## 目標") && plan.output.contains("| No | 取組 |"))
        let notices = try Council.run(["notice", folders[0], "--all-upcoming"], environment: today)
        #expect(notices.status == 0 && notices.output.contains("令和8年12月8日(火) 14:00〜16:00"))
        let none = try Council.run(["notice", folders[0]], environment: today)
        #expect(none.status == 2 && none.errors.contains("--all-upcoming"))
        let unknown = try Council.run(["notice", folders[0], "renrakukai", "2026-12-09"], environment: today)
        #expect(unknown.status == 2 && unknown.errors.contains("2026-12-08"), "the series' days are listed")
        let year = try Council.run(["review", folders[0], "--business", "hirose"], environment: today)
        #expect(year.status == 0 && year.output.contains("相談室ひろせの一年") && year.output.contains("【共催】青葉区・宮城野区 合同事例検討会"))
        let csv = try Council.run(
            ["review", folders[0], "--business", "hirose", "--format", "csv"], environment: today)
        #expect(csv.status == 2)
        let nobody = try Council.run(["review", folders[0], "--business", "nobody"], environment: today)
        #expect(nobody.status == 2 && nobody.errors.contains("nobody"))
        // Counted apart by default, counted in when asked.
        let apart = try Council.run(["review", folders[0]], environment: today)
        let joined = try Council.run(["review", folders[0], "--with-city"], environment: today)
        #expect(apart.output.contains("仙台市の会議(別集計") && !joined.output.contains("仙台市の会議(別集計"))
        #expect(
            apart.output.split(separator: "\n").first { $0.hasPrefix("参加率") }
                != joined.output.split(separator: "\n").first { $0.hasPrefix("参加率") })
    }

    @Test("--format xlsx writes a workbook to standard output")
    func workbook() throws {
        let folder = try #require(try BundledPlans.copy(["izumi"]).first)
        let run = try Council.run(["gantt", folder, "--format", "xlsx"], environment: today)
        #expect(run.status == 0 && run.output.utf8.starts(with: [0x50, 0x4B]), "a zip file")
    }
}
