import ArgumentParser
import CouncilCore
import CouncilFiles
import CouncilServer
import Foundation
import Hummingbird
import Logging

/// `council serve --plans plans/`: publishes the feeds over HTTP and republishes when the plans change.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "カレンダーをHTTPで配信します / Serve the feeds to calendar clients, following plan changes without a restart."
    )

    @Option(help: "The plans folder (one council or several).")
    var plans: String = "plans"

    @Option(help: "Where the export is kept; the server writes it as `council export` does and serves those bytes.")
    var calendars: String = "calendars"

    @Option(help: "Address to bind; loopback unless told otherwise.")
    var host: String = "127.0.0.1"

    @Option(help: "Port.")
    var port: Int = 8080

    @Option(help: "File with the secret key for business feed URLs (32 bytes or more). Or set COUNCIL_FEED_KEY.")
    var keyFile: String?

    @Option(help: "The public address, e.g. https://calendar.example.jp, for the subscription pages.")
    var publicURL: String?

    @Option(help: "Seconds between looks at the plans.")
    var poll: Double = 2

    @Option(help: "Seconds a connection may stay idle or half-sent before it is closed (at most 30).")
    var idleTimeout: Double = Double(ConnectionLimits.defaultIdleTimeout.components.seconds)

    @Option(help: "Connections one client address may hold at once.")
    var maxConnectionsPerClient: Int = ConnectionLimits.defaultPerClient

    func validate() throws {
        guard idleTimeout > 0, idleTimeout <= 30 else { throw ValidationError("--idle-timeout: 0 < seconds <= 30") }
        guard maxConnectionsPerClient >= 1 else { throw ValidationError("--max-connections-per-client: at least 1") }
    }

    func run() async throws {
        var logger = Logger(label: "council.serve")
        logger.logLevel = .info
        let tokens = try loadFeedKey(keyFile)
        if tokens == nil {
            logger.warning("no feed key (--key-file or COUNCIL_FEED_KEY): only the public council feeds are served")
        }
        // COUNCIL_TODAY, when set, fixes the day of publishing; else each refresh publishes as of its own day.
        _ = try resolveToday()
        let store = FeedStore(plans: plans, calendars: calendars, logger: logger, today: { (try? Today.resolve()) ?? Today.inJapan(Date()) })
        if await !store.refreshIfChanged(), let problems = await store.lastError {
            printError(problems)
        }
        guard await !store.councilIDs.isEmpty else {
            printError("\(plans): 配信できる協議会がありません / nothing to serve (no plans that load, and no earlier export in \(calendars))")
            throw ExitCode(1)
        }
        let limits = ConnectionLimits(idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), perClient: maxConnectionsPerClient)
        let app = Application(
            router: SubscriptionServer.router(store: store, tokens: tokens, publicURL: publicURL),
            server: limits.server(),
            configuration: .init(address: .hostname(host, port: port), serverName: "council"),
            services: [PlanWatcher(store: store, interval: .milliseconds(Int(poll * 1000)))],
            logger: logger
        )
        try await app.runService()
    }
}

/// `council feed-url plans/aoba [business]`: the private URLs to send each business.
struct FeedURL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed-url",
        abstract: "事業所ごとの配信URLを表示します / Print each business's private feed URL (https and webcal)."
    )

    @Argument(help: "A council folder, e.g. plans/aoba.")
    var path: String

    @Argument(help: "Only this business (id).")
    var business: String?

    @Option(help: "The public address of the server, e.g. https://calendar.example.jp.")
    var base: String = "http://127.0.0.1:8080"

    @Option(help: "File with the secret key (32 bytes or more). Or set COUNCIL_FEED_KEY.")
    var keyFile: String?

    func run() throws {
        let council = try loadCouncil(path, includeRecords: false, today: try resolveToday())
        guard let tokens = try loadFeedKey(keyFile) else {
            throw ValidationError("a feed key is needed: --key-file PATH or COUNCIL_FEED_KEY")
        }
        let root = base.hasSuffix("/") ? String(base.dropLast()) : base
        let chosen = council.businesses.filter { business == nil || $0.id.rawValue == business }
        guard !chosen.isEmpty else { throw ValidationError("no business \"\(business ?? "")\" in \(path)") }
        // Tab-separated for a spreadsheet: names are made formula-safe as every CSV is (ExcelCSV).
        print("\(ExcelCSV.neutralised(council.name))\t\(root)/\(council.id)/council.ics")
        for item in chosen {
            let url = "\(root)/\(council.id)/feeds/\(tokens.token(council: council.id, business: item)).ics"
            let webcal = url.replacingOccurrences(of: "https://", with: "webcal://").replacingOccurrences(of: "http://", with: "webcal://")
            print("\(ExcelCSV.neutralised(item.name))\t\(url)\t\(webcal)")
        }
    }
}

/// The feed key from a file or the environment; nil when neither is given.
func loadFeedKey(_ file: String?) throws -> FeedTokens? {
    let bytes: [UInt8]
    if let file {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("--key-file: \(file) を読めません / cannot read it")
        }
        bytes = Array(data)
    } else if let value = ProcessInfo.processInfo.environment["COUNCIL_FEED_KEY"], !value.isEmpty {
        bytes = Array(value.utf8)
    } else {
        return nil
    }
    do {
        return try FeedTokens(key: bytes)
    } catch {
        throw ValidationError(error.description)
    }
}
