/// A ward council (区障害者自立支援協議会): its businesses, its meeting series and its yearly plans.
public struct Council: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// The short name used in titles, e.g. 青葉区.
    public var shortName: String
    public var timeZone: String
    public var secretariat: Secretariat?
    public var calendar: BusinessCalendar
    public var businesses: [Business]
    public var series: [MeetingSeries]
    public var plans: [Plan]

    public init(id: String, name: String, shortName: String, timeZone: String = "Asia/Tokyo", secretariat: Secretariat? = nil, calendar: BusinessCalendar = BusinessCalendar(), businesses: [Business] = [], series: [MeetingSeries] = [], plans: [Plan] = []) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.timeZone = timeZone
        self.secretariat = secretariat
        self.calendar = calendar
        self.businesses = businesses
        self.series = series
        self.plans = plans
    }

    public func plan(for year: FiscalYear) -> Plan? {
        plans.first { $0.year == year }
    }

    public func business(_ id: BusinessID) -> Business? {
        businesses.first { $0.id == id }
    }

    public func series(_ id: SeriesID) -> MeetingSeries? {
        series.first { $0.id == id }
    }

    /// The businesses a series invites, in roster order.
    public func invitees(of series: MeetingSeries) -> [Business] {
        businesses.filter(series.invitation.invites)
    }
}

/// The council's office (事務局) and how to reach it.
public struct Secretariat: Hashable, Sendable {
    public var name: String
    public var contact: String?

    public init(name: String, contact: String? = nil) {
        self.name = name
        self.contact = contact
    }
}
