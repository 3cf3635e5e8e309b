import CouncilCore
import Foundation
import Yams

/// A council's folder, `plans/<council-id>/`:
///
/// ```
/// plans/aoba/
///   council.yaml      the council, its secretariat and meeting series
///   businesses.csv    the roster of businesses (UTF-8, Excel-friendly)
///   plan-2026.yaml    the plan for 令和8年度 (one file per fiscal year)
/// ```
public enum PlanDirectory {
    public static let councilFileName = "council.yaml"
    public static let rosterFileName = "businesses.csv"

    /// Loads a council with every plan, or every problem of every file at once. `expander` (libical,
    /// from the iCalendar module) lets exceptions to RRULE schedules be checked against the rule's dates.
    /// Without `includeRecords`, the attendance and progress records are left unread (the feeds do not need them).
    ///
    /// `today` is the day the records are read on: attendance is matched to the meetings as they were
    /// published before it (`published-<year>.csv`) and as the plan gives them from it on. Without it, every
    /// published meeting counts as past.
    public static func load(
        _ path: String, expander: (any RecurrenceExpanding)? = nil, includeRecords: Bool = true,
        today: CalendarDate? = nil
    ) async -> Result<Council, PlanProblems> {
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        return await load(
            PlanFiles(folder: directory), expander: expander, includeRecords: includeRecords, today: today)
    }

    /// Loads a council with its records and hands over its years as seen on `today`: the years the records
    /// were matched against are kept, not worked out again.
    public static func loadYears(_ path: String, expander: (any RecurrenceExpanding)?, today: CalendarDate) async
        -> Result<CouncilYears, PlanProblems>
    {
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        return await loadWithYears(PlanFiles(folder: directory), expander: expander, includeRecords: true, today: today)
            .map {
                council, years in
                years?.rebased(on: council) ?? CouncilYears(council: council, today: today, expander: expander)
            }
    }

    /// Loads a council from files in memory, as `load(_:)` does from a folder (for checks and fuzzing).
    public static func load(
        _ source: PlanFiles, expander: (any RecurrenceExpanding)? = nil, includeRecords: Bool = true,
        today: CalendarDate? = nil
    ) async -> Result<Council, PlanProblems> {
        await loadWithYears(source, expander: expander, includeRecords: includeRecords, today: today).map(\.council)
    }

    /// The council, and the years its attendance was matched against (nil without records), in phases: the
    /// files read and parsed, cross-checked, then the records read against the dated years.
    ///
    /// A council above councils (`members:`) also has its members' businesses, read from their folders beside its
    /// own (a member's own members are not followed); its own businesses.csv is then optional.
    private static func loadWithYears(
        _ source: PlanFiles, expander: (any RecurrenceExpanding)?, includeRecords: Bool, today: CalendarDate?,
        followMembers: Bool = true
    ) async -> Result<(council: Council, years: CouncilYears?), PlanProblems> {
        // What needs nothing else of the folder is read meanwhile, in child tasks: the plans parsed, and each year's
        // record decoded and split into rows.
        async let parsedPlans = PlanLoader.Read(source) { PlanLoader.ParsedPlans(files: $0.parsePlans()) }
        async let sheets = includeRecords ? PlanLoader.splitSheets(of: source) : []
        var loader = PlanLoader(source: source)
        // An exception in council.yaml may name a meeting by the day it was published for.
        let published = loader.readPublished()
        let (councilFile, ownKinds) = loader.readCouncil(expander: expander, published: published)
        // A council above councils needs no roster of its own, even while its council.yaml has mistakes.
        let isCity =
            councilFile.map { !$0.memberNodes.isEmpty }
            ?? (source.bytes(councilFileName).map { !memberIDs(in: $0).isEmpty } ?? false)
        var roster =
            isCity && !source.names.contains(rosterFileName)
            ? RosterFile(businesses: []) : loader.readRoster(kinds: ownKinds)
        if let councilFile, followMembers, !councilFile.memberNodes.isEmpty, let own = roster?.businesses {
            let members = await loader.readMembers(of: councilFile, besides: own.map(\.id))
            roster?.businesses = own + members
        }
        let plans = loader.checkPlans(loader.take(await parsedPlans).files, against: councilFile)
        var records: [RotationRecord] = []
        if let councilFile, let roster {
            loader.checkBusinesses(of: councilFile, against: roster)
            records = loader.readRotationRecords(
                of: councilFile.council.rotations, years: plans.map(\.year),
                businesses: Set(roster.businesses.map(\.id)))
        }
        guard loader.problems.isEmpty, var council = councilFile?.council, let roster else {
            return .failure(
                PlanProblems(loader.problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }))
        }
        council.businesses = roster.businesses
        council.memberCouncils = loader.memberCouncils
        council.plans = plans.sorted { $0.year < $1.year }
        council.rotationRecords = records
        council.published = published
        guard includeRecords else { return .success((council, nil)) }
        let meetings = CouncilYears(
            council: council, today: today ?? CalendarDate(year: 9999, month: 12, day: 31), expander: expander)
        await loader.readRecords(into: &council, sheets: sheets, years: meetings)
        guard loader.problems.isEmpty else { return .failure(PlanProblems(loader.problems)) }
        return .success((council, meetings))
    }

    /// A member council as its council above reads it: council.yaml and roster, not its records or members.
    static func loadMember(_ path: String) async -> Result<Council, PlanProblems> {
        await loadWithYears(
            PlanFiles.reading(path) { $0 == councilFileName || $0 == rosterFileName }, expander: nil,
            includeRecords: false, today: nil, followMembers: false
        ).map(\.council)
    }

    /// The real name of a folder, `.` and `..` and relative paths resolved: `council lint .` inside
    /// plans/aoba checks the id against `aoba`.
    public static func folderName(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    }

    /// The `members:` of the council in `directory` (empty for a ward, or a council.yaml that does not read).
    public static func memberIDs(_ directory: String) -> [String] {
        FileManager.default.contents(atPath: "\(directory)/\(councilFileName)").map { memberIDs(in: Array($0)) } ?? []
    }

    /// The `members:` of a council.yaml's bytes, read leniently (its mistakes are reported where it is loaded).
    static func memberIDs(in bytes: [UInt8]) -> [String] {
        // Most councils have no members: found without parsing the YAML.
        guard mentionsMembers(bytes), let text = String(validating: bytes, as: UTF8.self) else { return [] }
        let reader = YAMLReader(file: councilFileName)
        guard let root = reader.root(of: text), case .mapping(let map) = root else { return [] }
        for (key, value) in map where key.string == "members" {
            guard case .sequence(let items) = value else { return [] }
            return items.compactMap(\.string)
        }
        return []
    }

    /// The council folders beside `directory` whose `members:` name it (its city), sorted.
    public static func councilsAbove(_ directory: String) -> [String] {
        let name = folderName(of: directory)
        return councilDirectories(in: parent(of: directory)).filter { memberIDs($0).contains(name) }
    }

    /// Whether `members` occurs in the bytes at all: a plain scan, cheaper than parsing.
    private static func mentionsMembers(_ bytes: [UInt8]) -> Bool {
        let word = Array("members".utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count >= word.count else { return false }
            for index in 0...(buffer.count - word.count) where buffer[index] == word[0] {
                if (1..<word.count).allSatisfy({ buffer[index + $0] == word[$0] }) { return true }
            }
            return false
        }
    }

    /// `directories` with every council above one of them (a folder beside it whose `members:` name it) put in
    /// front, each once: a ward is never exported without the city meetings its businesses are invited to.
    public static func withCouncilsAbove(_ directories: [String]) -> [String] {
        let names = Set(directories.map(folderName))
        var above: [String] = []
        for parent in Set(directories.map(parent(of:))).sorted() {
            // Only folders not given already are read (`export plans/` gives them all).
            for candidate in councilDirectories(in: parent)
            where !names.contains((candidate as NSString).lastPathComponent) {
                let members = memberIDs(candidate)
                guard !members.isEmpty, members.contains(where: names.contains) else { continue }
                if !names.contains(folderName(of: candidate)) { above.append(candidate) }
            }
        }
        return above + directories
    }

    /// The folder that holds the council folder `path`, `.` and relative paths resolved.
    public static func parent(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// The council folders below `path`: `path` itself when it holds a council.yaml, else its sub-folders that do.
    public static func councilDirectories(in path: String) -> [String] {
        let manager = FileManager.default
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        if manager.fileExists(atPath: "\(base)/\(councilFileName)") { return [base] }
        let children = (try? manager.contentsOfDirectory(atPath: base)) ?? []
        return children.sorted().map { "\(base)/\($0)" }.filter {
            manager.fileExists(atPath: "\($0)/\(councilFileName)")
        }
    }

    static func readText(_ name: String, of source: PlanFiles, into problems: inout [PlanProblem]) -> String? {
        let path = "\(source.folder)/\(name)"
        guard let data = source.bytes(name) else {
            let exists = source.names.contains(name)
            problems.append(
                PlanProblem(
                    id: exists ? .unreadableFile : .missingFile, file: path, line: 1, column: 1,
                    message: exists ? "ファイルを読めません / cannot read the file" : "ファイルがありません / the file is missing",
                    expected: exists ? "a readable file" : "\(name) in the council's folder"
                ))
            return nil
        }
        // YAML must be UTF-8; a roster saved by Japanese Excel may also be Shift_JIS (CP932).
        let decoded =
            name.hasSuffix(".csv")
            ? TextDecoding.decode(data)
            : String(validating: data, as: UTF8.self).map { ($0, TextDecoding.Encoding.utf8) }
        guard let (text, _) = decoded else {
            problems.append(
                PlanProblem(
                    id: .unreadableFile, file: path, line: 1, column: 1,
                    message: "文字コードを読めません / the file is not UTF-8\(name.hasSuffix(".csv") ? " or Shift_JIS" : "")",
                    expected: "UTF-8 text (Excel: 「CSV UTF-8」で保存)"))
            return nil
        }
        return text
    }
}

/// The files of a council's folder: on disk, or in memory (for checks and fuzzing).
public struct PlanFiles: Sendable {
    /// The folder's path, used in messages; its last component is the council id.
    public let folder: String
    /// The files' names, sorted, listed once.
    public let names: [String]
    private let memory: [String: [UInt8]]?

    /// The folder on disk; files are read when asked for.
    public init(folder: String) {
        self.folder = folder
        self.names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        self.memory = nil
    }

    public init(folder: String, files: [String: [UInt8]]) {
        self.folder = folder
        self.names = files.keys.sorted()
        self.memory = files
    }

    /// The files of the folder on disk that `include` names, read into memory now, each once.
    public static func reading(_ folder: String, include: (String) -> Bool) -> PlanFiles {
        let onDisk = PlanFiles(folder: folder)
        var files: [String: [UInt8]] = [:]
        for name in onDisk.names where include(name) {
            files[name] = onDisk.bytes(name)
        }
        return PlanFiles(folder: folder, files: files)
    }

    public func bytes(_ name: String) -> [UInt8]? {
        if let memory { return memory[name] }
        return FileManager.default.contents(atPath: "\(folder)/\(name)").map(Array.init)
    }

    /// `<prefix>YYYY<suffix>` files, by year, with their paths.
    func years(prefix: String, suffix: String) -> [(Int, String)] {
        names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count == prefix.count + 4 + suffix.count,
                let year = Int(name.dropFirst(prefix.count).dropLast(suffix.count))
            else { return nil }
            return (year, "\(folder)/\(name)")
        }.sorted { $0.0 < $1.0 }
    }
}

/// The phases of loading a council's folder, each adding what it finds wrong to `problems`.
struct PlanLoader {
    let source: PlanFiles
    var problems: [PlanProblem] = []
    /// The member councils read by `readMembers`.
    var memberCouncils: [String: MemberCouncil] = [:]

    var directory: String { source.folder }
    var councilPath: String { "\(directory)/\(PlanDirectory.councilFileName)" }

    init(source: PlanFiles) {
        self.source = source
    }

    private mutating func read(_ path: String) -> String? {
        PlanDirectory.readText((path as NSString).lastPathComponent, of: source, into: &problems)
    }

    /// Every `published-<year>.csv`: what subscribers were shown.
    mutating func readPublished() -> [FiscalYear: PublishedSchedule] {
        var published: [FiscalYear: PublishedSchedule] = [:]
        for (year, path) in source.years(prefix: "published-", suffix: ".csv") {
            guard let text = read(path) else { continue }
            let (schedule, _, found) = PublishedScheduleFile.read(text, file: path, year: FiscalYear(year))
            published[FiscalYear(year)] = schedule
            problems += found
        }
        return published
    }

    /// council.yaml, and the business kinds it names (which the roster reads even when council.yaml has other
    /// mistakes); a council.yaml with mistakes gives no council, since references into it would only repeat
    /// them as "unknown series".
    mutating func readCouncil(expander: (any RecurrenceExpanding)?, published: [FiscalYear: PublishedSchedule])
        -> (CouncilFile?, kinds: [String: BusinessKind])
    {
        guard let text = read(councilPath) else { return (nil, [:]) }
        var slots: [SeriesID: Set<CalendarDate>]?
        let reader = YAMLReader(file: councilPath)
        let file = CouncilFile.read(
            text, reader: reader, directoryName: PlanDirectory.folderName(of: directory), expander: expander
        ) { series in
            // A published meeting may be named by its identity or by the day it was published for.
            if slots == nil {
                slots = Dictionary(grouping: published.values.flatMap(\.meetings), by: \.series).mapValues {
                    Set($0.flatMap { [$0.occurrence.originalDate, $0.date] })
                }
            }
            return slots?[series] ?? []
        }
        problems += reader.problems
        return (reader.problems.isEmpty ? file : nil, reader.businessKinds)
    }

    mutating func readRoster(kinds: [String: BusinessKind]) -> RosterFile? {
        let path = "\(directory)/\(PlanDirectory.rosterFileName)"
        guard let text = read(path) else { return nil }
        let (file, found) = RosterFile.read(text, file: path, kinds: kinds)
        problems += found
        return file
    }

    /// Every `plan-<year>.yaml` parsed, with the reader that reports for it (nil where it cannot be read).
    mutating func parsePlans() -> [(file: PlanFile?, reader: YAMLReader)] {
        source.years(prefix: "plan-", suffix: ".yaml").compactMap { year, path in
            guard let text = read(path) else { return nil }
            let reader = YAMLReader(file: path)
            return (PlanFile.read(text, reader: reader, fileYear: year), reader)
        }
    }

    /// The plans parsed; a task names a meeting series or a rotation of council.yaml.
    mutating func checkPlans(_ parsed: [(file: PlanFile?, reader: YAMLReader)], against councilFile: CouncilFile?)
        -> [Plan]
    {
        var plans: [Plan] = []
        for (planFile, reader) in parsed {
            if let planFile {
                plans.append(planFile.plan)
                if let councilFile {
                    let known = Set(
                        councilFile.council.series.map(\.id)
                            + councilFile.council.rotations.map { SeriesID($0.id.rawValue) })
                    for (id, node) in planFile.seriesNodes where !known.contains(id) {
                        let hint = didYouMean(id.rawValue, among: known.map(\.rawValue).sorted())
                        reader.report(
                            .unknownSeries, at: node,
                            "会議体「\(id)」はcouncil.yamlにありません / no series \"\(id)\" in council.yaml.\(hint)",
                            expected: "one of: \(known.map(\.rawValue).sorted().joined(separator: ", "))")
                    }
                }
            }
            problems += reader.problems
        }
        return plans
    }

    /// Every business council.yaml names is in the roster.
    mutating func checkBusinesses(of councilFile: CouncilFile, against roster: RosterFile) {
        let known = Set(roster.businesses.map(\.id))
        let reader = YAMLReader(file: councilPath)
        for (id, node) in councilFile.seriesEntries.flatMap(\.businessNodes) + councilFile.rotationBusinessNodes
        where !known.contains(id) {
            let hint = didYouMean(id.rawValue, among: known.map(\.rawValue).sorted())
            reader.report(
                .unknownBusiness, at: node,
                "事業所「\(id)」は\(PlanDirectory.rosterFileName)にありません / no business \"\(id)\" in the roster.\(hint)",
                expected: "an id from \(PlanDirectory.rosterFileName)")
        }
        problems += reader.problems
    }

    /// The businesses of each member council, from its folder beside this one, marked with their home; an id
    /// already known (the council's own, or an earlier member's) is the same business and is not taken twice.
    mutating func readMembers(of councilFile: CouncilFile, besides known: [BusinessID]) async -> [Business] {
        memberCouncils = [:]
        let parent = PlanDirectory.parent(of: directory)
        let reader = YAMLReader(file: councilPath)
        var seen = Set(known)
        var businesses: [Business] = []
        for (id, node) in councilFile.memberNodes {
            let path = "\(parent)/\(id)"
            guard FileManager.default.fileExists(atPath: "\(path)/\(PlanDirectory.councilFileName)") else {
                reader.report(
                    .unknownCouncil, at: node, "協議会「\(id)」のフォルダがありません / no council folder \(path)",
                    expected: "the id of a council folder beside \(PlanDirectory.folderName(of: directory))")
                continue
            }
            switch await PlanDirectory.loadMember(path) {
            case .success(let member):
                memberCouncils[member.id] = MemberCouncil(name: member.name, uidDomain: member.uidDomain)
                // A series that moved up must be gone from where it was, or its meetings would be published twice.
                for entry in councilFile.seriesEntries {
                    guard let origin = entry.series.formerly, origin.council == member.id,
                        member.series(origin.series) != nil, let node = entry.formerlyNode
                    else { continue }
                    reader.report(
                        .duplicateID, at: node,
                        "会議体「\(origin.series)」は\(member.id)のcouncil.yamlにもあります / \(origin.series) is still a series of \(member.id)",
                        expected: "the series removed from \(path)/council.yaml once it is defined here")
                }
                for var business in member.businesses {
                    guard seen.insert(business.id).inserted else {
                        // Listed by an earlier member too: the same business, at home there.
                        if let index = businesses.firstIndex(where: { $0.id == business.id }) {
                            businesses[index].alsoIn.append(member.id)
                        }
                        continue
                    }
                    business.home = member.id
                    businesses.append(business)
                }
            case .failure(let found):
                reader.report(
                    .unknownCouncil, at: node,
                    "協議会「\(id)」を読めません(\(found.problems.count)件の問題) / member \(id) does not load (\(found.problems.count) problems)",
                    expected: "council lint \(path) without problems")
            }
        }
        problems += reader.problems
        return businesses
    }

    /// `rotation-<id>-<year>.csv` for each rotation and plan year there is one for.
    mutating func readRotationRecords(of rotations: [Rotation], years: [FiscalYear], businesses: Set<BusinessID>)
        -> [RotationRecord]
    {
        var records: [RotationRecord] = []
        for rotation in rotations {
            for year in Set(years).sorted() {
                let path = "\(directory)/\(RotationRecordFile.fileName(rotation.id, year))"
                guard source.names.contains((path as NSString).lastPathComponent), let text = read(path) else {
                    continue
                }
                let (record, found) = RotationRecordFile.read(
                    text, file: path, rotation: rotation, year: year, businesses: businesses)
                if let record { records.append(record) }
                problems += found
            }
        }
        return records
    }

    /// What a phase read in a child task found, with the problems it found there.
    struct Read<Value: Sendable>: Sendable {
        let value: Value
        let problems: [PlanProblem]

        /// `phase` run by a loader of its own over `source`.
        init(_ source: PlanFiles, _ phase: (inout PlanLoader) -> Value) {
            var loader = PlanLoader(source: source)
            value = phase(&loader)
            problems = loader.problems
        }
    }

    /// The value of a phase read elsewhere, its problems taken as this loader's.
    mutating func take<Value>(_ read: Read<Value>) -> Value {
        problems += read.problems
        return read.value
    }

    /// The plan files parsed in a child task, each with the reader that goes on reporting for it here: handed over
    /// once, then used by the loader alone (the reader moves, it is not shared).
    struct ParsedPlans: @unchecked Sendable {
        let files: [(file: PlanFile?, reader: YAMLReader)]
    }

    /// Each year's attendance record (`attendance-<year>.csv`) decoded and split into rows, in year order, the years
    /// side by side.
    static func splitSheets(of source: PlanFiles) async -> [(year: Int, sheet: AttendanceSheet.Split)] {
        await withTaskGroup(of: (year: Int, sheet: AttendanceSheet.Split)?.self) { group in
            for (year, path) in source.years(prefix: "attendance-", suffix: ".csv") {
                group.addTask {
                    source.bytes((path as NSString).lastPathComponent).map {
                        (year, AttendanceSheet.Split($0, file: path))
                    }
                }
            }
            return await group.reduce(into: []) { sheets, sheet in sheet.map { sheets.append($0) } }
                .sorted { $0.year < $1.year }
        }
    }

    /// Each year's attendance (the years side by side), answers and progress, against the dated years.
    mutating func readRecords(
        into council: inout Council, sheets: [(year: Int, sheet: AttendanceSheet.Split)], years meetings: CouncilYears
    ) async {
        let books = await withTaskGroup(of: (Int, Result<AttendanceBook, PlanProblems>).self) { group in
            for (year, sheet) in sheets {
                group.addTask { (year, AttendanceFile.book(sheet, years: meetings)) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (year, read) in books.sorted(by: { $0.key < $1.key }) {
            switch read {
            // Two different lines for one meeting and business are refused, at their line, by the reader.
            case .success(let book): council.attendance[FiscalYear(year)] = book
            case .failure(let found): problems += found.problems
            }
        }
        for (year, path) in source.years(prefix: "answers-", suffix: ".csv") {
            guard let data = source.bytes((path as NSString).lastPathComponent) else { continue }
            switch ReplyFile.read(data, file: path) {
            case .success(let book): council.replies[FiscalYear(year)] = book
            case .failure(let found): problems += found.problems
            }
        }
        for (year, path) in source.years(prefix: "progress-", suffix: ".csv") {
            guard let data = source.bytes((path as NSString).lastPathComponent) else { continue }
            switch ProgressFile.read(data, file: path, plan: council.plan(for: FiscalYear(year))) {
            case .success(let marks): council.progress[FiscalYear(year)] = marks
            case .failure(let found): problems += found.problems
            }
        }
    }
}
