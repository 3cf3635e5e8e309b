/// An iCalendar object (VCALENDAR) as plain Swift values.
///
/// The subscriber-facing properties of RFC 7986 and the widely read `X-WR-*` ones are first-class:
/// `name` is written as both `NAME` and `X-WR-CALNAME`, `refreshInterval` as both `REFRESH-INTERVAL`
/// and `X-PUBLISHED-TTL`, so every client finds the one it reads.
public struct VCalendar: Hashable, Sendable {
    public var productID: String
    public var version: String
    public var calendarScale: String?
    public var method: String?
    public var name: String?
    /// `X-WR-CALDESC`.
    public var calendarDescription: String?
    /// `X-WR-TIMEZONE`: the zone clients should assume for display.
    public var timeZoneHint: String?
    public var refreshInterval: DurationValue?
    public var timeZones: [VTimeZone]
    public var events: [VEvent]
    public var extraProperties: [ContentProperty]

    public init(
        productID: String,
        version: String = "2.0",
        calendarScale: String? = "GREGORIAN",
        method: String? = nil,
        name: String? = nil,
        calendarDescription: String? = nil,
        timeZoneHint: String? = nil,
        refreshInterval: DurationValue? = nil,
        timeZones: [VTimeZone] = [],
        events: [VEvent] = [],
        extraProperties: [ContentProperty] = []
    ) {
        self.productID = productID
        self.version = version
        self.calendarScale = calendarScale
        self.method = method
        self.name = name
        self.calendarDescription = calendarDescription
        self.timeZoneHint = timeZoneHint
        self.refreshInterval = refreshInterval
        self.timeZones = timeZones
        self.events = events
        self.extraProperties = extraProperties
    }
}

/// A property the model has no field for: an `X-` property or another IANA one, kept as TEXT.
public struct ContentProperty: Hashable, Sendable {
    public var name: String
    public var value: String
    public var parameters: [ContentParameter]

    public init(name: String, value: String, parameters: [ContentParameter] = []) {
        self.name = name.uppercased()
        self.value = value
        self.parameters = parameters
    }
}

/// A property parameter, e.g. `X-COUNCIL-KIND=GSV`.
public struct ContentParameter: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name.uppercased()
        self.value = value
    }
}
