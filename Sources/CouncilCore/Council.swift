/// A ward council (区障害者自立支援協議会): its businesses, its meeting series and its yearly plans.
public struct Council: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// The short name used in titles, e.g. 青葉区.
    public var shortName: String
    public var timeZone: String
    /// The domain that makes the council's event UIDs unique in the world (`uid_domain: city.sendai.jp`).
    public var uidDomain: String?
    public var secretariat: Secretariat?
    public var calendar: BusinessCalendar
    public var businesses: [Business]
    public var series: [MeetingSeries]
    public var rotations: [Rotation]
    /// Rotation plans as recorded in the plan folder (`rotation-<id>-<year>.csv`).
    public var rotationRecords: [RotationRecord]
    public var plans: [Plan]
    /// Attendance records by fiscal year (`attendance-<year>.csv`).
    public var attendance: [FiscalYear: AttendanceBook] = [:]
    /// Progress marks by fiscal year (`progress-<year>.csv`).
    public var progress: [FiscalYear: [PlanProgress.Mark]] = [:]
    /// The meetings as last published, by fiscal year (`published-<year>.csv`).
    public var published: [FiscalYear: PublishedSchedule] = [:]
    /// Answers given beforehand by fiscal year (`answers-<year>.csv`), every change kept.
    public var replies: [FiscalYear: ReplyBook] = [:]
    /// Raised in council.yaml (`secretariat_revision`) to revoke the secretariat console's URL.
    public var secretariatRevision = 0
    /// The council's own wording of answers in its forms (「会場で参加します」 → 出席), beside the built-in ones.
    public var answerWords: [String: AttendanceStatus] = [:]
    /// The council's own kinds of business and spellings (障がい児相談, 指定一般), each mapped onto a built-in kind.
    public var businessKinds: [String: BusinessKind] = [:]
    /// For a council above councils (仙台市 above its wards), the member councils by id (folders beside its own):
    /// their businesses are its businesses, invited to its series by kind or by list.
    public var members: [String] = []
    /// The member councils as their folders give them (name, UID domain), by id: for the hosts a joint meeting
    /// names and the UIDs of a series that moved here from one of them.
    public var memberCouncils: [String: MemberCouncil] = [:]
    /// For a ward's year joined with the councils above it (`joining(above:)`), their short names by id (仙台市, 東部圏域):
    /// how its grid labels their rows.
    public var shortNamesAbove: [String: String] = [:]

    public init(
        id: String, name: String, shortName: String, timeZone: String = "Asia/Tokyo", secretariat: Secretariat? = nil,
        calendar: BusinessCalendar = BusinessCalendar(), businesses: [Business] = [], series: [MeetingSeries] = [],
        rotations: [Rotation] = [], rotationRecords: [RotationRecord] = [], plans: [Plan] = []
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.timeZone = timeZone
        self.secretariat = secretariat
        self.calendar = calendar
        self.businesses = businesses
        self.series = series
        self.rotations = rotations
        self.rotationRecords = rotationRecords
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

    public func rotation(_ id: RotationID) -> Rotation? {
        rotations.first { $0.id == id }
    }

    /// The fiscal years its feeds hold: its plans' years, or the year of `today` when it has no plan.
    public func feedYears(today: CalendarDate) -> [FiscalYear] {
        plans.isEmpty ? [FiscalYear(containing: today)] : plans.map(\.year)
    }

    /// Puts `record` in place of the council's record of its rotation and year (or beside the others).
    public mutating func setRotationRecord(_ record: RotationRecord) {
        rotationRecords.removeAll { $0.rotation == record.rotation && $0.year == record.year }
        rotationRecords.append(record)
    }

    public func rotationRecord(_ id: RotationID, year: FiscalYear) -> RotationRecord? {
        rotationRecords.first { $0.rotation == id && $0.year == year }
    }

    /// The businesses a series invites, in roster order; a co-hosted series (`hosts:`) invites by kind only
    /// the businesses its hosts list (at home there, or there too).
    public func invitees(of series: MeetingSeries) -> [Business] {
        guard !series.hosts.isEmpty else { return businesses.filter(series.invitation.invites) }
        var byKind = series.invitation
        byKind.businesses = []
        return businesses.filter { business in
            series.invitation.businesses.contains(business.id) && !series.invitation.excluded.contains(business.id)
                || ([business.home].compactMap { $0 } + business.alsoIn).contains(where: series.hosts.contains)
                    && byKind.invites(business)
        }
    }

    /// The hosts of a series by name: its co-hosts (`hosts:`), or this council.
    public func hostNames(of series: MeetingSeries) -> [String] {
        series.hosts.isEmpty ? [name] : series.hosts.map { memberCouncils[$0]?.name ?? $0 }
    }
}

/// A member council as its council above knows it.
public struct MemberCouncil: Hashable, Sendable {
    public var name: String
    public var uidDomain: String?

    public init(name: String, uidDomain: String?) {
        self.name = name
        self.uidDomain = uidDomain
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

    /// `問合せ: 青葉区障害高齢課 障害者支援係 022-000-1111`: how feeds, letters and pages name the secretariat.
    public var contactLine: String {
        "問合せ: \(name)" + (contact.map { " \($0)" } ?? "")
    }
}

/// A rotation's assignments for one year, as the secretariat keeps them.
public struct RotationRecord: Hashable, Sendable {
    public var rotation: RotationID
    public var year: FiscalYear
    public var assignments: [SlotAssignment]

    public init(rotation: RotationID, year: FiscalYear, assignments: [SlotAssignment]) {
        self.rotation = rotation
        self.year = year
        self.assignments = assignments
    }
}

extension UTCOffset {
    /// Japan Standard Time: +09:00 all year since summer time ended in September 1951. Every council's clock (see
    /// `Council.timeZones`), and the day "today" is when none is given.
    public static let japan = UTCOffset(hours: 9)
}

extension Council {
    /// The zones council.yaml's `time_zone` may name, with their offsets: the councils are in Japan.
    public static let timeZones: [String: UTCOffset] = ["Asia/Tokyo": .japan]

    /// The offset of the council's `time_zone`.
    public var utcOffset: UTCOffset { Self.timeZones[timeZone] ?? .japan }
}
