import BenchmarkSupport
import CouncilCore
import CouncilFiles
import CouncilServer
import CouncilTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import ICalendar
import Logging
import Synchronization
import Testing

@Suite("council serve")
struct SubscriptionServerTests {
    static let key = Array("a secret key of at least thirty-two bytes".utf8)
    static let march = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 3, day: 1), ClockTime(hour: 9, minute: 0), .utc)

    struct Setup: Sendable {
        var fixture: PlanFixture
        var plans: String
        var folder: String
        var store: FeedStore
        var tokens: FeedTokens

        var app: some ApplicationProtocol {
            SubscriptionServer.buildApplication(
                store: store, tokens: tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        }

        func kitaToken() -> String {
            tokens.token(.feed, council: "demo", business: Business(id: "kita", name: "", kind: .designated))
        }
    }

    func setup() async throws -> Setup {
        let fixture = PlanFixture()
        let folder = try fixture.write()
        let plans = (folder as NSString).deletingLastPathComponent
        let calendars = plans + "-calendars"
        let logger = Logger.quiet
        let store = FeedStore(plans: plans, calendars: calendars, logger: logger, now: { Self.march })
        #expect(await store.refreshIfChanged())
        return Setup(
            fixture: fixture, plans: plans, folder: folder, store: store, tokens: try FeedTokens(key: Self.key))
    }

    /// The export takes the calendars folder's lock; held here, the refresh waits inside the export. The store must
    /// answer meanwhile: before, the export ran on the store's actor and every request waited for it.
    @Test("an export runs off the store: while one waits for the calendars folder, the store answers requests")
    func refreshOffTheStore() async throws {
        let setup = try await setup()
        var lock: FolderLock? = try FolderLock(setup.plans + "-calendars")
        try setup.fixture.rewrite(setup.folder)
        let refresh = Task { await setup.store.refresh() }
        try await Task.sleep(for: .milliseconds(300))
        let answered = Mutex(false)
        let ask = Task {
            _ = await setup.store.council("demo")
            answered.withLock { $0 = true }
        }
        for _ in 0..<100 where !answered.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(answered.withLock { $0 }, "the store answered while the export waited")
        withExtendedLifetime(lock) {}
        lock = nil
        #expect(await refresh.value)
        await ask.value
    }

    @Test("each route answers: index, council page, public feed, business feed")
    func routes() async throws {
        let setup = try await setup()
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("見本区障害者自立支援協議会"))
            }
            try await client.execute(uri: "/demo/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.contains("https://calendar.example.jp/demo/council.ics"))
                #expect(page.contains("webcal://calendar.example.jp/demo/council.ics"))
                #expect(page.contains("URLで追加") && page.contains("インターネット"))
                #expect(!page.contains("/feeds/"), "business feeds are never listed")
                #expect(
                    page.contains(
                        "href=\"https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fcalendar.example.jp%2Fdemo%2Fcouncil.ics\""
                    ), "Google Calendar's add-by-URL link")
                #expect(
                    page.contains(
                        "<div class=\"qr\" role=\"img\" aria-label=\"見本区障害者自立支援協議会のカレンダーのQRコード(webcal)\"><svg"))
            }
            try await client.execute(uri: "/demo/council.ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
                let calendar = try ICalendarDecoder().decode(String(buffer: response.body))
                #expect(calendar.name == "見本区障害者自立支援協議会")
            }
            try await client.execute(uri: "/demo/feeds/\(setup.kitaToken()).ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "private, max-age=3600")
                let calendar = try ICalendarDecoder().decode(String(buffer: response.body))
                #expect(calendar.name == "見本区自立支援協議会(きた相談室)")
            }
        }
    }

    @Test("ETag and Last-Modified give 304; HEAD gives the headers alone; gzip when asked")
    func caching() async throws {
        let setup = try await setup()
        try await setup.app.test(.router) { client in
            let first = try await client.execute(uri: "/demo/council.ics", method: .get)
            let etag = try #require(first.headers[.eTag])
            let modified = try #require(first.headers[.lastModified])
            try await client.execute(uri: "/demo/council.ics", method: .get, headers: [.ifNoneMatch: etag]) {
                response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/demo/council.ics", method: .get, headers: [.ifModifiedSince: modified]) {
                response in
                #expect(response.status == .notModified)
            }
            try await client.execute(
                uri: "/demo/council.ics", method: .get, headers: [.ifNoneMatch: "\"something else\""]
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/demo/council.ics", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == etag)
                #expect(response.headers[.contentLength] == String(first.body.readableBytes))
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(
                uri: "/demo/council.ics", method: .get, headers: [.acceptEncoding: "gzip, deflate"]
            ) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.body.readableBytes < first.body.readableBytes)
                #expect(response.headers[.eTag] != etag, "the gzip variant has its own ETag")
            }
        }
    }

    @Test("a wrong or malformed token, an unknown council, a traversal and other methods are refused alike")
    func refusals() async throws {
        let setup = try await setup()
        let good = setup.kitaToken()
        let wrong = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
        try await setup.app.test(.router) { client in
            for uri in [
                "/demo/feeds/\(wrong).ics", "/demo/feeds/\(wrong)", "/demo/feeds/short.ics", "/demo/feeds/.ics",
                "/nowhere/council.ics",
                "/demo/../../etc/passwd", "/demo/%2e%2e/council.yaml", "/demo/businesses/kita.ics",
                "/demo/council.yaml",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(String(buffer: response.body) == "見つかりません / not found\n")
                }
            }
            try await client.execute(uri: "/demo/council.ics", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            try await client.execute(uri: "/demo/" + String(repeating: "a", count: 2000), method: .get) { response in
                #expect(response.status == .uriTooLong)
            }
        }
    }

    @Test("raising feed_revision revokes a leaked URL")
    func revocation() async throws {
        let setup = try await setup()
        let before = setup.kitaToken()
        var fixture = setup.fixture
        fixture.files["businesses.csv"] = "id,name,kind,feed_revision\nkita,きた相談室,指定特定,1\nminami,みなみ相談支援センター,委託,\n"
        try fixture.rewrite(setup.folder)
        #expect(await setup.store.refreshIfChanged())
        try await setup.app.test(.router) { client in
            try await client.execute(uri: "/demo/feeds/\(before).ics", method: .get) { response in
                #expect(response.status == .notFound)
            }
            let after = setup.tokens.token(
                .feed, council: "demo", business: Business(id: "kita", name: "", kind: .designated, feedRevision: 1))
            try await client.execute(uri: "/demo/feeds/\(after).ics", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a changed plan gives a new ETag without a restart; a broken plan keeps the old feed online")
    func followsPlans() async throws {
        let setup = try await setup()
        var fixture = setup.fixture
        let app = setup.app
        let first = try await app.test(.router) { try await $0.execute(uri: "/demo/council.ics", method: .get) }
        fixture.files["council.yaml"] = PlanFixture.council.replacingOccurrences(of: "14:00-16:00", with: "15:00-17:00")
        try fixture.rewrite(setup.folder)
        #expect(await setup.store.refreshIfChanged())
        let second = try await app.test(.router) { try await $0.execute(uri: "/demo/council.ics", method: .get) }
        #expect(first.headers[.eTag] != second.headers[.eTag])
        #expect(String(buffer: second.body).contains("DTSTART;TZID=Asia/Tokyo:20260414T150000"))

        fixture.files["council.yaml"] = "series: ["
        try fixture.rewrite(setup.folder)
        #expect(await !setup.store.refreshIfChanged())
        #expect(await setup.store.lastError?.contains("council.yaml:") == true)
        #expect(await setup.store.lastError?.contains("error[yaml-syntax]") == true)
        let third = try await app.test(.router) { try await $0.execute(uri: "/demo/council.ics", method: .get) }
        #expect(third.status == .ok && third.headers[.eTag] == second.headers[.eTag])
    }

    @Test("a server started on plans that do not export serves the feeds exported before, until they are fixed")
    func startsOnBrokenPlans() async throws {
        let setup = try await setup()
        let calendars = setup.plans + "-calendars"
        let exported = try #require(FileManager.default.contents(atPath: "\(calendars)/demo/businesses/kita.ics"))
        var fixture = setup.fixture
        fixture.files["plan-2026.yaml"] = PlanFixture.plan.replacingOccurrences(
            of: "months: [4, 6]", with: "months: [4, 16]")
        try fixture.rewrite(setup.folder)

        let logger = Logger.quiet
        let restarted = FeedStore(plans: setup.plans, calendars: calendars, logger: logger, now: { Self.march })
        #expect(await !restarted.refreshIfChanged())
        #expect(await restarted.lastError?.contains("plan-2026.yaml:") == true)
        #expect(await restarted.councilIDs == ["demo"])
        let app = SubscriptionServer.buildApplication(
            store: restarted, tokens: setup.tokens, publicURL: "https://calendar.example.jp", logger: .quiet)
        let served = try await app.test(.router) {
            try await $0.execute(uri: "/demo/feeds/\(setup.kitaToken()).ics", method: .get)
        }
        #expect(served.status == .ok)
        #expect(Array(served.body.readableBytesView) == Array(exported))

        try setup.fixture.rewrite(setup.folder)
        #expect(await restarted.refreshIfChanged(), "fixing the plan publishes again")
        #expect(await restarted.lastError == nil)
    }

    @Test("a real server on loopback answers a real client")
    func live() async throws {
        let setup = try await setup()
        try await setup.app.test(.live) { client in
            try await client.execute(uri: "/demo/feeds/\(setup.kitaToken()).ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("BEGIN:VCALENDAR\r\n"))
            }
        }
    }

    /// 2,000 requests by default; COUNCIL_HTTP_FUZZ_RUNS sets how many (100,000 for a long run).
    @Test("random paths and headers never get a server error, and a feed only at its own URL")
    func randomRequests() async throws {
        let runs = ProcessInfo.processInfo.environment["COUNCIL_HTTP_FUZZ_RUNS"].flatMap(Int.init) ?? 2_000
        let setup = try await setup()
        let token = setup.kitaToken()
        let pieces = [
            "demo", "feeds", "council.ics", "\(token).ics", token, "..", "%2e%2e", ".", "", "%00", "見本", "a%2Fb",
            "?x=1", "#", "//",
            String(repeating: "z", count: 300), "businesses", "kita.ics", "council.yaml", "%FF", "~", "feeds\\x",
        ]
        let headerValues = [
            "", "*", "\"x\"", "W/\"y\"", "Sun, 06 Nov 1994 08:49:37 GMT", "not a date", "gzip", "gzip;q=0, br",
            String(repeating: ",", count: 100),
        ]
        try await setup.app.test(.router) { client in
            var generator = SplitMix64(state: 20_261_122)
            for _ in 0..<runs {
                let path =
                    "/"
                    + (0..<(1 + generator.below(4))).map { _ in pieces[generator.below(pieces.count)] }.joined(
                        separator: "/")
                var headers: HTTPFields = [:]
                if generator.below(2) == 0 { headers[.ifNoneMatch] = headerValues[generator.below(headerValues.count)] }
                if generator.below(2) == 0 {
                    headers[.ifModifiedSince] = headerValues[generator.below(headerValues.count)]
                }
                if generator.below(2) == 0 {
                    headers[.acceptEncoding] = headerValues[generator.below(headerValues.count)]
                }
                let method: HTTPRequest.Method = [.get, .head, .post, .delete, .options][generator.below(5)]
                let response = try await client.execute(uri: path, method: method, headers: headers)
                #expect(
                    [200, 304, 308, 400, 403, 404, 405, 414].contains(response.status.code),
                    "\(method) \(path) → \(response.status)")
                if response.status == .permanentRedirect {
                    #expect(
                        response.headers[.location]?.hasPrefix("../") == true,
                        "\(path): a trailing slash is sent back on this site only")
                }
                if response.status == .ok, response.headers[.contentType]?.hasPrefix("text/calendar") == true {
                    // Empty segments and a query name the same resource, as in any HTTP server.
                    let resource =
                        "/"
                        + path.split(separator: "?")[0].split(separator: "#")[0].split(separator: "/").joined(
                            separator: "/")
                    #expect(
                        resource == "/demo/council.ics" || resource == "/demo/feeds/\(token).ics",
                        "\(path) served a feed")
                }
            }
        }
    }

    @Test("tokens: 32 hex characters, stable for a key, different for another key or business")
    func tokens() throws {
        let tokens = try FeedTokens(key: Self.key)
        let kita = Business(id: "kita", name: "", kind: .designated)
        let token = tokens.token(.feed, council: "demo", business: kita)
        #expect(token.count == 32 && token.allSatisfy(\.isHexDigit))
        #expect(tokens.token(.feed, council: "demo", business: kita) == token)
        #expect(
            try FeedTokens(key: Array("another secret key, thirty-two bytes at least".utf8)).token(
                .feed, council: "demo", business: kita) != token)
        #expect(
            tokens.token(.feed, council: "demo", business: Business(id: "minami", name: "", kind: .designated)) != token
        )
        let page = tokens.token(.page, council: "demo", business: kita)
        #expect(page.count == 32 && page != token, "the page's token is not the feed's")
        #expect(throws: FeedTokens.KeyError.self) { try FeedTokens(key: Array("short".utf8)) }
    }
}
