import CouncilTestSupport
import Foundation
import Testing

/// A council whose every name a page shows is markup, quotes and an ampersand, as a careless or hostile edit of
/// the plan files could make it: every page shows it as text.
@Suite("Every page escapes what the plan files say")
struct EscapingTests {
    static let hostile = "<script>alert(1)</script>&\"'"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"
    /// The hostile text and `suffix` as a single-quoted YAML scalar.
    static func yaml(_ suffix: String = "") -> String {
        "'" + (hostile + suffix).replacingOccurrences(of: "'", with: "''") + "'"
    }

    static var fixture: PlanFixture {
        var fixture = PlanFixture()
        fixture.files["council.yaml"] = """
            id: demo
            name: \(yaml("見本区"))
            short_name: \(yaml())
            uid_domain: demo.example.jp
            secretariat:
              name: \(yaml("事務局"))
              contact: \(yaml())
            series:
              - id: renrakukai
                title: \(yaml("連絡会"))
                kind: 連絡会
                schedule: 偶数月の第2火曜日
                time: 14:00-16:00
                venue: \(yaml("会議室"))
                invite:
                  kinds: [指定特定, 委託]

            """
        fixture.files["businesses.csv"] = """
            id,name,kind,opened_on,staff,contact
            kita,"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))きた",指定特定,2025-06-01,1,022-000-0001
            minami,みなみ相談支援センター,委託,2010-04-01,3,

            """
        fixture.files["plan-2026.yaml"] = """
            year: 2026
            title: \(yaml("計画"))
            goals:
              - \(yaml("目標"))
            issues:
              - problem: \(yaml("課題"))
                actions: [\(yaml("取組"))]
                remarks: \(yaml("備考"))
            tasks:
              - title: \(yaml("連絡会の開催"))
                months: [4, 6]
                issue: 1
                series: renrakukai

            """
        return fixture
    }

    @Test("grid, 計画案, 開催案内, review, a business's year, letters and the published site show the names as text")
    func everyPage() throws {
        let folder = try Self.fixture.write()
        let environment = ["COUNCIL_TODAY": "2026-07-01", "COUNCIL_FEED_KEY": String(repeating: "k", count: 40)]
        let site = (folder as NSString).deletingLastPathComponent + "-site"
        let runs: [[String]] = [
            ["gantt", folder, "--year", "2026", "--format", "html"],
            ["gantt", folder, "--year", "2026", "--format", "html", "--actual"],
            ["plan", folder, "--year", "2026", "--format", "html"],
            ["notice", folder, "renrakukai", "2026-08-11", "--format", "html"],
            ["notice", folder, "--all-upcoming", "--format", "html"],
            ["review", folder, "--year", "2026", "--format", "html"],
            ["review", folder, "--year", "2026", "--format", "html", "--business", "kita"],
            ["feed-url", folder, "--format", "html"],
        ]
        var pages: [(String, String)] = []
        for arguments in runs {
            let run = try Council.run(arguments, environment: environment)
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.errors)")
            pages.append((arguments.joined(separator: " "), run.output))
        }
        let publish = try Council.run(
            [
                "publish", (folder as NSString).deletingLastPathComponent, "--out", site, "--public-url",
                "https://calendar.example.jp", "--calendars", site + "-calendars",
            ], environment: environment)
        #expect(publish.status == 0, "\(publish.errors)")
        let files =
            FileManager.default.enumerator(atPath: site)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
            ?? []
        #expect(files.count >= 4, "the index, the council's page, its folder's and the businesses' pages")
        for file in files {
            pages.append(
                (
                    file,
                    String(decoding: FileManager.default.contents(atPath: "\(site)/\(file)") ?? Data(), as: UTF8.self)
                ))
        }
        for (name, page) in pages {
            #expect(page.contains(Self.escaped), "\(name) shows the name, escaped")
            #expect(!page.contains("<script>") && !page.contains("&\"'"), "\(name) has the name as markup")
        }
    }
}
