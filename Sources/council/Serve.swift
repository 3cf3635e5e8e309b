import ArgumentParser
import CouncilCore
import CouncilFiles
import CouncilServer
import Foundation
import Hummingbird
import Logging
import TextFormats

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

    @Option(
        help:
            "The public address, e.g. https://calendar.example.jp (behind nginx, its https address): every link of the pages starts there, and each event a business answers on its page links to the page."
    )
    var publicURL: String

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
        // With its public address, each business's feed links what it answers to its page.
        let pages = tokens.map { PageLinks(tokens: $0, base: publicURL) }
        let store = FeedStore(
            plans: plans, calendars: calendars, logger: logger,
            today: { (try? Today.resolve()) ?? Today.inJapan(Date()) }, pages: pages)
        if await !store.refreshIfChanged(), let problems = await store.lastError {
            printError(problems)
        }
        guard await !store.councilIDs.isEmpty else {
            printError(
                "\(plans): 配信できる協議会がありません / nothing to serve (no plans that load, and no earlier export in \(calendars))"
            )
            throw ExitCode(1)
        }
        let limits = ConnectionLimits(
            idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), perClient: maxConnectionsPerClient)
        let app = SubscriptionServer.buildApplication(
            store: store, tokens: tokens, publicURL: publicURL, address: .hostname(host, port: port), limits: limits,
            services: [PlanWatcher(store: store, interval: .milliseconds(Int(poll * 1000)))], logger: logger
        )
        try await app.runService()
    }
}

/// `council feed-url plans/aoba [business]`: the private URLs to send each business.
struct FeedURL: AsyncParsableCommand {
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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tsv, html
    }

    @Option(
        help:
            "tsv: name, the feed's https and webcal URL, and the page's URL (where it answers) per line; html: one A4 letter per business with a QR code, to print or send."
    )
    var format: Format = .tsv

    @Option(help: "The day the letters are dated (YYYY-MM-DD); default COUNCIL_TODAY or today.")
    var today: String?

    @Flag(
        help:
            "Print the secretariat's console URL instead (answers and check-in); raising secretariat_revision in council.yaml revokes it."
    )
    var secretariat = false

    func run() async throws {
        let day = try resolveToday(today)
        let council = try await loadCouncil(path, includeRecords: false, today: day)
        guard let tokens = try loadFeedKey(keyFile) else {
            throw ValidationError("a feed key is needed: --key-file PATH or COUNCIL_FEED_KEY")
        }
        if secretariat {
            guard business == nil else { throw ValidationError("--secretariat takes no business") }
            print(SubscriptionLinks(base: base, path: tokens.secretariatPath(council)).url)
            return
        }
        // A member council's business has its one URL at its own council, which holds the city's meetings too; a
        // business listed by two wards of a city, at the one that lists it first.
        var homes: [BusinessID: String] = [:]
        for city in PlanDirectory.councilsAbove(path) {
            guard case .success(let above) = await PlanDirectory.load(city, includeRecords: false) else { continue }
            for listed in above.businesses where listed.alsoIn.contains(council.id) { homes[listed.id] = listed.home }
        }
        if let business, let home = council.business(BusinessID(business))?.home ?? homes[BusinessID(business)] {
            printError(
                "「\(business)」の専用URLは\(home)にあります(市の会議もそこに載ります) / \(business)'s feed is its own council's: council feed-url plans/\(home) \(business)"
            )
            throw ExitCode(2)
        }
        if let business, let closed = council.business(BusinessID(business)), closed.hasClosed(by: day) {
            printError(
                "「\(closed.name)」は\(closed.closedOn!.japaneseDescription)に閉所しています。URLはありません / \(business) has closed: it has no feed"
            )
            throw ExitCode(2)
        }
        // A business that has closed by the day gets no letter and no URL: its feed and page are gone.
        let chosen = council.businesses.filter {
            $0.home == nil && homes[$0.id] == nil && !$0.hasClosed(by: day)
                && (business == nil || $0.id.rawValue == business)
        }
        guard !chosen.isEmpty || business == nil else {
            printError("\(path): 事業所「\(business ?? "")」は名簿にありません / no business \"\(business ?? "")\" in businesses.csv")
            throw ExitCode(2)
        }
        switch format {
        case .html:
            print(
                FeedLetters.html(
                    council: council, businesses: chosen, tokens: tokens, base: base, date: day,
                    memberFolder: { "\(PlanDirectory.parent(of: path))/\($0)" }), terminator: "")
        case .tsv:
            // Tab-separated for a spreadsheet: names are made formula-safe as every CSV is (ExcelCSV).
            print(
                "\(ExcelCSV.neutralised(council.name))\t\(SubscriptionLinks(base: base, path: "\(council.id)/council.ics").url)"
            )
            for item in chosen {
                let links = SubscriptionLinks(base: base, path: tokens.feedPath(council: council.id, business: item))
                let page = SubscriptionLinks(base: base, path: tokens.pagePath(council: council.id, business: item)).url
                print("\(ExcelCSV.neutralised(item.name))\t\(links.url)\t\(links.webcal)\t\(page)")
            }
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

/// `council publish plans/ --key-file feed.key --public-url https://calendar.example.jp --out site/`: the feeds and
/// pages as a static folder for the ward's web server, exactly what `council serve` serves.
struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "静的サイトとして書き出します / Write the subscription site for a web server: pages, the public feeds, each business's feed at its token path.",
        discussion:
            "It exports first, as council export does (into --calendars, recording what it published in each council's published-<year>.csv), then writes the site all or nothing. No path or file of the site names a business, and no manifest or record is copied; feeds at tokens no longer given (a raised feed_revision) are removed. calendars/ is the record kept in git, not something to put on a web server."
    )

    @Argument(help: "The plans folder (one council or several).")
    var plans: String = "plans"

    @Option(help: "Where the site is written.")
    var out: String

    @Option(help: "The site's public address, e.g. https://calendar.example.jp, for the subscription pages.")
    var publicURL: String

    @Option(help: "File with the secret key for business feed URLs (32 bytes or more). Or set COUNCIL_FEED_KEY.")
    var keyFile: String?

    @Option(help: "Where the export is kept (the record in git).")
    var calendars: String = "calendars"

    @Option(help: "Publish as on this day (YYYY-MM-DD). Default: COUNCIL_TODAY, else today.")
    var today: String?

    func run() async throws {
        guard let tokens = try loadFeedKey(keyFile) else {
            throw ValidationError(
                "a feed key is needed: --key-file PATH or COUNCIL_FEED_KEY (the same key as council serve and council feed-url)"
            )
        }
        let day = try resolveToday(today)
        var logger = Logger(label: "council.publish")
        logger.logLevel = .critical
        // A static page takes no answers: the feeds link each business's page by what it is.
        let store = FeedStore(
            plans: plans, calendars: calendars, logger: logger, today: { day },
            pages: PageLinks(tokens: tokens, base: publicURL, label: "事業所のページ"))
        guard await store.refresh() else {
            printError(await store.lastError ?? "\(plans): 書き出せません / nothing to publish")
            printError("何も書き込んでいません / nothing was written")
            throw ExitCode(1)
        }
        let root = out.hasSuffix("/") ? String(out.dropLast()) : out
        let files = await StaticSite.files(store: store, tokens: tokens, publicURL: publicURL)
        let stale = StaticSite.stale(in: root, keeping: files)
        let outcome: AtomicFileSet.Outcome
        do {
            outcome = try AtomicFileSet.write(files.map { ("\(root)/\($0.path)", $0.bytes) })
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        for path in stale {
            do {
                try FileManager.default.removeItem(atPath: "\(root)/\(path)")
            } catch {
                printError("\(root)/\(path): 古いファイルを消せません / cannot remove a stale file: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        print(
            "\(root)/: \(files.count) files — \(outcome.written.count) written, \(outcome.unchanged.count) unchanged, \(stale.count) removed"
        )
    }
}
