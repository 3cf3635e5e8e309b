/// A rotation: slots through the year, each filled with target businesses and led by supervisors or
/// visitors — GSV rounds, 個別スーパービジョン ("月1回、1事業所"), visits to businesses.
public struct Rotation: Hashable, Sendable, Identifiable {
    public var id: RotationID
    public var title: String
    public var kind: MeetingKind
    public var slots: SlotSource
    public var venue: String?
    public var targetsPerSlot: Int
    /// Which businesses take turns.
    public var pool: Invitation
    public var leads: [Lead]
    /// How many leads each slot needs; a pair is one 区職員 and one 事業所職員.
    public var leadsPerSlot: Int
    public var requiresPair: Bool
    public var maxPerLead: Int?
    /// Months (1–12) each business cannot do.
    public var unavailableMonths: [BusinessID: Set<Int>]

    public init(
        id: RotationID, title: String, kind: MeetingKind, slots: SlotSource, venue: String? = nil,
        targetsPerSlot: Int = 1,
        pool: Invitation, leads: [Lead], leadsPerSlot: Int = 1, requiresPair: Bool = false, maxPerLead: Int? = nil,
        unavailableMonths: [BusinessID: Set<Int>] = [:]
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.slots = slots
        self.venue = venue
        self.targetsPerSlot = targetsPerSlot
        self.pool = pool
        self.leads = leads
        self.leadsPerSlot = requiresPair ? 2 : leadsPerSlot
        self.requiresPair = requiresPair
        self.maxPerLead = maxPerLead
        self.unavailableMonths = unavailableMonths
    }

    public func lead(_ id: LeadID) -> Lead? { leads.first { $0.id == id } }
}

public typealias RotationID = Identifier<Rotation>
public typealias LeadID = Identifier<Lead>

/// Where a rotation's slots come from.
public enum SlotSource: Hashable, Sendable {
    /// One slot after each held occurrence of a series, lasting `minutes` from the meeting's end
    /// (宮城野区: "相談支援事業所等連絡会後の時間帯").
    case after(series: SeriesID, minutes: Int)
    /// A schedule of its own.
    case schedule(ScheduleRule, text: String, time: TimeRange?)
}

/// A supervisor or visitor who leads slots.
public struct Lead: Hashable, Sendable, Identifiable {
    public var id: LeadID
    public var name: String
    public var affiliation: Affiliation

    public enum Affiliation: Hashable, Sendable {
        /// 区職員 of a section of the ward office (a 区役所 business of the roster), when named: the slots
        /// they lead reach that section's feed only.
        case wardOffice(section: BusinessID?)
        /// 事業所職員 of this business; they never lead a slot for it.
        case business(BusinessID)
    }

    public var isWardOffice: Bool {
        if case .wardOffice = affiliation { return true }
        return false
    }

    /// The business whose feed shows the slots this lead leads: their own, or their section of the ward office.
    public var organisation: BusinessID? {
        switch affiliation {
        case .business(let id): return id
        case .wardOffice(let section): return section
        }
    }

    public init(id: LeadID, name: String, affiliation: Affiliation) {
        self.id = id
        self.name = name
        self.affiliation = affiliation
    }

    public var business: BusinessID? {
        if case .business(let id) = affiliation { return id }
        return nil
    }
}

/// One slot of a rotation, identified by the rotation and the date its source gave it.
public struct RotationSlot: Hashable, Sendable, Comparable {
    public var rotation: RotationID
    public var originalDate: CalendarDate
    public var date: CalendarDate
    public var time: TimeRange?
    /// The `Occurrence.issue` of the meeting the slot comes after (1 otherwise): a slot after a meeting given again
    /// under a withdrawn meeting's identity is another slot than the one after the withdrawn meeting.
    public var issue: Int

    public init(rotation: RotationID, originalDate: CalendarDate, date: CalendarDate, time: TimeRange?, issue: Int = 1)
    {
        self.rotation = rotation
        self.originalDate = originalDate
        self.date = date
        self.time = time
        self.issue = issue
    }

    /// What names the slot in its rotation's record: the day its source gave it, and the issue.
    public var identity: Identity { Identity(originalDate: originalDate, issue: issue) }

    public struct Identity: Hashable, Sendable {
        public var originalDate: CalendarDate
        public var issue: Int
    }

    public static func < (lhs: RotationSlot, rhs: RotationSlot) -> Bool {
        (lhs.date, lhs.originalDate) < (rhs.date, rhs.originalDate)
    }
}

/// Who a slot goes to and who leads it, and what became of it.
extension Rotation {
    /// Whether a business is a target of the slot, or the organisation of one of its leads (their business, or
    /// the section of the ward office a 区職員 lead belongs to; a 区職員 lead with no section reaches no section).
    public func involves(_ business: BusinessID, in assignment: SlotAssignment) -> Bool {
        assignment.targets.contains(business)
            || assignment.leads.compactMap(lead).contains { $0.organisation == business }
    }
}

public struct SlotAssignment: Hashable, Sendable {
    public var slot: RotationSlot
    public var targets: [BusinessID]
    public var leads: [LeadID]
    /// Held slots (their date has passed, or their outcome is recorded) never move.
    public var isHeld: Bool
    /// What the secretariat recorded; nil while it is only planned.
    public var outcome: SlotOutcome?
    public var note: String?

    public init(
        slot: RotationSlot, targets: [BusinessID], leads: [LeadID], isHeld: Bool = false, outcome: SlotOutcome? = nil,
        note: String? = nil
    ) {
        self.slot = slot
        self.targets = targets
        self.leads = leads
        self.isHeld = isHeld
        self.outcome = outcome
        self.note = note
    }

    /// The slot as an occurrence under its rotation's id: moved when it takes place on another day than its
    /// source gave, cancelled when called off (by the council or the business).
    public var occurrence: Occurrence {
        let status: Occurrence.Status =
            outcome?.isCancelled == true ? .cancelled : slot.date == slot.originalDate ? .scheduled : .moved
        return Occurrence(
            series: SeriesID(slot.rotation.rawValue), originalDate: slot.originalDate, date: slot.date, time: slot.time,
            status: status, note: note)
    }

    /// Whether the targets had their turn: held, or called off by the business itself. A slot the council
    /// called off (中止) gives them a turn again.
    public var countsAsTurn: Bool { outcome != .cancelled }
}

/// What became of a rotation slot, recorded like a meeting's attendance.
public enum SlotOutcome: String, CaseIterable, Hashable, Sendable {
    /// 実施: it took place (on its `date`).
    case held = "実施"
    /// 延期: put off; its `date` is the new day, or the old one until a new day is set.
    case postponed = "延期"
    /// 事業所都合で中止: called off at the business's request; the business has had its turn.
    case cancelledByBusiness = "事業所都合で中止"
    /// 中止: called off by the council; the business gets a turn again.
    case cancelled = "中止"

    public var identifier: String {
        switch self {
        case .held: return "held"
        case .postponed: return "postponed"
        case .cancelledByBusiness: return "cancelled-by-business"
        case .cancelled: return "cancelled"
        }
    }

    /// The slot will not take place.
    public var isCancelled: Bool { self == .cancelled || self == .cancelledByBusiness }
}

extension SlotOutcome: LabelledKind {}

extension ClockTime {
    /// A time from minutes after midnight, capped at 23:59.
    public init(minutesSinceMidnight minutes: Int) {
        let capped = min(max(0, minutes), 23 * 60 + 59)
        self.init(hour: capped / 60, minute: capped % 60)
    }
}

extension RotationRecord {
    /// The record with each slot that has no outcome yet moved to the day and time `slots` (the year's slots as
    /// the plan and the published schedule now give them) have for it: the record keeps the day `council rotate`
    /// last saw, and a meeting moved since takes the slot after it along. A recorded outcome keeps its day, and
    /// a slot whose source is gone (its meeting cancelled) stays as recorded.
    public func following(_ slots: [RotationSlot]) -> RotationRecord {
        let current = Dictionary(slots.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        var copy = self
        for index in copy.assignments.indices where copy.assignments[index].outcome == nil {
            if let slot = current[copy.assignments[index].slot.identity] { copy.assignments[index].slot = slot }
        }
        return copy
    }

    /// The record with `outcome` written for the slot on `date` (the day its source gave it, or the day it now
    /// takes place); a postponed slot may be `movedTo` a new day. `today` bounds what can have taken place.
    public func recording(
        _ outcome: SlotOutcome, on date: CalendarDate, movedTo: CalendarDate? = nil, note: String? = nil,
        today: CalendarDate
    ) -> Result<(old: SlotAssignment, new: SlotAssignment, record: RotationRecord), SlotRecordingError> {
        guard
            let index = assignments.firstIndex(where: { $0.slot.originalDate == date })
                ?? assignments.firstIndex(where: { $0.slot.date == date })
        else {
            return .failure(.noSlot(date, known: assignments.map(\.slot.date)))
        }
        let old = assignments[index]
        if movedTo != nil && outcome != .postponed { return .failure(.movedWithoutPostponing) }
        if outcome == .held && old.slot.date > today { return .failure(.notYet(old.slot.date)) }
        var new = old
        new.outcome = outcome
        // A note says why of its own outcome: 延期's reason does not follow the slot to 実施.
        new.note = note ?? (outcome == old.outcome ? old.note : nil)
        if let movedTo { new.slot.date = movedTo }
        var copy = self
        copy.assignments[index] = new
        return .success((old, new, copy))
    }
}

/// Why a slot's outcome cannot be recorded as asked.
public enum SlotRecordingError: Error, Hashable, Sendable, CustomStringConvertible {
    case noSlot(CalendarDate, known: [CalendarDate])
    case notYet(CalendarDate)
    case movedWithoutPostponing

    public var description: String {
        switch self {
        case .noSlot(let date, let known):
            let near = known.sorted {
                abs($0.daysSinceEpoch - date.daysSinceEpoch) < abs($1.daysSinceEpoch - date.daysSinceEpoch)
            }.prefix(3).sorted().map(\.shortJapaneseDescription)
            return "\(date.japaneseDescription)の枠はありません / no slot on \(date)"
                + (near.isEmpty ? "" : "(近い枠 / nearest: \(near.joined(separator: "、")))")
        case .notYet(let date):
            return "\(date.japaneseDescription)の枠はまだ来ていないため「実施」にできません / the slot on \(date) has not come yet"
        case .movedWithoutPostponing:
            return "新しい日付(--to)は「延期」のときだけ指定できます / --to is only for 延期 (postponed)"
        }
    }
}
