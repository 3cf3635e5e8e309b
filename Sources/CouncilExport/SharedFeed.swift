import CouncilCore
import ICalendar

/// What a council above councils (仙台市) gives the feeds of its members' businesses: its meetings' events as
/// reconciled in its own council-wide feed, and for each business the events of the meetings it is invited to.
///
/// A business subscribes once, to its own council's feed: the city's meetings are in it under the city's UIDs,
/// the same bytes as in the city's council.ics, so no UID has two versions anywhere.
public struct SharedFeed: Sendable {
    /// The city's id.
    public var council: String
    /// Its name, as the feeds of its members' businesses say where their meetings come from.
    public var name: String
    /// Its member councils' ids.
    public var members: [String]
    /// The city's council-wide events as reconciled, by UID.
    public var events: [String: VEvent]
    /// The UIDs its plan still has (the fresh feed's), as opposed to those kept only as cancelled.
    public var planned: Set<String>
    /// By business, the UIDs of the city's meetings it is invited to, in date order.
    public var invitations: [BusinessID: [String]]
    /// By member council, the UIDs of the joint meetings it co-hosts (`hosts:`): in its council-wide feed too.
    public var hosted: [String: [String]]
    /// The businesses listed by several members: the member where each has its one feed, and the others.
    public var homes: [BusinessID: (home: String, alsoIn: [String])] = [:]

    public init(
        council: String, name: String, members: [String], events: [String: VEvent], planned: Set<String>,
        invitations: [BusinessID: [String]], hosted: [String: [String]] = [:],
        homes: [BusinessID: (home: String, alsoIn: [String])] = [:]
    ) {
        self.council = council
        self.name = name
        self.members = members
        self.events = events
        self.planned = planned
        self.invitations = invitations
        self.hosted = hosted
        self.homes = homes
    }

    /// The businesses of `council` whose one feed is at another member (listed there first).
    public func elsewhere(for council: String) -> Set<BusinessID> {
        Set(homes.filter { $0.value.alsoIn.contains(council) }.keys)
    }

    /// The other members whose meetings go into the feeds of `council`'s businesses that are listed there too.
    public func siblings(of council: String) -> [String] {
        Set(homes.values.filter { $0.home == council }.flatMap(\.alsoIn)).sorted()
    }

    /// The city's events a business is invited to.
    public func events(for business: BusinessID) -> [VEvent] {
        (invitations[business] ?? []).compactMap { events[$0] }
    }
}
