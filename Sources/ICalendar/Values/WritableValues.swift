/// The form in which values are written, and so the form in which they read back.
///
/// A TEXT value (RFC 5545 §3.3.11) can hold a line break only as the escape `\n`, and no other control character
/// than TAB: a CR LF or a lone CR in a text becomes one LF (libical 3.0.16 would drop a lone CR, joining the lines it
/// parts), and any other control character is refused. A URI, a UID or a parameter value has no escape at all, so it
/// may hold no control character (and a URI no space). libical 3.0.16 reads a value without the spaces and tabs at
/// its ends, and cannot read one that is only those, so a text is written without them, and an optional text that
/// is empty then is not written at all.
extension VCalendar {
    public func writable() throws(ICalendarError) -> VCalendar {
        var calendar = self
        calendar.productID = try Writable.text("PRODID", productID)
        calendar.name = try Writable.optionalText("NAME", name)
        calendar.calendarDescription = try Writable.optionalText("X-WR-CALDESC", calendarDescription)
        calendar.timeZoneHint = try Writable.optionalText("X-WR-TIMEZONE", timeZoneHint)
        calendar.extraProperties = try Writable.properties(extraProperties)
        var events: [VEvent] = []
        events.reserveCapacity(self.events.count)
        for event in self.events { events.append(try event.writable()) }
        calendar.events = events
        return calendar
    }
}

extension VEvent {
    public func writable() throws(ICalendarError) -> VEvent {
        var event = self
        event.uid = try Writable.word("UID", uid)
        event.summary = try Writable.optionalText("SUMMARY", summary)
        event.location = try Writable.optionalText("LOCATION", location)
        event.description = try Writable.optionalText("DESCRIPTION", description)
        event.url = try url.map { text throws(ICalendarError) in try Writable.uri("URL", text) }
        var categories: [String] = []
        for category in self.categories { categories.append(try Writable.text("CATEGORIES", category)) }
        event.categories = categories
        event.organizer = try organizer.map { user throws(ICalendarError) in try user.writable("ORGANIZER") }
        var attendees: [CalendarUser] = []
        for attendee in self.attendees { attendees.append(try attendee.writable("ATTENDEE")) }
        event.attendees = attendees
        event.extraProperties = try Writable.properties(extraProperties)
        var alarms: [VAlarm] = []
        for alarm in self.alarms {
            alarms.append(
                VAlarm(
                    minutesBefore: alarm.minutesBefore,
                    description: try Writable.text("VALARM DESCRIPTION", alarm.description)))
        }
        event.alarms = alarms
        return event
    }
}

extension CalendarUser {
    func writable(_ property: String) throws(ICalendarError) -> CalendarUser {
        var user = self
        user.address = try Writable.uri(property, address)
        user.commonName = try commonName.map { text throws(ICalendarError) in try Writable.word("\(property) CN", text)
        }
        return user
    }
}

enum Writable {
    /// TEXT: line breaks as LF; TAB kept inside; any other control character refused; no space or tab at the ends.
    static func text(_ property: String, _ value: String) throws(ICalendarError) -> String {
        let value = trimmed(value)
        guard value.utf8.contains(where: isControl) else { return value }
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\r": scalars.append("\n")
            case "\n": if !afterCR { scalars.append("\n") }
            case "\t": scalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { throw controlCharacter(property, value, scalar) }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// TEXT, or nil where there is none or it is empty.
    static func optionalText(_ property: String, _ value: String?) throws(ICalendarError) -> String? {
        guard let value else { return nil }
        let written = try text(property, value)
        return written.isEmpty ? nil : written
    }

    /// Without the spaces and tabs at either end (as bytes: both are ASCII).
    private static func trimmed(_ value: String) -> String {
        let utf8 = value.utf8
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last, isBlank(first) || isBlank(last) else { return value }
        guard let start = utf8.firstIndex(where: { !isBlank($0) }), let end = utf8.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(value[start...end])
    }

    /// A value with no escapes (UID, a parameter value): no control character at all.
    static func word(_ property: String, _ value: String) throws(ICalendarError) -> String {
        if let scalar = value.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw controlCharacter(property, value, scalar)
        }
        return value
    }

    /// A URI: no control character and no space (RFC 3986).
    static func uri(_ property: String, _ value: String) throws(ICalendarError) -> String {
        guard !value.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw .invalidValue(
                property: property, value: value.debugDescription,
                expected: "a URI without spaces or control characters")
        }
        return value
    }

    static func properties(_ properties: [ContentProperty]) throws(ICalendarError) -> [ContentProperty] {
        var written: [ContentProperty] = []
        for property in properties {
            var copy = property
            copy.value = try text(property.name, property.value)
            var parameters: [ContentParameter] = []
            for parameter in property.parameters {
                parameters.append(
                    ContentParameter(
                        name: parameter.name, value: try word("\(property.name) \(parameter.name)", parameter.value)))
            }
            copy.parameters = parameters
            written.append(copy)
        }
        return written
    }

    /// A byte that `text` must look at: a control character other than TAB and LF (which stay as they are).
    private static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A || byte == 0x7F
    }

    private static func controlCharacter(_ property: String, _ value: String, _ scalar: Unicode.Scalar)
        -> ICalendarError
    {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return .invalidValue(
            property: property, value: value.debugDescription,
            expected: "text without the control character U+\(pad(code, 4))")
    }
}
