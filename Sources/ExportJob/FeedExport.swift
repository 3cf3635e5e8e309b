import CouncilCore
import CouncilExport
import CouncilFiles
import Foundation
import ICalendar

/// The main job: every council's feeds, reconciled with the previous export and written all or nothing.
public struct FeedExport: Sendable {
    public var outputDirectory: String
    public var reconciler: FeedReconciler
    /// The day of publishing: meetings before it are history, kept as `published-<year>.csv` has them.
    public var today: CalendarDate
    /// Rebuild a previous feed that does not read (`FeedReconciler.recoveredPrevious`) instead of stopping.
    public var recover = false

    /// `today` is by default the date in Japan at `now`.
    public init(outputDirectory: String, now: DateTimeValue, today: CalendarDate? = nil) {
        self.outputDirectory = outputDirectory.hasSuffix("/") ? String(outputDirectory.dropLast()) : outputDirectory
        self.today = today ?? now.date(at: .japan)
        self.reconciler = FeedReconciler(now: now, today: self.today)
    }

    public struct Report: Sendable {
        /// The feeds written and left as they were.
        public var outcome: AtomicFileSet.Outcome
        public var events: Int
        /// The published schedules (`published-<year>.csv` in the plan folders) that changed.
        public var published: [String] = []
        /// The previous feeds that did not read and were rebuilt (with `recover`), each with how.
        public var recovered: [String] = []
    }

    public enum Failure: Error, CustomStringConvertible {
        case plans(PlanProblems)
        case schedule(council: String, ScheduleErrors)
        /// Previous feeds that do not read, every one of them: an export cannot keep their history without them.
        case previousExport([ICalendarDecodingError])
        case encoding(path: String, ICalendarError)
        case write(FileWriteError)
        /// The task running the export was cancelled (the server stopping) before every council was exported.
        case cancelled

        var isUnreadablePrevious: Bool {
            if case .previousExport = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .plans(let problems): return problems.description
            case .schedule(let council, let errors):
                return errors.errors.map { "\(council)/council.yaml: \($0)" }.joined(separator: "\n")
            case .previousExport(let errors):
                let files = errors.compactMap(\.problems.first?.source)
                return
                    (errors.map(\.description) + [
                        "前回の配信 \(files.count) 件を読めません / \(files.count) previous feed(s) cannot be read: \(files.joined(separator: ", "))",
                        "配信を止めています。復旧するには --recover を付けて出力し直してください(読める予定はそのまま残し、読めない分は計画と published-<年度>.csv から作り直します。SEQUENCE は下げません)/ publishing is stopped; to recover, export again with --recover: what still reads is kept, the rest is rebuilt from the plans and published-<year>.csv, and no SEQUENCE is lowered",
                    ]).joined(separator: "\n")
            case .encoding(_, .notReadBack(let problem)):
                return
                    "\(problem)\n配信を書き出さずに止めました。前回の配信はそのままです / the export stopped before writing; every feed is as it was"
            case .encoding(let path, let error): return "\(path): \(error)"
            case .write(let error): return error.description
            case .cancelled:
                return "出力を途中で取りやめました。配信はどれも前のままです / the export was cancelled; every feed is as it was"
            }
        }
    }

    /// Exports the councils in the folders given; nothing is written unless every council succeeds. The
    /// output folder is locked meanwhile, so two exports (the command and the server) take turns.
    ///
    /// With `full` false, a council whose plan files are byte for byte those of the last export (by the
    /// manifest `.council-export` in the output folder) and whose feeds are still as written is skipped:
    /// an unchanged re-export reads its plan files and writes nothing. `full` re-derives every feed.
    public func run(councilDirectories: [String], full: Bool = true) async -> Result<Report, Failure> {
        let lock: FolderLock
        do {
            lock = try await FolderLock.acquire(outputDirectory)
        } catch {
            return .failure(.write(error))
        }
        defer { withExtendedLifetime(lock) {} }
        let batch = AtomicFileSet.Batch()
        let manifest = ExportManifest(reading: manifestPath)
        // Councils above councils first (never skipped: their members' feeds take their events), then the rest;
        // within each phase councils are independent, each a task of its own.
        let directories = PlanDirectory.withCouncilsAbove(councilDirectories)
        let members = directories.map(PlanDirectory.memberIDs)
        var entries: [Int: Result<ExportManifest.Entry, Failure>] = [:]
        var shares: [Int: (share: SharedFeed, inputs: String)] = [:]
        // A council left out because the export was cancelled: then nothing is written.
        var skipped = false
        for phase in [true, false] {
            // A failure among the councils above stops the export before their members.
            guard !entries.values.contains(where: Self.stops) else { break }
            let above = Array(shares.values)
            typealias Done = (Int, Result<ExportManifest.Entry, Failure>?, (share: SharedFeed, inputs: String)?)
            await withTaskGroup(of: Done.self) { group in
                for index in directories.indices where !members[index].isEmpty == phase {
                    group.addTask {
                        guard !Task.isCancelled else { return (index, nil, nil) }
                        let (result, share) = await exportCouncil(
                            directories[index], members: members[index], above: above,
                            manifest: full ? nil : manifest, into: batch)
                        return (index, result, share)
                    }
                }
                for await (index, result, share) in group {
                    guard let result else {
                        skipped = true
                        continue
                    }
                    if let share { shares[index] = share }
                    entries[index] = result
                    if Self.stops(result) { group.cancelAll() }
                }
            }
        }
        var fresh = ExportManifest()
        var events = 0
        var recovered: [String] = []
        var unreadable: [ICalendarDecodingError] = []
        for (index, result) in entries.sorted(by: { $0.key < $1.key }) {
            switch result {
            case .failure(.previousExport(let errors)):
                unreadable += errors
            case .failure(let failure):
                return .failure(failure)
            case .success(let entry):
                events += entry.events
                recovered += entry.recovered
                fresh.entries[PlanDirectory.folderName(of: directories[index])] = entry
            }
        }
        if !unreadable.isEmpty { return .failure(.previousExport(unreadable)) }
        if skipped || Task.isCancelled { return .failure(.cancelled) }
        do {
            try batch.stage(manifestPath, Array(fresh.text.utf8))
            var outcome = try batch.commit()
            let isFeed = { (path: String) in path.hasPrefix("\(outputDirectory)/") && path != manifestPath }
            let published = outcome.written.filter { !isFeed($0) && $0 != manifestPath }
            outcome.written.removeAll { !isFeed($0) }
            outcome.unchanged.removeAll { !isFeed($0) }
            return .success(Report(outcome: outcome, events: events, published: published, recovered: recovered))
        } catch {
            return .failure(.write(error))
        }
    }

    /// Whether a council's result stops the export. Unreadable previous feeds do not stop the other councils:
    /// every such file is named at once.
    private static func stops(_ result: Result<ExportManifest.Entry, Failure>) -> Bool {
        guard case .failure(let failure) = result else { return false }
        return !failure.isUnreadablePrevious
    }

    var manifestPath: String { "\(outputDirectory)/\(ExportManifest.fileName)" }

    /// One council of a run: skipped when `manifest` says its inputs are those of the last export and its feeds
    /// are intact (a ward only), else exported; a council above councils also hands back what it shares.
    private func exportCouncil(
        _ directory: String, members: [String], above: [(share: SharedFeed, inputs: String)], manifest: ExportManifest?,
        into batch: AtomicFileSet.Batch
    ) async -> (Result<ExportManifest.Entry, Failure>, (share: SharedFeed, inputs: String)?) {
        let isCity = !members.isEmpty
        let name = PlanDirectory.folderName(of: directory)
        let files = PlanFiles.reading(directory, include: ExportManifest.isInput)
        let cities = above.filter { $0.share.members.contains(name) }.sorted { $0.share.council < $1.share.council }
        // What else its feeds come from: its cities, and a city's members or a ward's siblings.
        let beside =
            cities.map(\.inputs)
            + ExportManifest.memberInputs(
                of: directory, isCity ? members : Set(cities.flatMap { $0.share.siblings(of: name) }).sorted(),
                all: !isCity)
        let inputs = ExportManifest.inputHash(of: files, above: beside)
        if !isCity, let entry = manifest?.entries[name], entry.inputs == inputs,
            entry.outputsIntact(in: outputDirectory)
        {
            for output in entry.outputs { batch.keep("\(outputDirectory)/\(output.path)") }
            return (.success(entry), nil)
        }
        var shared: (share: SharedFeed, inputs: String)?
        // The published schedules written now are inputs of the next export: hash them as written.
        let result = await export(files, above: cities.map(\.share), into: batch).map { exported in
            shared = exported.share.map { ($0, inputs) }
            var entry = ExportManifest.Entry(
                inputs: ExportManifest.inputHash(of: files, replacing: exported.published, above: beside),
                events: exported.events, outputs: exported.outputs)
            entry.recovered = exported.recovered
            return entry
        }
        return (result, shared)
    }

    /// One council's feeds, reconciled with the files already in the output folder and staged in `batch`:
    /// load the plans, publish each year's schedule, read the previous feeds, map, reconcile, encode.
    ///
    /// Each year's meetings as published now go to `published-<year>.csv` in the council's folder, in the
    /// same batch as the feeds: the record of what subscribers were shown, from which the past is read back.
    ///
    /// `above` are the councils above this one, already exported: their meetings join its businesses' feeds. A
    /// council above councils hands back what it shares with its members.
    func export(_ files: PlanFiles, above: [SharedFeed] = [], into batch: AtomicFileSet.Batch) async -> Result<
        (
            outputs: [ExportManifest.Output], events: Int, published: [String: [UInt8]], share: SharedFeed?,
            recovered: [String]
        ), Failure
    > {
        do throws(Failure) {
            let council = try await load(files)
            let (years, published) = try publishSchedules(of: council, files, into: batch)
            var previous = PreviousFeeds(directory: outputDirectory, council: council.id)
            // The council-wide feed holds every UID published: read first, for the UIDs kept from before uid_domain.
            let publicBefore = previous.read("\(council.id)/council.ics")
            guard council.uidDomain != nil || publicBefore.bytes != nil else {
                throw .plans(
                    PlanProblems([
                        PlanProblem(
                            id: .missingKey, file: "\(files.folder)/\(PlanDirectory.councilFileName)", line: 1,
                            column: 1,
                            message:
                                "uid_domain がありません。初めて配信する協議会には必要です / a council published for the first time needs uid_domain, so that its event UIDs are unique in the world",
                            expected: "uid_domain: the ward's or city's own domain, e.g. city.sendai.jp")
                    ]))
            }
            // A business listed by another member too has its one feed at its home: here, with that member's meetings.
            var siblings: [SharedFeed] = []
            for sibling in Set(above.flatMap { $0.siblings(of: council.id) }).sorted() {
                siblings.append(
                    try await publicShare(of: "\(PlanDirectory.parent(of: files.folder))/\(sibling)", above: above))
            }
            let publishedUIDs =
                (publicBefore.calendar ?? previous.salvaged["\(council.id)/council.ics"])?.events.map(\.uid) ?? []
            var mapping = CouncilFeeds(council: council, years: years, publishedUIDs: Set(publishedUIDs))
            mapping.above = above + siblings
            mapping.elsewhere = above.reduce(into: Set()) { $0.formUnion($1.elsewhere(for: council.id)) }
            let fresh = mapping.feeds()
            // Every previous feed first: the council's feeds are reconciled together, one version per UID.
            var before = [fresh[0].path: publicBefore]
            for feed in fresh.dropFirst() { before[feed.path] = previous.read(feed.path) }
            var previousCalendars = before.compactMapValues(\.calendar)
            if !previous.unreadable.isEmpty {
                guard recover else { throw .previousExport(previous.unreadable) }
                previousCalendars = reconciler.recoveredPrevious(
                    previousCalendars, salvaged: previous.salvaged, fresh: fresh)
            }
            // A series that moved here keeps its UIDs: their previous versions are in the council it came from.
            let uids = Set(fresh[0].calendar.events.map(\.uid))
            var adopted: [VEvent] = []
            for former in Set(council.series.compactMap(\.formerly?.council)).sorted() {
                var formerFeeds = PreviousFeeds(directory: outputDirectory, council: former)
                let theirs = formerFeeds.read("\(former)/council.ics").calendar
                guard formerFeeds.unreadable.isEmpty else { throw .previousExport(formerFeeds.unreadable) }
                adopted += (theirs?.events ?? []).filter { uids.contains($0.uid) }
            }
            let reconciled = reconciler.reconcile(
                fresh, previous: previousCalendars, withdrawn: mapping.withdrawn, above: above + siblings,
                adopted: adopted)
            let (outputs, events) = try stage(reconciled, replacing: before, into: batch)
            let recovered = previous.salvaged.keys.sorted().map { path in
                "\(outputDirectory)/\(path): \(previous.salvaged[path]!.events.count) 件を読めた分から、残りを計画から作り直しました / \(previous.salvaged[path]!.events.count) events read back, the rest rebuilt from the plans"
            }
            return .success(
                (
                    outputs, events, published,
                    council.members.isEmpty ? nil : mapping.shared(fresh: fresh[0], reconciled: reconciled[0]),
                    recovered
                ))
        } catch {
            return .failure(error)
        }
    }

    /// Another member council's council-wide events as its own export reconciles them (the same inputs, the same
    /// day: the same bytes), with the invitations of its meetings, for the feeds of businesses at home here.
    private func publicShare(of directory: String, above: [SharedFeed]) async throws(Failure) -> SharedFeed {
        let files = PlanFiles.reading(directory, include: ExportManifest.isInput)
        let council = try await load(files)
        let years = try datedYears(of: council, files)
        var previous = PreviousFeeds(directory: outputDirectory, council: council.id)
        let before = previous.read("\(council.id)/council.ics")
        guard previous.unreadable.isEmpty || recover else { throw .previousExport(previous.unreadable) }
        var mapping = CouncilFeeds(
            council: council, years: years, publishedUIDs: Set(before.calendar?.events.map(\.uid) ?? []))
        mapping.above = above
        let fresh = mapping.feeds()[0]
        let reconciled = reconciler.reconcile(
            [fresh], previous: before.calendar.map { [fresh.path: $0] } ?? [:], withdrawn: mapping.withdrawn,
            above: above)
        var share = mapping.shared(fresh: fresh, reconciled: reconciled[0])
        share.hosted = [:]
        return share
    }

    /// A council's plan files as the feeds need them (no records), or every problem in them.
    private func load(_ files: PlanFiles) async throws(Failure) -> Council {
        do {
            return try await PlanDirectory.load(
                files, expander: LibicalRecurrence(), includeRecords: false, today: today
            )
            .get()
        } catch {
            throw .plans(error)
        }
    }

    /// The council's years to export (its plans' years, or the year of today), each dated whole.
    private func datedYears(of council: Council, _ files: PlanFiles) throws(Failure) -> [CouncilYear] {
        let years = council.feedYears(today: today)
        let councilYears = CouncilYears(council: council, today: today, expander: LibicalRecurrence())
        var built: [CouncilYear] = []
        for year in years {
            do {
                built.append(try councilYears.year(year).complete())
            } catch {
                throw .schedule(council: files.folder, error)
            }
        }
        return built
    }

    /// Each year dated (its meetings and rotation records as they stand), and `published-<year>.csv` staged where
    /// it changed (most exports publish what the file already says; it is then neither written out again nor touched).
    private func publishSchedules(of council: Council, _ files: PlanFiles, into batch: AtomicFileSet.Batch)
        throws(Failure) -> (years: [CouncilYear], published: [String: [UInt8]])
    {
        let years = try datedYears(of: council, files)
        var published: [String: [UInt8]] = [:]
        for built in years {
            let year = built.year
            let name = PublishedScheduleFile.fileName(year)
            let path = "\(files.folder)/\(name)"
            let existing = files.bytes(name)
            if let existing, council.published[year] == built.publishedSchedule {
                batch.keep(path)
                published[name] = existing
                continue
            }
            let bytes = PublishedScheduleFile.bytes(built.publishedSchedule)
            do {
                try batch.stage(path, bytes, existing: existing)
            } catch {
                throw .write(error)
            }
            published[name] = bytes
        }
        return (years, published)
    }

    /// Every feed encoded (each distinct event once) and staged; the previous bytes let an unchanged file be kept.
    private func stage(_ feeds: [Feed], replacing before: [String: PreviousFeeds.Feed], into batch: AtomicFileSet.Batch)
        throws(Failure) -> (outputs: [ExportManifest.Output], events: Int)
    {
        var encoder = FeedEncoder()
        var outputs: [ExportManifest.Output] = []
        var events = 0
        for feed in feeds {
            let path = "\(outputDirectory)/\(feed.path)"
            events += feed.calendar.events.count
            let bytes: [UInt8]
            do {
                bytes = try encoder.bytes(of: feed.calendar, source: path)
            } catch {
                throw .encoding(path: path, error)
            }
            do {
                try batch.stage(path, bytes, existing: before[feed.path]?.bytes)
            } catch {
                throw .write(error)
            }
            outputs.append(ExportManifest.Output(path: feed.path, size: bytes.count))
        }
        return (outputs, events)
    }
}

/// The feeds a council's last export wrote, as bytes and decoded; a council exported for the first time
/// has no folder yet, and nothing to read back.
struct PreviousFeeds {
    typealias Feed = (bytes: [UInt8]?, calendar: VCalendar?)

    var directory: String
    var exportedBefore: Bool
    /// Every feed read that is not iCalendar, with its problems.
    private(set) var unreadable: [ICalendarDecodingError] = []
    /// For each of those (by path under the output folder), the events that read on their own.
    private(set) var salvaged: [String: VCalendar] = [:]

    init(directory: String, council: String) {
        self.directory = directory
        self.exportedBefore = FileManager.default.fileExists(atPath: "\(directory)/\(council)")
    }

    /// The feed at `path` under the output folder. One written with libical 3.0.16's broken folds reads with them
    /// repaired; one that still does not read is kept in `unreadable` (and what of it reads in `salvaged`), and has
    /// no calendar here.
    mutating func read(_ path: String) -> Feed {
        let full = "\(directory)/\(path)"
        guard exportedBefore, let data = FileManager.default.contents(atPath: full).map(Array.init) else {
            return (nil, nil)
        }
        do {
            return (data, try ICalendarDecoder().decodeRefolded(bytes: data, source: full))
        } catch {
            unreadable.append(error)
            salvaged[path] = ICalendarDecoder().salvage(bytes: data, source: full).calendar
            return (data, nil)
        }
    }
}

/// What the last export was made from: per council, a hash of its plan files and the feeds it wrote,
/// so an unchanged council can be skipped. Kept as `.council-export` in the output folder.
struct ExportManifest: Sendable {
    static let fileName = ".council-export"
    /// Raised whenever the feeds written from the same plans would differ.
    static let format = "council-export 5"

    struct Output: Hashable, Sendable {
        var path: String
        var size: Int
    }

    struct Entry: Sendable {
        var inputs: String
        var events: Int
        var outputs: [Output]
        /// What this export rebuilt of previous feeds that did not read (not kept in the manifest).
        var recovered: [String] = []

        /// Every feed is still there at the size written.
        func outputsIntact(in directory: String) -> Bool {
            outputs.allSatisfy { output in
                var status = stat()
                return stat("\(directory)/\(output.path)", &status) == 0 && Int(status.st_size) == output.size
            }
        }
    }

    var entries: [String: Entry] = [:]

    init() {}

    /// Lines: `council<TAB>inputs<TAB>events<TAB>path:size …`; a manifest that cannot be read is empty.
    init(reading path: String) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { return }
        let lines = text.split(separator: "\n")
        guard lines.first.map(String.init) == Self.format else { return }
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 3, let events = Int(fields[2]) else { continue }
            let outputs = fields.dropFirst(3).compactMap { field -> Output? in
                guard let colon = field.lastIndex(of: ":"), let size = Int(field[field.index(after: colon)...]) else {
                    return nil
                }
                return Output(path: String(field[..<colon]), size: size)
            }
            entries[fields[0]] = Entry(inputs: fields[1], events: events, outputs: outputs)
        }
    }

    var text: String {
        ([Self.format]
            + entries.keys.sorted().map { name in
                let entry = entries[name]!
                return ([name, entry.inputs, String(entry.events)] + entry.outputs.map { "\($0.path):\($0.size)" })
                    .joined(separator: "\t")
            }).joined(separator: "\n") + "\n"
    }

    /// The files the feeds come from: council.yaml, the roster, the plans and the rotation records
    /// (attendance and progress do not enter the feeds).
    static func isInput(_ name: String) -> Bool {
        name == PlanDirectory.councilFileName || name == PlanDirectory.rosterFileName
            || (name.hasPrefix("plan-") && name.hasSuffix(".yaml"))
            || (name.hasPrefix("rotation-") && name.hasSuffix(".csv"))
            || (name.hasPrefix("published-") && name.hasSuffix(".csv"))
    }

    /// FNV-1a (64 bit) over the format and every input file, by name; `replacing` gives files' new bytes.
    /// `above` are the input hashes of what else the feeds come from (the councils above, a city's members).
    static func inputHash(of files: PlanFiles, replacing: [String: [UInt8]] = [:], above: [String] = []) -> String {
        var hash = FNV1a()
        hash.mix(format.utf8)
        for other in above {
            hash.mix(other.utf8)
            hash.mix([0])
        }
        for name in Set(files.names.filter(isInput)).union(replacing.keys).sorted() {
            hash.mix(name.utf8)
            hash.mix([0])
            hash.mix(replacing[name] ?? files.bytes(name) ?? [])
            hash.mix([0])
        }
        return String(hash.value, radix: 16)
    }
}

extension ExportManifest {
    /// The input hashes of councils beside `directory`: a city's members' council.yaml and roster (its businesses
    /// come from them), or with `all` every input of the members whose meetings a ward's feeds hold.
    static func memberInputs(of directory: String, _ members: [String], all: Bool = false) -> [String] {
        let parent = PlanDirectory.parent(of: directory)
        return members.map { member in
            inputHash(
                of: PlanFiles.reading("\(parent)/\(member)") {
                    all ? isInput($0) : $0 == PlanDirectory.councilFileName || $0 == PlanDirectory.rosterFileName
                })
        }
    }
}

extension DateTimeValue {
    /// This UTC moment as a clock in Japan shows it, on `day` (the day of publishing, which `COUNCIL_TODAY` may fix):
    /// when an answer is given. A value that is not UTC gives the start of `day`.
    public func japanTime(on day: CalendarDate) -> LocalMoment {
        guard case .dateTime(let date, let time, .utc) = self else {
            return LocalMoment(day, ClockTime(hour: 0, minute: 0))
        }
        return LocalMoment(day, UTCOffset.japan.local(date, time).time)
    }

    /// Now, in UTC, from `SOURCE_DATE_EPOCH` when it is set (for reproducible builds), else the clock.
    public static func exportNow(environment: [String: String] = ProcessInfo.processInfo.environment) -> DateTimeValue {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? Int(Date().timeIntervalSince1970)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        return .dateTime(
            CalendarDate(daysSinceEpoch: days),
            ClockTime(hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60), .utc)
    }
}
