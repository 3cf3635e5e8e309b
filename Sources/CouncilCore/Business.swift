/// A business (事業所) taking part in a council.
public struct Business: Hashable, Sendable, Identifiable {
    public var id: BusinessID
    public var name: String
    public var kind: BusinessKind
    /// The council's own name of its kind (`business_kinds:` of council.yaml), e.g. 障がい児相談 or 指定一般;
    /// nil when the roster uses a built-in kind.
    public var kindLabel: String?
    public var openedOn: CalendarDate?
    /// The day it closed (廃止日): from this day on it is invited to nothing.
    public var closedOn: CalendarDate?
    public var staffCount: Int?
    public var contact: String?
    /// Where it is (所在地): the place of a visit to it.
    public var address: String?
    /// Raised to revoke the business's private feed URL (a leaked link stops working).
    public var feedRevision: Int
    /// For a council above councils (仙台市), the member council whose roster the business comes from: its feed
    /// and its URL are that council's, holding the city's meetings too. Nil for a council's own businesses.
    public var home: String?
    /// For a council above councils, the other member councils whose rosters list the same business (same id): it
    /// is one business, with its one feed at `home` holding their meetings too.
    public var alsoIn: [String] = []

    public init(
        id: BusinessID, name: String, kind: BusinessKind, openedOn: CalendarDate? = nil, closedOn: CalendarDate? = nil,
        staffCount: Int? = nil, contact: String? = nil, address: String? = nil, feedRevision: Int = 0
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.staffCount = staffCount
        self.contact = contact
        self.address = address
        self.feedRevision = feedRevision
    }

    /// Its kind as the council writes it: its own label, or the built-in one.
    public var kindName: String { kindLabel ?? kind.rawValue }

    /// Whether it exists on `date`: opened on or before it (when the opening day is known), not yet closed.
    /// Closed for good by `date` (its `closed_on` has come): no feed, page, letter or follow-up from then on.
    public func hasClosed(by date: CalendarDate) -> Bool {
        closedOn.map { $0 <= date } ?? false
    }

    public func isOpen(on date: CalendarDate) -> Bool {
        (openedOn.map { $0 <= date } ?? true) && (closedOn.map { date < $0 } ?? true)
    }

    /// Whether it is open on at least one day of `year`.
    public func isOpen(onSomeDayOf year: FiscalYear) -> Bool {
        (openedOn.map { $0 <= year.lastDay } ?? true) && (closedOn.map { $0 > year.firstDay } ?? true)
    }

    /// Whether it is open on every day of `year`, so that no invitation of the year depends on the day.
    public func isOpen(throughout year: FiscalYear) -> Bool {
        isOpen(on: year.firstDay) && isOpen(on: year.lastDay)
    }

    /// 一人事業所: one member of staff carries every case.
    public var isOnePerson: Bool { staffCount == 1 }

    /// 新規事業所 for a plan year: opened in the previous fiscal year or later.
    public func isNew(in year: FiscalYear) -> Bool {
        guard let openedOn else { return false }
        return openedOn >= year.previous.firstDay
    }
}

public typealias BusinessID = Identifier<Business>

/// What kind of body a business is; invitations are often by kind.
public enum BusinessKind: String, CaseIterable, Hashable, Sendable {
    /// 指定特定相談支援事業所
    case designated = "指定特定"
    /// 障害児相談支援事業所
    case children = "障害児相談"
    /// 委託相談支援事業所
    case commissioned = "委託"
    /// 基幹相談支援センター
    case core = "基幹"
    /// 地域包括支援センター
    case communityCare = "地域包括"
    /// 区役所
    case wardOffice = "区役所"
    case other = "その他"

    /// The English identifier accepted in plan files beside the Japanese label.
    public var identifier: String {
        switch self {
        case .designated: return "designated"
        case .children: return "children"
        case .commissioned: return "commissioned"
        case .core: return "core"
        case .communityCare: return "community-care"
        case .wardOffice: return "ward-office"
        case .other: return "other"
        }
    }

}

extension BusinessKind: LabelledKind {}
