import CouncilCore
import CouncilServer
import CouncilTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("council publish: the served site as files")
struct StaticSiteTests {
    @Test("every file is what the server answers at the same path, and no path names a business")
    func sameAsServed() async throws {
        let folder = try PlanFixture().write()
        let plans = (folder as NSString).deletingLastPathComponent
        let logger = Logger.quiet
        let store = FeedStore(
            plans: plans, calendars: plans + "-calendars", logger: logger, now: { SubscriptionServerTests.march })
        #expect(await store.refreshIfChanged())
        let tokens = try FeedTokens(key: SubscriptionServerTests.key)
        let files = await StaticSite.files(store: store, tokens: tokens, publicURL: "https://calendar.example.jp/")
        let perBusiness = [
            Business(id: "kita", name: "", kind: .designated), Business(id: "minami", name: "", kind: .commissioned),
        ].flatMap { business in
            let (feed, page) = (
                tokens.token(.feed, council: "demo", business: business),
                tokens.token(.page, council: "demo", business: business)
            )
            return ["demo/feeds/\(feed).ics", "demo/feeds/\(page).html", "demo/feeds/\(page)-year.html"]
        }
        #expect(
            files.map(\.path).sorted()
                == (["demo/council.ics", "demo/feeds/index.html", "demo/index.html", "index.html"] + perBusiness)
                .sorted())
        // Every folder has its index, so a web server that lists folders lists none of these.
        for folder in Set(files.map { ($0.path as NSString).deletingLastPathComponent }) {
            let index = folder.isEmpty ? "index.html" : "\(folder)/index.html"
            #expect(files.contains { $0.path == index }, "\(folder)/ has an index")
        }
        let unlisted = String(
            decoding: try #require(files.first { $0.path == "demo/feeds/index.html" }).bytes, as: UTF8.self)
        #expect(
            unlisted.contains("一覧はありません")
                && !perBusiness.contains { unlisted.contains(($0 as NSString).lastPathComponent) })
        for path in files.map(\.path) {
            #expect(!path.contains("kita") && !path.contains("minami") && !path.contains("businesses"), "\(path)")
        }
        let app = SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        try await app.test(.router) { client in
            for file in files where file.path != "demo/feeds/index.html" {
                let uri = "/" + file.path.replacingOccurrences(of: "index.html", with: "")
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    var served = String(buffer: response.body)
                    // A static site takes no answers: the business's page is the served one without its forms.
                    if let start = served.range(of: "<h2 id=\"answers\">"),
                        let end = served.range(of: "\n<h2>専用URL</h2>")
                    {
                        #expect(served.contains("<form method=\"post\""), "\(uri): served with its answer forms")
                        served.removeSubrange(start.lowerBound..<end.lowerBound)
                    }
                    if file.path.hasSuffix(".html") {
                        let policy = try #require(response.headers[.contentSecurityPolicy])
                        let text = String(decoding: file.bytes, as: UTF8.self)
                        // As an attribute's value the policy is escaped like any other (`'` as `&#39;`).
                        let meta = policy.replacingOccurrences(of: "; frame-ancestors 'none'", with: "")
                            .replacingOccurrences(of: "'", with: "&#39;")
                        #expect(
                            text.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(meta)\">"),
                            "\(uri): the page carries the served policy as <meta>")
                        #expect(text.contains("<meta name=\"referrer\" content=\"no-referrer\">"))
                        served = PagePolicy.withMeta(served)
                    }
                    #expect(Array(served.utf8) == file.bytes, "\(uri): the file is what the server answers")
                }
            }
        }
    }
}
