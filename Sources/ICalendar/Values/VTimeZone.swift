/// A VTIMEZONE: a zone id and its observances (STANDARD / DAYLIGHT blocks).
public struct VTimeZone: Hashable, Sendable {
    public var id: String
    public var observances: [Observance]

    public init(id: String, observances: [Observance]) {
        self.id = id
        self.observances = observances
    }

    /// Japan Standard Time, as calendar clients expect it: `TZID:Asia/Tokyo` with one STANDARD block.
    ///
    /// Japan has kept +09:00 all year since daylight saving time ended in September 1951, so one
    /// observance starting 1970-01-01 describes every date a council plans. libical's builtin zone would
    /// instead carry a `/freeassociation.sourceforge.net/` prefix, the 1888 local mean time and the
    /// 1948–51 DST blocks, none of which a subscriber needs.
    public static let asiaTokyo = VTimeZone(
        id: "Asia/Tokyo",
        observances: [
            Observance(
                kind: .standard,
                start: CalendarDate(year: 1970, month: 1, day: 1),
                startTime: ClockTime(hour: 0, minute: 0),
                offsetFrom: 9 * 3600,
                offsetTo: 9 * 3600,
                name: "JST"
            )
        ]
    )

    /// One STANDARD or DAYLIGHT block of a VTIMEZONE.
    public struct Observance: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case standard
            case daylight
        }

        public var kind: Kind
        /// DTSTART, in the local time in force before the transition.
        public var start: CalendarDate
        public var startTime: ClockTime
        /// TZOFFSETFROM and TZOFFSETTO in seconds east of UTC.
        public var offsetFrom: Int
        public var offsetTo: Int
        public var name: String?
        public var recurrenceRule: RecurrenceRule?

        public init(kind: Kind, start: CalendarDate, startTime: ClockTime, offsetFrom: Int, offsetTo: Int, name: String? = nil, recurrenceRule: RecurrenceRule? = nil) {
            self.kind = kind
            self.start = start
            self.startTime = startTime
            self.offsetFrom = offsetFrom
            self.offsetTo = offsetTo
            self.name = name
            self.recurrenceRule = recurrenceRule
        }
    }
}
