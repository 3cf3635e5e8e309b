/// A VTIMEZONE: a zone id and its observances (STANDARD / DAYLIGHT blocks).
public struct VTimeZone: Hashable, Sendable {
    public var id: String
    public var observances: [Observance]

    public init(id: String, observances: [Observance]) {
        self.id = id
        self.observances = observances
    }

    /// A zone that has kept one offset since 1970: one STANDARD block, which describes every later date.
    public static func fixed(id: String, offset: UTCOffset, name: String) -> VTimeZone {
        VTimeZone(
            id: id,
            observances: [
                Observance(
                    kind: .standard,
                    start: CalendarDate(year: 1970, month: 1, day: 1),
                    startTime: ClockTime(hour: 0, minute: 0),
                    offsetFrom: offset.seconds,
                    offsetTo: offset.seconds,
                    name: name
                )
            ])
    }

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

        public init(
            kind: Kind, start: CalendarDate, startTime: ClockTime, offsetFrom: Int, offsetTo: Int, name: String? = nil,
            recurrenceRule: RecurrenceRule? = nil
        ) {
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
