/// Encodes many feeds that share events, each distinct event and time zone by libical once.
///
/// A feed is its calendar's properties, the encoded time zones and events, and the closing line: byte for byte
/// what encoding the whole calendar gives, because libical writes a component's properties and then its
/// components in order. Events are found again by UID, then compared whole: events shared between feeds share
/// their strings, so comparing is cheap where hashing every text (normalised for Unicode) is not.
public struct FeedEncoder {
    private let encoder = ICalendarEncoder()
    private var events: [String: [(value: VEvent, bytes: [UInt8])]] = [:]
    private var zones: [(value: VTimeZone, bytes: [UInt8])] = []
    private static let closing = Array("END:VCALENDAR\r\n".utf8)

    public init() {}

    /// The whole calendar as libical writes it.
    public mutating func bytes(of calendar: VCalendar) throws(ICalendarError) -> [UInt8] {
        var header = calendar
        header.events = []
        header.timeZones = []
        var bytes = Array(try encoder.encode(header).utf8)
        precondition(bytes.count >= Self.closing.count && bytes.suffix(Self.closing.count).elementsEqual(Self.closing), "libical ends a calendar with END:VCALENDAR")
        bytes.removeLast(Self.closing.count)
        for zone in calendar.timeZones {
            bytes += try Self.encoded(zone, known: &zones, by: encoder.encode)
        }
        for event in calendar.events {
            bytes += try Self.encoded(event, known: &events[event.uid, default: []], by: encoder.encode)
        }
        return bytes + Self.closing
    }

    /// What libical wrote for an equal component before, or what it writes for this one now (and keeps).
    private static func encoded<Component: Equatable>(
        _ component: Component, known: inout [(value: Component, bytes: [UInt8])], by encode: (Component) throws(ICalendarError) -> String
    ) throws(ICalendarError) -> [UInt8] {
        if let earlier = known.first(where: { $0.value == component }) { return earlier.bytes }
        let bytes = Array(try encode(component).utf8)
        known.append((component, bytes))
        return bytes
    }
}
