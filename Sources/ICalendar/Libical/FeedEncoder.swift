/// Encodes many feeds that share events, each distinct event and time zone by libical once, and reads every
/// one back before it is used.
///
/// A feed is its calendar's properties, the encoded time zones and events, and the closing line: byte for byte
/// what encoding the whole calendar gives, because libical writes a component's properties and then its
/// components in order. Events are found again by UID, then compared whole: events shared between feeds share
/// their strings, so comparing is cheap where hashing every text (normalised for Unicode) is not.
///
/// Nothing is returned that does not read back: each component's text is decoded again (`ICalendarDecoder`, as
/// any reader of the feed would) and must give the values it was written from, as `writable()` has them; and the
/// whole feed's lines must keep RFC 5545's rules (`ContentLineRules`). This is the net for a C library that writes
/// what it cannot read (libical 3.0.16's folding, `LineFolding`), whatever the next surprise is.
public struct FeedEncoder {
    private let encoder = ICalendarEncoder()
    private var events: [String: [(value: VEvent, bytes: [UInt8], lines: Int)]] = [:]
    private var zones: [(value: VTimeZone, bytes: [UInt8], lines: Int)] = []
    private static let closing = Array("END:VCALENDAR\r\n".utf8)

    public init() {}

    /// The whole calendar as libical writes it, read back. A problem is located at `source:line:column` of the
    /// feed.
    ///
    /// Each part is checked once, when it is first written: the calendar's own lines, and each distinct time zone
    /// and event (decoded on its own, as `ICalendarDecoder` reads every top-level component, and its lines checked).
    /// The feed is those parts, each ending with CRLF, between BEGIN:VCALENDAR and END:VCALENDAR, so it keeps the
    /// rules wherever its parts do.
    public mutating func bytes(of calendar: VCalendar, source: String = "<feed>") throws(ICalendarError) -> [UInt8] {
        var header = calendar
        header.events = []
        header.timeZones = []
        var bytes = Array(try encoder.encode(header).utf8)
        let meant = try header.writable()
        if let problem = ContentLineRules.problems(in: bytes, source: source).first { throw .notReadBack(problem) }
        try ReadBack.check(bytes, lineOffset: 0, componentLine: 1, source: source) {
            ReadBack.difference(between: $0, and: meant)
        }
        precondition(
            bytes.count >= Self.closing.count && bytes.suffix(Self.closing.count).elementsEqual(Self.closing),
            "libical ends a calendar with END:VCALENDAR")
        bytes.removeLast(Self.closing.count)
        var lines = bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        for zone in calendar.timeZones {
            bytes += try Self.encoded(zone, known: &zones, linesBefore: &lines, source: source, by: encoder.encode) {
                read throws(ICalendarError) in
                read.timeZones.count == 1
                    ? ReadBack.difference(between: read.timeZones[0], and: zone) : "\(read.timeZones.count) VTIMEZONEs"
            }
        }
        for event in calendar.events {
            // Written in its writable form, worked out once, and read back as that.
            var written: VEvent?
            let encode = { (event: VEvent) throws(ICalendarError) -> String in
                written = try event.writable()
                return try self.encoder.encode(writable: written!)
            }
            bytes += try Self.encoded(
                event, known: &events[event.uid, default: []], linesBefore: &lines, source: source, by: encode
            ) { read throws(ICalendarError) in
                read.events.count == 1
                    ? ReadBack.difference(between: read.events[0], and: written!) : "\(read.events.count) VEVENTs"
            }
        }
        return bytes + Self.closing
    }

    /// What libical wrote for an equal component before, or what it writes for this one now, read back (and kept).
    /// `linesBefore` counts the feed's lines so far, for locating a problem, and moves past the component's.
    private static func encoded<Component: Equatable>(
        _ component: Component, known: inout [(value: Component, bytes: [UInt8], lines: Int)], linesBefore: inout Int,
        source: String,
        by encode: (Component) throws(ICalendarError) -> String,
        difference: (VCalendar) throws(ICalendarError) -> String?
    ) throws(ICalendarError) -> [UInt8] {
        if let earlier = known.first(where: { $0.value == component }) {
            linesBefore += earlier.lines
            return earlier.bytes
        }
        let bytes = Array(try encode(component).utf8)
        if let problem = ContentLineRules.problems(in: bytes, source: source, firstLine: linesBefore + 1).first {
            throw .notReadBack(problem)
        }
        try ReadBack.check(
            ReadBack.envelope + bytes + closing, lineOffset: linesBefore - ReadBack.envelopeLines,
            componentLine: linesBefore + 1, source: source, difference)
        let lines = bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        known.append((component, bytes, lines))
        linesBefore += lines
        return bytes
    }
}

/// Decodes what was just written and asks whether it is what was meant.
enum ReadBack {
    /// A calendar's first lines, for reading one component on its own.
    static let envelope = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//council//read-back//EN\r\n".utf8)
    static let envelopeLines = 3

    /// Throws `notReadBack` at the text's first problem (its line moved by `lineOffset` to where it stands in the
    /// feed), or at `componentLine` when `difference` finds the values read back are not those meant.
    static func check(
        _ text: [UInt8], lineOffset: Int, componentLine: Int, source: String,
        _ difference: (VCalendar) throws(ICalendarError) -> String?
    ) throws(ICalendarError) {
        let decoded: VCalendar
        do {
            decoded = try ICalendarDecoder().decode(bytes: text, source: source)
        } catch {
            var problem = error.problems[0]
            problem.line += lineOffset
            problem.message = "書き出した内容を読み戻せません / what was written does not read back: \(problem.message)"
            throw .notReadBack(problem)
        }
        if let found = try difference(decoded) {
            throw .notReadBack(
                ICalendarProblem(
                    id: .notReadBack, source: source, line: componentLine, column: 1,
                    message: "書き出した内容が元の値と違って読み戻されます / what was written reads back as other values: \(found)",
                    expected: "the values it was written from"
                ))
        }
    }

    /// The first field in which `read` is not `meant`, as `NAME: read ≠ meant`; nil when they are equal.
    static func difference<Value: Equatable>(between read: Value, and meant: Value) -> String? {
        guard read != meant else { return nil }
        let fields = zip(Mirror(reflecting: read).children, Mirror(reflecting: meant).children)
        if let (a, b) = fields.first(where: { String(reflecting: $0.value) != String(reflecting: $1.value) }) {
            return
                "\(a.label ?? "value"): \(String(reflecting: a.value).prefix(200)) ≠ \(String(reflecting: b.value).prefix(200))"
        }
        return "\(String(reflecting: read).prefix(200)) ≠ \(String(reflecting: meant).prefix(200))"
    }
}
