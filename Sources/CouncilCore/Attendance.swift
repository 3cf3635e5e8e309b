/// How a business took part in one meeting.
public enum AttendanceStatus: String, CaseIterable, Hashable, Sendable {
    case present = "出席"
    case online = "オンライン"
    case absent = "欠席"
    /// 欠席連絡あり: absent, but said so beforehand.
    case excused = "欠席連絡あり"

    public var identifier: String {
        switch self {
        case .present: return "present"
        case .online: return "online"
        case .absent: return "absent"
        case .excused: return "excused"
        }
    }

    /// Present in the room or online.
    public var attended: Bool { self == .present || self == .online }
}

extension AttendanceStatus: LabelledKind {}

/// One business at one meeting: the attendance record's line.
public struct AttendanceEntry: Hashable, Sendable {
    public var series: SeriesID
    /// The date the schedule gave the meeting (its identity), not necessarily the day it was held.
    public var originalDate: CalendarDate
    public var business: BusinessID
    public var status: AttendanceStatus
    /// How many came (head count), when known.
    public var headCount: Int?
    public var note: String?
    /// 飛び入り: the business came although the meeting was not announced to it; the review shows it apart.
    public var walkIn: Bool

    public init(
        series: SeriesID, originalDate: CalendarDate, business: BusinessID, status: AttendanceStatus,
        headCount: Int? = nil, note: String? = nil, walkIn: Bool = false
    ) {
        self.series = series
        self.originalDate = originalDate
        self.business = business
        self.status = status
        self.headCount = headCount
        self.note = note
        self.walkIn = walkIn
    }

    public struct Key: Hashable, Sendable, Comparable {
        public var series: SeriesID
        public var originalDate: CalendarDate
        public var business: BusinessID

        public init(series: SeriesID, originalDate: CalendarDate, business: BusinessID) {
            self.series = series
            self.originalDate = originalDate
            self.business = business
        }

        public static func < (a: Key, b: Key) -> Bool {
            (a.originalDate, a.series, a.business) < (b.originalDate, b.series, b.business)
        }
    }

    public var key: Key { Key(series: series, originalDate: originalDate, business: business) }
}

/// A fiscal year's attendance record: at most one entry per meeting and business.
public struct AttendanceBook: Hashable, Sendable {
    private var storage: Storage

    /// The lines as read, when each meeting's came together in strictly rising business order (as `council`
    /// writes the record): no key is hashed to keep them, a line is found by its meeting and a binary search,
    /// and the review walks a meeting's lines beside its invitees. Any other book, and a book once changed, is
    /// keyed; both are the same book.
    private enum Storage: Sendable {
        case keyed([AttendanceEntry.Key: AttendanceEntry], lineCounts: [MeetingKey: Int])
        case runs([AttendanceEntry], meetings: [MeetingKey: Range<Int>])
    }

    /// The same entries, in whatever order each book keeps them.
    public static func == (a: AttendanceBook, b: AttendanceBook) -> Bool {
        if case .runs(let first, _) = a.storage, case .runs(let second, _) = b.storage, first == second { return true }
        return a.count == b.count && a.lines.allSatisfy { b.entry($0.key) == $0 }
    }

    /// Of the entries whatever their order: a sum of theirs.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(lines.reduce(0) { $0 &+ $1.hashValue })
    }

    public init(_ entries: [AttendanceEntry] = []) {
        self.init(unique: Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// A book of entries already keyed, one per key (as a reader that checked them has them). `order`, the same
    /// entries as read, keeps them as runs when each meeting's lines are one run in business order.
    public init(unique entries: [AttendanceEntry.Key: AttendanceEntry], order: [AttendanceEntry]? = nil) {
        precondition(order.map { $0.count == entries.count } ?? true, "order holds the book's entries")
        if let order, let runs = AttendanceBook(runs: order) {
            self = runs
            return
        }
        var counts: [MeetingKey: Int] = [:]
        for key in entries.keys { counts[MeetingKey(key), default: 0] += 1 }
        storage = .keyed(entries, lineCounts: counts)
    }

    /// The lines as read, when each meeting's are one run in strictly rising business order (so no two lines
    /// share a key); nil otherwise.
    public init?(runs lines: [AttendanceEntry]) {
        var meetings: [MeetingKey: Range<Int>] = [:]
        var start = 0
        for place in lines.indices.dropFirst() {
            let previous = lines[place - 1]
            let entry = lines[place]
            if previous.series == entry.series, previous.originalDate == entry.originalDate {
                guard previous.business < entry.business else { return nil }
                continue
            }
            guard meetings.updateValue(start..<place, forKey: MeetingKey(previous.key)) == nil else { return nil }
            start = place
        }
        if let last = lines.last, meetings.updateValue(start..<lines.count, forKey: MeetingKey(last.key)) != nil {
            return nil
        }
        storage = .runs(lines, meetings: meetings)
    }

    /// Every entry, keyed.
    public var entries: [AttendanceEntry.Key: AttendanceEntry] {
        switch storage {
        case .keyed(let entries, _): return entries
        case .runs(let lines, _): return Dictionary(uniqueKeysWithValues: lines.map { ($0.key, $0) })
        }
    }

    public var count: Int {
        switch storage {
        case .keyed(let entries, _): return entries.count
        case .runs(let lines, _): return lines.count
        }
    }

    /// Every entry, in the book's order.
    private var lines: [AttendanceEntry] {
        switch storage {
        case .keyed(let entries, _): return Array(entries.values)
        case .runs(let lines, _): return lines
        }
    }

    /// A meeting's lines in business order, when the book has them so (nil: look each business up).
    public func linesInBusinessOrder(of meeting: MeetingKey) -> ArraySlice<AttendanceEntry>? {
        guard case .runs(let lines, let meetings) = storage else { return nil }
        return meetings[meeting].map { lines[$0] } ?? []
    }

    /// The meetings (series and the date their rule gave) with at least one line: those the record says
    /// anything about.
    public var recordedMeetings: Set<MeetingKey> {
        switch storage {
        case .keyed(_, let counts): return Set(counts.keys)
        case .runs(_, let meetings): return Set(meetings.keys)
        }
    }

    /// How many lines `meeting` has (0: none, the meeting is 未記録).
    public func lineCount(of meeting: MeetingKey) -> Int {
        switch storage {
        case .keyed(_, let counts): return counts[meeting] ?? 0
        case .runs(_, let meetings): return meetings[meeting]?.count ?? 0
        }
    }

    /// Entries in date, series and business order.
    public var sorted: [AttendanceEntry] { lines.sorted { $0.key < $1.key } }

    public func entry(_ key: AttendanceEntry.Key) -> AttendanceEntry? {
        switch storage {
        case .keyed(let entries, _):
            return entries[key]
        case .runs(let lines, let meetings):
            guard let run = meetings[MeetingKey(key)] else { return nil }
            let place = lines[run].binarySearchFirst(notBefore: { $0.business < key.business })
            return place < run.upperBound && lines[place].business == key.business ? lines[place] : nil
        }
    }

    /// The lines of one meeting, walk-ins too, in business order.
    public func entries(of meeting: MeetingKey) -> [AttendanceEntry] {
        if let lines = linesInBusinessOrder(of: meeting) { return Array(lines) }
        return lines.filter { $0.series == meeting.series && $0.originalDate == meeting.originalDate }.sorted {
            $0.business < $1.business
        }
    }

    /// What merging `incoming` would do: entries to add, entries already there, and conflicts (the same
    /// business and meeting with something else recorded). Nothing is changed.
    public func merge(_ incoming: [AttendanceEntry]) -> MergePlan {
        var plan = MergePlan()
        var seen: [AttendanceEntry.Key: AttendanceEntry] = [:]
        for entry in incoming {
            if let earlier = seen[entry.key] {
                if earlier != entry {
                    plan.conflicts.append(Conflict(existing: earlier, incoming: entry, withinImport: true))
                }
                continue
            }
            seen[entry.key] = entry
            if let existing = self.entry(entry.key) {
                if existing == entry {
                    plan.unchanged.append(entry)
                } else {
                    plan.conflicts.append(Conflict(existing: existing, incoming: entry, withinImport: false))
                }
            } else {
                plan.added.append(entry)
            }
        }
        return plan
    }

    /// What correcting the record with `incoming` would do: entries replacing what is recorded for their
    /// meeting and business, entries added where nothing is, entries already there. Nothing is changed.
    public func correction(_ incoming: [AttendanceEntry]) -> MergePlan {
        var plan = MergePlan()
        for entry in incoming {
            if let existing = self.entry(entry.key) {
                if existing == entry {
                    plan.unchanged.append(entry)
                } else {
                    plan.replaced.append(Replacement(old: existing, new: entry))
                }
            } else {
                plan.added.append(entry)
            }
        }
        return plan
    }

    /// Adds entries that `merge` found new, or replaces what is recorded for their meeting and business.
    public mutating func add(_ new: [AttendanceEntry]) {
        var (entries, counts) = keyed()
        for entry in new where entries.updateValue(entry, forKey: entry.key) == nil {
            counts[MeetingKey(entry.key), default: 0] += 1
        }
        storage = .keyed(entries, lineCounts: counts)
    }

    /// Removes what is recorded for these meetings and businesses; returns what was removed.
    public mutating func remove(_ keys: [AttendanceEntry.Key]) -> [AttendanceEntry] {
        var (entries, counts) = keyed()
        let removed = keys.compactMap { key -> AttendanceEntry? in
            guard let removed = entries.removeValue(forKey: key) else { return nil }
            let meeting = MeetingKey(key)
            counts[meeting] = counts[meeting].flatMap { $0 > 1 ? $0 - 1 : nil }
            return removed
        }
        storage = .keyed(entries, lineCounts: counts)
        return removed
    }

    /// The book keyed, to be changed (the storage let go first, so that it is not copied).
    private mutating func keyed() -> ([AttendanceEntry.Key: AttendanceEntry], [MeetingKey: Int]) {
        let current = storage
        storage = .runs([], meetings: [:])
        switch current {
        case .keyed(let entries, let counts):
            return (entries, counts)
        case .runs(let lines, let meetings):
            return (Dictionary(uniqueKeysWithValues: lines.map { ($0.key, $0) }), meetings.mapValues(\.count))
        }
    }

    /// What a change does to the record; `merge` gives added, unchanged and conflicts, a correction
    /// replaced entries, a removal removed ones.
    public struct MergePlan: Hashable, Sendable {
        public var added: [AttendanceEntry] = []
        public var unchanged: [AttendanceEntry] = []
        public var conflicts: [Conflict] = []
        public var replaced: [Replacement] = []
        public var removed: [AttendanceEntry] = []

        public init() {}
    }

    public struct Replacement: Hashable, Sendable {
        public var old: AttendanceEntry
        public var new: AttendanceEntry

        public init(old: AttendanceEntry, new: AttendanceEntry) {
            self.old = old
            self.new = new
        }
    }

    public struct Conflict: Hashable, Sendable {
        public var existing: AttendanceEntry
        public var incoming: AttendanceEntry
        /// Both lines are in the file being imported.
        public var withinImport: Bool
    }
}

/// A meeting's identity: its series and the date its rule gave it.
public struct MeetingKey: Hashable, Sendable {
    public var series: SeriesID
    public var originalDate: CalendarDate

    public init(series: SeriesID, originalDate: CalendarDate) {
        self.series = series
        self.originalDate = originalDate
    }

    /// The meeting an attendance line is about.
    public init(_ key: AttendanceEntry.Key) {
        self.init(series: key.series, originalDate: key.originalDate)
    }

    public init(_ occurrence: Occurrence) {
        self.init(series: occurrence.series, originalDate: occurrence.originalDate)
    }
}
