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

    public init(series: SeriesID, originalDate: CalendarDate, business: BusinessID, status: AttendanceStatus, headCount: Int? = nil, note: String? = nil, walkIn: Bool = false) {
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

        /// By the day and the business only: two meetings of one day with the same business are the rare
        /// collision, and every line's key is hashed at least twice (read, reviewed), one string fewer each time.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(originalDate)
            hasher.combine(business)
        }
    }

    public var key: Key { Key(series: series, originalDate: originalDate, business: business) }
}

/// A fiscal year's attendance record: at most one entry per meeting and business.
public struct AttendanceBook: Hashable, Sendable {
    public private(set) var entries: [AttendanceEntry.Key: AttendanceEntry]
    /// How many lines each meeting has, kept with the entries.
    private var lineCounts: [MeetingKey: Int]
    /// The entries as read, when each meeting's lines came together and in business order (as `council` writes
    /// the record), with where each meeting's are: the review walks them beside the invitees. Dropped once the
    /// book is changed; the book is the same book without it.
    private var grouped: (lines: [AttendanceEntry], meetings: [MeetingKey: Range<Int>])?

    public static func == (a: AttendanceBook, b: AttendanceBook) -> Bool { a.entries == b.entries }

    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    public init(_ entries: [AttendanceEntry] = []) {
        self.init(unique: Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// A book of entries already keyed, one per key (as a reader that checked them has them). `order`, the same
    /// entries as read, lets the lines of each meeting be counted with one lookup per run of them.
    public init(unique entries: [AttendanceEntry.Key: AttendanceEntry], order: [AttendanceEntry]? = nil) {
        precondition(order.map { $0.count == entries.count } ?? true, "order holds the book's entries")
        self.entries = entries
        let lines = order ?? Array(entries.values)
        var counts: [MeetingKey: Int] = [:]
        var runs: [MeetingKey: Range<Int>] = [:]
        // Whether each meeting's lines are one run, in business order.
        var grouped = order != nil
        var run: (meeting: MeetingKey, start: Int)?
        func close(at end: Int) {
            guard let current = run else { return }
            counts[current.meeting, default: 0] += end - current.start
            if grouped, runs.updateValue(current.start..<end, forKey: current.meeting) != nil { grouped = false }
        }
        for (place, entry) in lines.enumerated() {
            if let current = run, current.meeting.series == entry.series, current.meeting.originalDate == entry.originalDate {
                if grouped, !(lines[place - 1].business < entry.business) { grouped = false }
                continue
            }
            close(at: place)
            run = (MeetingKey(entry.key), place)
        }
        close(at: lines.count)
        lineCounts = counts
        self.grouped = grouped ? (lines, runs) : nil
    }

    /// A meeting's lines in business order, when the book has them so (nil: look each business up).
    public func linesInBusinessOrder(of meeting: MeetingKey) -> ArraySlice<AttendanceEntry>? {
        guard let grouped else { return nil }
        return grouped.meetings[meeting].map { grouped.lines[$0] } ?? []
    }

    /// The meetings (series and the date their rule gave) with at least one line: those the record says
    /// anything about.
    public var recordedMeetings: Set<MeetingKey> { Set(lineCounts.keys) }

    /// How many lines `meeting` has (0: none, the meeting is 未記録).
    public func lineCount(of meeting: MeetingKey) -> Int { lineCounts[meeting] ?? 0 }

    /// Entries in date, series and business order.
    public var sorted: [AttendanceEntry] { entries.keys.sorted().compactMap { entries[$0] } }

    public func entry(_ key: AttendanceEntry.Key) -> AttendanceEntry? { entries[key] }

    /// The lines of one meeting, walk-ins too, in business order.
    public func entries(of meeting: MeetingKey) -> [AttendanceEntry] {
        entries.values.filter { $0.series == meeting.series && $0.originalDate == meeting.originalDate }.sorted { $0.business < $1.business }
    }

    /// What merging `incoming` would do: entries to add, entries already there, and conflicts (the same
    /// business and meeting with something else recorded). Nothing is changed.
    public func merge(_ incoming: [AttendanceEntry]) -> MergePlan {
        var plan = MergePlan()
        var seen: [AttendanceEntry.Key: AttendanceEntry] = [:]
        for entry in incoming {
            if let earlier = seen[entry.key] {
                if earlier != entry { plan.conflicts.append(Conflict(existing: earlier, incoming: entry, withinImport: true)) }
                continue
            }
            seen[entry.key] = entry
            if let existing = entries[entry.key] {
                if existing == entry { plan.unchanged.append(entry) } else { plan.conflicts.append(Conflict(existing: existing, incoming: entry, withinImport: false)) }
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
            if let existing = entries[entry.key] {
                if existing == entry { plan.unchanged.append(entry) } else { plan.replaced.append(Replacement(old: existing, new: entry)) }
            } else {
                plan.added.append(entry)
            }
        }
        return plan
    }

    /// Adds entries that `merge` found new, or replaces what is recorded for their meeting and business.
    public mutating func add(_ new: [AttendanceEntry]) {
        grouped = nil
        for entry in new where entries.updateValue(entry, forKey: entry.key) == nil {
            lineCounts[MeetingKey(entry.key), default: 0] += 1
        }
    }

    /// Removes what is recorded for these meetings and businesses; returns what was removed.
    public mutating func remove(_ keys: [AttendanceEntry.Key]) -> [AttendanceEntry] {
        grouped = nil
        return keys.compactMap { key in
            guard let removed = entries.removeValue(forKey: key) else { return nil }
            let meeting = MeetingKey(key)
            lineCounts[meeting] = lineCounts[meeting].flatMap { $0 > 1 ? $0 - 1 : nil }
            return removed
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
