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
        id: RotationID, title: String, kind: MeetingKind, slots: SlotSource, venue: String? = nil, targetsPerSlot: Int = 1,
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
        /// 区職員.
        case wardOffice
        /// 事業所職員 of this business; they never lead a slot for it.
        case business(BusinessID)
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

    public init(rotation: RotationID, originalDate: CalendarDate, date: CalendarDate, time: TimeRange?) {
        self.rotation = rotation
        self.originalDate = originalDate
        self.date = date
        self.time = time
    }

    public static func < (lhs: RotationSlot, rhs: RotationSlot) -> Bool {
        (lhs.date, lhs.originalDate) < (rhs.date, rhs.originalDate)
    }
}

/// Who a slot goes to and who leads it.
public struct SlotAssignment: Hashable, Sendable {
    public var slot: RotationSlot
    public var targets: [BusinessID]
    public var leads: [LeadID]
    /// Held slots (their date has passed) never move.
    public var isHeld: Bool

    public init(slot: RotationSlot, targets: [BusinessID], leads: [LeadID], isHeld: Bool = false) {
        self.slot = slot
        self.targets = targets
        self.leads = leads
        self.isHeld = isHeld
    }
}

extension ClockTime {
    /// A time from minutes after midnight, capped at 23:59.
    public init(minutesSinceMidnight minutes: Int) {
        let capped = min(max(0, minutes), 23 * 60 + 59)
        self.init(hour: capped / 60, minute: capped % 60)
    }
}
