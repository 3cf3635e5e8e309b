/// A VEVENT as plain Swift values.
public struct VEvent: Hashable, Sendable {
    public var uid: String
    public var timestamp: DateTimeValue
    public var start: DateTimeValue
    /// DTEND; exclusive, as RFC 5545 defines it (an all-day event on 4/14 ends on 4/15).
    public var end: DateTimeValue?
    public var summary: String?
    public var location: String?
    public var description: String?
    public var url: String?
    public var categories: [String]
    public var status: EventStatus?
    public var sequence: Int?
    public var lastModified: DateTimeValue?
    public var recurrenceRule: RecurrenceRule?
    public var exceptionDates: [DateTimeValue]
    public var recurrenceDates: [DateTimeValue]
    /// RECURRENCE-ID: which instance of a recurring event this one replaces.
    public var recurrenceID: DateTimeValue?
    public var organizer: CalendarUser?
    public var attendees: [CalendarUser]
    public var extraProperties: [ContentProperty]
    /// VALARMs: reminders shown before the start.
    public var alarms: [VAlarm]

    public init(
        uid: String,
        timestamp: DateTimeValue,
        start: DateTimeValue,
        end: DateTimeValue? = nil,
        summary: String? = nil,
        location: String? = nil,
        description: String? = nil,
        url: String? = nil,
        categories: [String] = [],
        status: EventStatus? = nil,
        sequence: Int? = nil,
        lastModified: DateTimeValue? = nil,
        recurrenceRule: RecurrenceRule? = nil,
        exceptionDates: [DateTimeValue] = [],
        recurrenceDates: [DateTimeValue] = [],
        recurrenceID: DateTimeValue? = nil,
        organizer: CalendarUser? = nil,
        attendees: [CalendarUser] = [],
        extraProperties: [ContentProperty] = [],
        alarms: [VAlarm] = []
    ) {
        self.uid = uid
        self.timestamp = timestamp
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.url = url
        self.categories = categories
        self.status = status
        self.sequence = sequence
        self.lastModified = lastModified
        self.recurrenceRule = recurrenceRule
        self.exceptionDates = exceptionDates
        self.recurrenceDates = recurrenceDates
        self.recurrenceID = recurrenceID
        self.organizer = organizer
        self.attendees = attendees
        self.extraProperties = extraProperties
        self.alarms = alarms
    }
}

/// A VALARM with ACTION:DISPLAY (RFC 5545 §3.6.6): a message shown a while before the event starts.
public struct VAlarm: Hashable, Sendable {
    /// How long before DTSTART the reminder shows (TRIGGER:-PT…, relative to the start).
    public var minutesBefore: Int
    /// DESCRIPTION: the text shown.
    public var description: String

    public init(minutesBefore: Int, description: String) {
        self.minutesBefore = minutesBefore
        self.description = description
    }
}

/// STATUS of a VEVENT (RFC 5545 §3.8.1.11).
public enum EventStatus: String, Hashable, Sendable, CaseIterable {
    case tentative = "TENTATIVE"
    case confirmed = "CONFIRMED"
    case cancelled = "CANCELLED"
}

/// An ORGANIZER or ATTENDEE: a calendar address and the parameters clients show.
public struct CalendarUser: Hashable, Sendable {
    /// A URI, usually `mailto:…`.
    public var address: String
    public var commonName: String?
    /// ROLE, e.g. `CHAIR`, `REQ-PARTICIPANT`, `OPT-PARTICIPANT`.
    public var role: String?
    /// PARTSTAT, e.g. `NEEDS-ACTION`, `ACCEPTED`.
    public var participationStatus: String?
    public var rsvp: Bool?

    public init(
        address: String, commonName: String? = nil, role: String? = nil, participationStatus: String? = nil,
        rsvp: Bool? = nil
    ) {
        self.address = address
        self.commonName = commonName
        self.role = role
        self.participationStatus = participationStatus
        self.rsvp = rsvp
    }
}
