internal import CLibical

/// Writes `VCalendar` values as RFC 5545 text through libical.
///
/// One call builds the libical tree, serialises it (CRLF line ends, lines folded at 75 octets) and frees
/// it; no C memory outlives the call. Sample output:
///
/// ```
/// BEGIN:VCALENDAR
/// PRODID:-//council//council 0.1//JA
/// VERSION:2.0
/// …
/// BEGIN:VEVENT
/// UID:aoba-renrakukai-20260414@council
/// DTSTAMP:20260301T000000Z
/// DTSTART;TZID=Asia/Tokyo:20260414T140000
/// …
/// END:VEVENT
/// END:VCALENDAR
/// ```
public struct ICalendarEncoder: Sendable {
    public init() {}

    /// The whole calendar as iCalendar text; its texts as `writable()` gives them.
    public func encode(_ calendar: VCalendar) throws(ICalendarError) -> String {
        let calendar = try calendar.writable()
        return try Libical.onThisThread { () throws(ICalendarError) -> String in
            let root = try TreeBuilder.calendar(calendar)
            defer { icalcomponent_free(root) }
            return try TreeBuilder.serialise(root)
        }
    }

    /// One VTIMEZONE as iCalendar text (`BEGIN:VTIMEZONE` … `END:VTIMEZONE`), for assembling large feeds.
    public func encode(_ zone: VTimeZone) throws(ICalendarError) -> String {
        try Libical.onThisThread { () throws(ICalendarError) -> String in
            let component = try TreeBuilder.timeZone(zone)
            defer { icalcomponent_free(component) }
            return try TreeBuilder.serialise(component)
        }
    }

    /// One VEVENT as iCalendar text (`BEGIN:VEVENT` … `END:VEVENT`), for assembling large feeds; its texts as
    /// `writable()` gives them.
    public func encode(_ event: VEvent) throws(ICalendarError) -> String {
        try encode(writable: try event.writable())
    }

    /// One VEVENT already in its `writable()` form.
    func encode(writable event: VEvent) throws(ICalendarError) -> String {
        try Libical.onThisThread { () throws(ICalendarError) -> String in
            let component = try TreeBuilder.event(event)
            defer { icalcomponent_free(component) }
            return try TreeBuilder.serialise(component)
        }
    }
}

/// Builds libical components from values. Every function runs inside `Libical.onThisThread`; a
/// component it returns is owned by the caller, who frees the root.
enum TreeBuilder {
    /// The component as libical writes it, with any property libical folded badly folded again (`LineFolding`).
    static func serialise(_ component: OpaquePointer) throws(ICalendarError) -> String {
        guard let text = takeString(icalcomponent_as_ical_string_r(component)) else {
            throw .libical(operation: "serialising a component", code: currentLibicalError())
        }
        let written = Array(text.utf8)
        guard let folded = LineFolding.repaired(written) else {
            throw .libical(operation: "folding lines", code: "a CR or LF inside a property's line")
        }
        return folded == written ? text : String(decoding: folded, as: UTF8.self)
    }

    static func calendar(_ calendar: VCalendar) throws(ICalendarError) -> OpaquePointer {
        let root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!
        do {
            add(root, icalproperty_new_prodid(calendar.productID))
            add(root, icalproperty_new_version(calendar.version))
            if let scale = calendar.calendarScale { add(root, icalproperty_new_calscale(scale)) }
            if let method = calendar.method {
                let kind = icalproperty_string_to_method(method)
                guard kind != ICAL_METHOD_NONE, kind != ICAL_METHOD_X else {
                    throw ICalendarError.invalidValue(
                        property: "METHOD", value: method,
                        expected: "PUBLISH, REQUEST, CANCEL or another RFC 5546 method")
                }
                add(root, icalproperty_new_method(kind))
            }
            if let name = calendar.name {
                add(root, icalproperty_new_name(name))
                add(root, xProperty("X-WR-CALNAME", name, []))
            }
            if let text = calendar.calendarDescription { add(root, xProperty("X-WR-CALDESC", text, [])) }
            if let zone = calendar.timeZoneHint { add(root, xProperty("X-WR-TIMEZONE", zone, [])) }
            if let interval = calendar.refreshInterval {
                guard interval.totalSeconds > 0 else {
                    throw ICalendarError.invalidValue(
                        property: "REFRESH-INTERVAL", value: interval.description,
                        expected: "a positive duration such as PT12H")
                }
                add(root, icalproperty_new_refreshinterval(interval.icalDuration))
                add(root, xProperty("X-PUBLISHED-TTL", interval.description, []))
            }
            for property in calendar.extraProperties { add(root, try extra(property)) }
            for zone in calendar.timeZones { icalcomponent_add_component(root, try timeZone(zone)) }
            for event in calendar.events { icalcomponent_add_component(root, try self.event(event)) }
        } catch {
            icalcomponent_free(root)
            throw error as! ICalendarError
        }
        return root
    }

    static func timeZone(_ zone: VTimeZone) throws(ICalendarError) -> OpaquePointer {
        let component = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT)!
        add(component, icalproperty_new_tzid(zone.id))
        for observance in zone.observances {
            let block = icalcomponent_new(
                observance.kind == .standard ? ICAL_XSTANDARD_COMPONENT : ICAL_XDAYLIGHT_COMPONENT)!
            icalcomponent_add_component(component, block)
            let start = DateTimeValue.dateTime(observance.start, observance.startTime, .floating)
            if let problem = start.invalidity {
                icalcomponent_free(component)
                throw .invalidValue(
                    property: "DTSTART", value: start.description, expected: "a real date and time (\(problem))")
            }
            add(block, icalproperty_new_dtstart(start.icalTime))
            add(block, icalproperty_new_tzoffsetfrom(Int32(observance.offsetFrom)))
            add(block, icalproperty_new_tzoffsetto(Int32(observance.offsetTo)))
            if let name = observance.name { add(block, icalproperty_new_tzname(name)) }
            if let rule = observance.recurrenceRule { add(block, recurrence(rule)) }
        }
        return component
    }

    /// A VEVENT; properties in the order RFC 5545 lists them (identity and times, text, recurrence, people),
    /// then its alarms.
    static func event(_ event: VEvent) throws(ICalendarError) -> OpaquePointer {
        let component = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
        do {
            try addIdentityAndTimes(of: event, to: component)
            try addText(of: event, to: component)
            try addRecurrence(of: event, to: component)
            if let organizer = event.organizer {
                add(component, try user(organizer) { icalproperty_new_organizer($0) })
            }
            for attendee in event.attendees { add(component, try user(attendee) { icalproperty_new_attendee($0) }) }
            for property in event.extraProperties { add(component, try extra(property)) }
            for alarm in event.alarms { icalcomponent_add_component(component, try self.alarm(alarm)) }
        } catch {
            icalcomponent_free(component)
            throw error
        }
        return component
    }

    private static func addIdentityAndTimes(of event: VEvent, to component: OpaquePointer) throws(ICalendarError) {
        guard !event.uid.isEmpty else {
            throw ICalendarError.invalidValue(property: "UID", value: "", expected: "a non-empty unique id")
        }
        add(component, icalproperty_new_uid(event.uid))
        add(component, try dateTime("DTSTAMP", event.timestamp, icalproperty_new_dtstamp))
        add(component, try dateTime("DTSTART", event.start, icalproperty_new_dtstart))
        if let end = event.end { add(component, try dateTime("DTEND", end, icalproperty_new_dtend)) }
        if let recurrenceID = event.recurrenceID {
            add(component, try dateTime("RECURRENCE-ID", recurrenceID, icalproperty_new_recurrenceid))
        }
        if let sequence = event.sequence {
            guard sequence >= 0 else {
                throw ICalendarError.invalidValue(property: "SEQUENCE", value: String(sequence), expected: "0 or more")
            }
            add(component, icalproperty_new_sequence(Int32(sequence)))
        }
    }

    private static func addText(of event: VEvent, to component: OpaquePointer) throws(ICalendarError) {
        if let status = event.status { add(component, icalproperty_new_status(status.icalStatus)) }
        if let summary = event.summary { add(component, icalproperty_new_summary(summary)) }
        if let location = event.location { add(component, icalproperty_new_location(location)) }
        if let description = event.description { add(component, icalproperty_new_description(description)) }
        if let url = event.url { add(component, icalproperty_new_url(url)) }
        for category in event.categories {
            // libical splits a CATEGORIES value at commas when it reads it back, so one
            // category with a comma in it cannot survive a round trip.
            guard !category.isEmpty, !category.contains(",") else {
                throw ICalendarError.invalidValue(
                    property: "CATEGORIES", value: category, expected: "a non-empty category without commas")
            }
            add(component, icalproperty_new_categories(category))
        }
    }

    private static func addRecurrence(of event: VEvent, to component: OpaquePointer) throws(ICalendarError) {
        if let lastModified = event.lastModified {
            add(component, try dateTime("LAST-MODIFIED", lastModified, icalproperty_new_lastmodified))
        }
        if let rule = event.recurrenceRule { add(component, recurrence(rule)) }
        for date in event.exceptionDates { add(component, try dateTime("EXDATE", date, icalproperty_new_exdate)) }
        for date in event.recurrenceDates {
            add(
                component,
                try dateTime("RDATE", date) { time in
                    var period = icaldatetimeperiodtype()
                    period.time = time
                    period.period = icalperiodtype_null_period()
                    return icalproperty_new_rdate(period)
                })
        }
    }

    /// A DISPLAY alarm `minutesBefore` the start.
    private static func alarm(_ alarm: VAlarm) throws(ICalendarError) -> OpaquePointer {
        guard alarm.minutesBefore >= 0, !alarm.description.isEmpty else {
            throw ICalendarError.invalidValue(
                property: "VALARM", value: "\(alarm.minutesBefore) \(alarm.description)",
                expected: "minutes before the start (0 or more) and a description")
        }
        let block = icalcomponent_new(ICAL_VALARM_COMPONENT)!
        add(block, icalproperty_new_action(ICAL_ACTION_DISPLAY))
        var trigger = icaltriggertype_from_int(0)
        trigger.duration = icaldurationtype_from_int(Int32(-alarm.minutesBefore * 60))
        add(block, icalproperty_new_trigger(trigger))
        add(block, icalproperty_new_description(alarm.description))
        return block
    }

    // MARK: Properties

    private static func add(_ component: OpaquePointer, _ property: OpaquePointer?) {
        icalcomponent_add_property(component, property)
    }

    /// A DATE / DATE-TIME property with its TZID parameter, which libical's constructors leave out.
    private static func dateTime(
        _ name: String, _ value: DateTimeValue, _ make: (icaltimetype) -> OpaquePointer?
    ) throws(ICalendarError) -> OpaquePointer {
        if let problem = value.invalidity {
            throw .invalidValue(property: name, value: value.description, expected: "a real date and time (\(problem))")
        }
        guard let property = make(value.icalTime) else {
            throw .libical(operation: "creating \(name)", code: currentLibicalError())
        }
        if let tzid = value.tzid { icalproperty_add_parameter(property, icalparameter_new_tzid(tzid)) }
        return property
    }

    private static func recurrence(_ rule: RecurrenceRule) -> OpaquePointer {
        icalproperty_new_rrule(icalrecurrencetype_from_string(rule.text))
    }

    private static func user(_ user: CalendarUser, _ make: (String) -> OpaquePointer?) throws(ICalendarError)
        -> OpaquePointer
    {
        guard !user.address.isEmpty, let property = make(user.address) else {
            throw .invalidValue(
                property: "ORGANIZER/ATTENDEE", value: user.address,
                expected: "a calendar address such as mailto:office@example.jp")
        }
        let parameters: [(icalparameter_kind, String?)] = [
            (ICAL_CN_PARAMETER, user.commonName),
            (ICAL_ROLE_PARAMETER, user.role),
            (ICAL_PARTSTAT_PARAMETER, user.participationStatus),
            (ICAL_RSVP_PARAMETER, user.rsvp.map { $0 ? "TRUE" : "FALSE" }),
        ]
        for case (let kind, let value?) in parameters {
            guard let parameter = icalparameter_new_from_value_string(kind, value) else {
                icalproperty_free(property)
                throw .invalidValue(
                    property: copyString(icalparameter_kind_to_string(kind)) ?? "parameter", value: value,
                    expected: "a value RFC 5545 allows for it")
            }
            icalproperty_add_parameter(property, parameter)
        }
        return property
    }

    /// An X- property written as TEXT, so `\ ; , newline` are escaped as RFC 5545 requires.
    private static func xProperty(_ name: String, _ value: String, _ parameters: [ContentParameter]) -> OpaquePointer {
        let property = icalproperty_new_x(value)!
        icalproperty_set_x_name(property, name)
        council_escape_x_value_as_text(property)
        for parameter in parameters {
            let p = icalparameter_new_x(parameter.value)!
            icalparameter_set_xname(p, parameter.name)
            icalproperty_add_parameter(property, p)
        }
        return property
    }

    private static func extra(_ property: ContentProperty) throws(ICalendarError) -> OpaquePointer {
        guard isPropertyName(property.name) else {
            throw .invalidValue(
                property: property.name, value: property.value, expected: "a property name of letters, digits and '-'")
        }
        if property.name.hasPrefix("X-") {
            if let bad = property.parameters.first(where: { !$0.name.hasPrefix("X-") || !isPropertyName($0.name) }) {
                throw .invalidValue(property: property.name, value: bad.name, expected: "X- parameter names")
            }
            return xProperty(property.name, property.value, property.parameters)
        }
        let kind = icalproperty_string_to_kind(property.name)
        guard kind != ICAL_NO_PROPERTY, kind != ICAL_X_PROPERTY, property.parameters.isEmpty,
            let made = icalproperty_new(kind)
        else {
            throw .invalidValue(
                property: property.name, value: property.value,
                expected: "an X- name, or an RFC 5545 property without parameters")
        }
        if icalproperty_kind_to_value_kind(kind) == ICAL_TEXT_VALUE {
            icalproperty_set_value(made, icalvalue_new_text(property.value))
        } else {
            icalerror_clear_errno()
            icalproperty_set_value_from_string(made, property.value, "NO")
            guard council_icalerrno() == ICAL_NO_ERROR, icalproperty_get_value(made) != nil else {
                icalproperty_free(made)
                throw .invalidValue(
                    property: property.name, value: property.value,
                    expected: "a value of the type RFC 5545 gives \(property.name)")
            }
        }
        return made
    }

    private static func isPropertyName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}

extension EventStatus {
    var icalStatus: icalproperty_status {
        switch self {
        case .tentative: return ICAL_STATUS_TENTATIVE
        case .confirmed: return ICAL_STATUS_CONFIRMED
        case .cancelled: return ICAL_STATUS_CANCELLED
        }
    }

    init?(icalStatus: icalproperty_status) {
        switch icalStatus {
        case ICAL_STATUS_TENTATIVE: self = .tentative
        case ICAL_STATUS_CONFIRMED: self = .confirmed
        case ICAL_STATUS_CANCELLED: self = .cancelled
        default: return nil
        }
    }
}
