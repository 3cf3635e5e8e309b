import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import Crypto
import ExportJob
import Foundation
import ICalendar
import Logging
import NIOCore
import ServiceLifecycle

/// One feed as served: its bytes, a strong ETag from its content, and when its content last changed.
public struct ServedFeed: Sendable {
    public var bytes: ByteBuffer
    public var etag: String
    public var lastModified: Date

    init(bytes: [UInt8], lastModified: Date) {
        self.bytes = ByteBuffer(bytes: bytes)
        let digest = SHA256.hash(data: bytes)
        self.etag = "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        self.lastModified = lastModified
    }
}

/// Where each business's own page is, for the link from its feed's events to it (`AnswerLinks`).
public struct PageLinks: Sendable {
    public var tokens: FeedTokens
    /// The site's address, e.g. `https://calendar.example.jp`.
    public var base: String
    /// What the line in each event says before the link: 「出欠の回答」 where the page takes answers.
    public var label: String

    public init(tokens: FeedTokens, base: String, label: String = "出欠の回答") {
        self.tokens = tokens
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.label = label
    }

    func page(council: String, business: Business) -> String {
        "\(base)/\(tokens.pagePath(council: council, business: business))"
    }
}

/// What the server serves for one council.
public struct ServedCouncil: Sendable {
    public var council: Council
    public var publicFeed: ServedFeed
    /// By business id.
    public var businessFeeds: [BusinessID: ServedFeed]
    /// Each business's year as of the day of the last refresh (HTML), by business id; empty when the records
    /// did not load.
    public var businessYears: [BusinessID: String] = [:]
    /// The council's folder under the plans.
    public var directory: String = ""
    /// Its years with their records (attendance, answers) as of the last refresh; nil when the records did not load,
    /// and then no answer is taken.
    public var years: CouncilYears?
    /// Its cities (the councils above it), each with its folder and its years with their records: the joint
    /// meetings its businesses' years list and their pages answer.
    public var above: [CouncilAbove] = []
}

/// A council above a served one, as the server keeps it: where its folder is (its answers are written there) and
/// its years with their records.
public struct CouncilAbove: Sendable {
    public var directory: String
    public var years: CouncilYears
}

/// The feeds the server serves, refreshed from the plans when they change.
///
/// A refresh runs the same export as `council export` — reconciled with the previous export and written
/// all or nothing into the calendars folder — and then serves exactly the bytes written. A plan edit that
/// does not load keeps the last good feeds online, and the problems go to the log.
public actor FeedStore {
    public let plansDirectory: String
    public let calendarsDirectory: String
    private let logger: Logger
    private let now: @Sendable () -> DateTimeValue
    private let today: @Sendable () -> CalendarDate
    /// With pages, a business's feed is served with the link to its page on what it answers there.
    private let pages: PageLinks?
    private var fingerprint: [String: String] = [:]
    /// The calendars folder as the last failed refresh left it (empty while publishing works).
    private var calendarsFingerprint: [String: String] = [:]
    /// The day of the last refresh: a new day refreshes too, so the business years are as of today.
    private var refreshedOn: CalendarDate?
    private(set) var councils: [String: ServedCouncil] = [:] {
        didSet { generation &+= 1 }
    }
    /// Counts the changes to `councils`: a reload that awaited finds out whether what it read over is still served.
    private var generation = 0
    /// Exports running off the store (a look while one runs waits for the next), and the councils whose records were
    /// read again meanwhile, read again after it.
    private var refreshing = 0
    private var reloadedWhileRefreshing: Set<String> = []
    /// Why the last refresh could not publish (every located problem), or nil when it did.
    public private(set) var lastError: String?
    /// Since when publishing fails (the first failed refresh in a row, Japan time), or nil while it works.
    public private(set) var failingSince: LocalMoment?

    /// `today` is the day of publishing; by default the date in Japan at `now()`.
    public init(
        plans: String, calendars: String, logger: Logger,
        now: @escaping @Sendable () -> DateTimeValue = { .exportNow() }, today: (@Sendable () -> CalendarDate)? = nil,
        pages: PageLinks? = nil
    ) {
        self.plansDirectory = plans
        self.calendarsDirectory = calendars
        self.logger = logger
        self.now = now
        self.today = today ?? { now().date(at: .japan) }
        self.pages = pages
    }

    public func council(_ id: String) -> ServedCouncil? { councils[id] }

    public var councilIDs: [String] { councils.keys.sorted() }

    /// Reloads when any plan file changed since the last look, or the day changed, or — while publishing fails —
    /// the calendars folder changed (a feed rebuilt by `council export --recover`); returns whether it refreshed.
    @discardableResult
    public func refreshIfChanged() async -> Bool {
        guard refreshing == 0 else { return false }
        let current = Self.fingerprint(of: plansDirectory)
        let calendars = failingSince == nil ? [:] : Self.fingerprint(of: calendarsDirectory)
        guard current != fingerprint || today() != refreshedOn || calendars != calendarsFingerprint else {
            return false
        }
        fingerprint = current
        let refreshed = await refresh()
        calendarsFingerprint = failingSince == nil ? [:] : Self.fingerprint(of: calendarsDirectory)
        return refreshed
    }

    /// Exports the plans and loads what was written; on failure keeps what is served. A server that
    /// starts on plans that do not export serves the feeds already in the calendars folder (of every
    /// council whose council.yaml and roster still load) until the plans are fixed.
    ///
    /// The export runs off the store (`publish`), so requests are answered from what is served meanwhile.
    @discardableResult
    public func refresh() async -> Bool {
        let day = today()
        refreshedOn = day
        refreshing += 1
        let (outcome, served) = await publish(at: now(), on: day, servingAlready: !councils.isEmpty)
        refreshing -= 1
        if let served { councils = served }
        // Records written while the export ran (an answer, a check-in) are read again over what it read.
        let pending = reloadedWhileRefreshing
        reloadedWhileRefreshing = []
        for id in pending.sorted() { await reloadRecords(id) }
        switch outcome {
        case .failure(let failure):
            lastError = failure.description
            if failingSince == nil { failingSince = moment() }
            if served != nil {
                logger.error(
                    "plans could not be published; serving the feeds already exported",
                    metadata: ["councils": "\(councils.count)", "problems": "\(failure.description)"])
            } else {
                logger.error(
                    "plans could not be published; still serving the last good feeds",
                    metadata: ["problems": "\(failure.description)"])
            }
            return false
        case .success(let report):
            lastError = nil
            failingSince = nil
            logger.info(
                "feeds published",
                metadata: [
                    "councils": "\(councils.count)", "written": "\(report.outcome.written.count)",
                    "unchanged": "\(report.outcome.unchanged.count)",
                ])
            return true
        }
    }

    /// The export of the plans as on `day`, and the councils to serve after it: those it wrote, or on failure, for a
    /// store serving nothing yet, the feeds already exported (nil: keep what is served).
    @concurrent
    private nonisolated func publish(at now: DateTimeValue, on day: CalendarDate, servingAlready: Bool) async -> (
        Result<FeedExport.Report, FeedExport.Failure>, [String: ServedCouncil]?
    ) {
        let directories = PlanDirectory.councilDirectories(in: plansDirectory)
        let outcome = await FeedExport(outputDirectory: calendarsDirectory, now: now, today: day).run(
            councilDirectories: directories, full: false)
        if case .failure = outcome, servingAlready { return (outcome, nil) }
        return (outcome, await servedCouncils(directories, day: day))
    }

    /// The exported feeds of each council, with the council as its council.yaml and roster give it (all
    /// that serving needs: names, and the businesses whose tokens are checked).
    private nonisolated func servedCouncils(_ directories: [String], day: CalendarDate) async -> [String: ServedCouncil]
    {
        // Each council above (those beside the plans served too) read once, with its records, for every member.
        var cities: [(council: Council, years: CouncilYears?, directory: String)] = []
        for city in PlanDirectory.withCouncilsAbove(directories) where !PlanDirectory.memberIDs(city).isEmpty {
            if case .success(let years) = await PlanDirectory.loadYears(city, expander: LibicalRecurrence(), today: day)
            {
                cities.append((years.council, years, city))
            } else if case .success(let council) = await PlanDirectory.load(city, includeRecords: false) {
                // Without its records it still says where each shared business has its feed.
                cities.append((council, nil, city))
            }
        }
        // By ward, the businesses whose one feed is at another ward of its city.
        var elsewhere: [String: Set<BusinessID>] = [:]
        for business in cities.flatMap(\.council.businesses) {
            for ward in business.alsoIn { elsewhere[ward, default: []].insert(business.id) }
        }
        var served: [String: ServedCouncil] = [:]
        for directory in directories {
            let files = PlanFiles.reading(directory) {
                $0 == PlanDirectory.councilFileName || $0 == PlanDirectory.rosterFileName
            }
            guard
                case .success(let council) = await PlanDirectory.load(
                    files, expander: LibicalRecurrence(), includeRecords: false),
                let publicFeed = servedFeed("\(council.id)/council.ics")
            else { continue }
            // A business two wards list has its one feed at the first: a feed left here from before is not served.
            var businessFeeds: [BusinessID: ServedFeed] = [:]
            for business in council.businesses where !(elsewhere[council.id]?.contains(business.id) ?? false) {
                businessFeeds[business.id] = servedFeed("\(council.id)/businesses/\(business.id).ics")
            }
            var entry = ServedCouncil(
                council: council, publicFeed: publicFeed, businessFeeds: businessFeeds, directory: directory)
            entry.above = cities.filter { $0.council.members.contains(council.id) }.compactMap { city in
                city.years.map { CouncilAbove(directory: city.directory, years: $0) }
            }
            served[council.id] = await linked(withRecords(entry, day: day), day: day)
        }
        return served
    }

    /// The council's business feeds with the link to each business's page on what it answers there, when the server
    /// knows its pages and the council's years loaded; a feed that would not read back is served as exported.
    private nonisolated func linked(_ served: ServedCouncil, day: CalendarDate) -> ServedCouncil {
        guard let pages, let years = served.years else { return served }
        var served = served
        let answerable = AnswerLinks.answerable(
            councils: [years] + served.above.map(\.years), fiscalYears: years.council.feedYears(today: day))
        var encoder = FeedEncoder()
        for business in years.council.businesses {
            guard let feed = served.businessFeeds[business.id] else { continue }
            let links = AnswerLinks(
                page: pages.page(council: years.council.id, business: business), label: pages.label,
                answerable: answerable[business.id] ?? [])
            do {
                let calendar = try ICalendarDecoder().decode(
                    bytes: feed.bytes.readableBytesView, source: business.id.rawValue)
                served.businessFeeds[business.id] = ServedFeed(
                    bytes: try encoder.bytes(of: links.linked(calendar), source: business.id.rawValue),
                    lastModified: feed.lastModified)
            } catch {
                logger.error(
                    "a business feed is served without its page links",
                    metadata: ["council": "\(years.council.id)", "problem": "\(error)"])
            }
        }
        return served
    }

    /// The council with its records read again from its folder, and its businesses' years counted from them; a
    /// record that does not load leaves it without years (no year pages, no answers taken).
    private nonisolated func withRecords(_ served: ServedCouncil, day: CalendarDate) async -> ServedCouncil {
        var served = served
        switch await PlanDirectory.loadYears(served.directory, expander: LibicalRecurrence(), today: day) {
        case .success(let years):
            served.years = years
            served.businessYears = businessYears(years, above: served.above.map(\.years), day: day)
        case .failure(let problems):
            logger.warning(
                "records do not load: no business year pages, no answers taken",
                metadata: ["council": "\(served.directory)", "problems": "\(problems)"])
            served.years = nil
            served.businessYears = [:]
        }
        return served
    }

    /// Reads one council's records again (after an answer or a check-in was written), without exporting: the council
    /// itself when it is served, and where it is a council above others (a city), it as they see it.
    public func reloadRecords(_ id: String) async {
        if refreshing > 0 { reloadedWhileRefreshing.insert(id) }
        // The records are read off the store; whatever was installed meanwhile (a refresh, another reload) is read
        // over again, so a reload never puts back what was served before it.
        while true {
            let seen = generation
            let day = today()
            var updated: [String: ServedCouncil] = [:]
            if let served = councils[id] { updated[id] = await withRecords(served, day: day) }
            if let directory = councils.values.lazy.flatMap(\.above).first(where: { $0.years.council.id == id })?
                .directory,
                case .success(let years) = await PlanDirectory.loadYears(
                    directory, expander: LibicalRecurrence(), today: day)
            {
                for (ward, var served) in councils where served.above.contains(where: { $0.years.council.id == id }) {
                    served.above = served.above.map {
                        $0.years.council.id == id ? CouncilAbove(directory: directory, years: years) : $0
                    }
                    updated[ward] = await withRecords(served, day: day)
                }
            }
            guard generation == seen else { continue }
            for (key, served) in updated { councils[key] = served }
            return
        }
    }

    /// Now, in Japan: the day of publishing (`today`) at the clock's time of day there.
    public func moment() -> LocalMoment { now().japanTime(on: today()) }

    /// Every business's year of the fiscal year holding `day`, counted as `council review --business` counts it:
    /// the joint meetings its council co-hosts (in `above`, its cities) are its own.
    private nonisolated func businessYears(_ years: CouncilYears, above: [CouncilYears], day: CalendarDate)
        -> [BusinessID: String]
    {
        let fiscal = FiscalYear(containing: day)
        let year = years.year(fiscal).joining(above: above.map { $0.year(fiscal) }, hosted: true)
        let review = ParticipationReview(year, asOf: day)
        var pages: [BusinessID: String] = [:]
        for business in years.council.businesses where business.home == nil {
            pages[business.id] = BusinessYear(year, business: business.id, review: review).map {
                BusinessYearReport(year: $0).render(.html)
            }
        }
        return pages
    }

    private nonisolated func servedFeed(_ relative: String) -> ServedFeed? {
        let path = "\(calendarsDirectory)/\(relative)"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        // HTTP dates have whole seconds; so must the comparison with If-Modified-Since.
        return ServedFeed(
            bytes: Array(data), lastModified: Date(timeIntervalSince1970: modified.timeIntervalSince1970.rounded(.down))
        )
    }

    /// Path → size and modification time of every file under the plans folder.
    static func fingerprint(of directory: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let path = "\(directory)/\(relative)"
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            let size = attributes[.size] as? Int ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[relative] = "\(size)/\(modified)"
        }
        return result
    }
}

/// Looks at the plans every `interval` and republishes when they changed.
public struct PlanWatcher: Service {
    let store: FeedStore
    let interval: Duration

    public init(store: FeedStore, interval: Duration) {
        self.store = store
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await store.refreshIfChanged()
            }
        }
    }
}
