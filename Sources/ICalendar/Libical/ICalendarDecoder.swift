internal import CLibical

/// Reads RFC 5545 text into `VCalendar` values through libical's parser.
///
/// Each top-level component (VEVENT, VTIMEZONE) is handed to libical on its own and freed before the
/// next, so memory stays flat on large feeds. Text that is not iCalendar gives every problem at once,
/// each at `source:line:column`.
public struct ICalendarDecoder: Sendable {
    public init() {}

    /// Decodes bytes, which must be UTF-8 (a leading BOM is allowed).
    public func decode(bytes: some Collection<UInt8>, source: String = "<input>") throws(ICalendarDecodingError)
        -> VCalendar
    {
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let text = String(validating: body, as: UTF8.self) {
            return try decode(text, source: source)
        }
        let (line, column) = Self.firstInvalidUTF8(in: body)
        throw ICalendarDecodingError(problems: [
            ICalendarProblem(
                id: .notUTF8, source: source, line: line, column: column, message: "the bytes here are not UTF-8",
                expected: "UTF-8 text (RFC 5545 §3.1.4)")
        ])
    }

    public func decode(_ text: String, source: String = "<input>") throws(ICalendarDecodingError) -> VCalendar {
        let read = read(text, source: source)
        guard let calendar = read.calendar, read.problems.isEmpty else {
            throw ICalendarDecodingError(problems: read.problems)
        }
        return calendar
    }

    /// Reads a feed that libical 3.0.16 wrote with its broken folds (`…\r\r\n \n`, see `LineFolding`): a text that does
    /// not decode as it is is decoded again with each badly folded property folded anew; a problem is located in the
    /// text as it is.
    public func decodeRefolded(bytes: [UInt8], source: String = "<input>") throws(ICalendarDecodingError) -> VCalendar {
        do {
            return try decode(bytes: bytes, source: source)
        } catch {
            guard let refolded = LineFolding.repaired(bytes), refolded != bytes,
                let calendar = try? decode(bytes: refolded, source: source)
            else { throw error }
            return calendar
        }
    }

    /// What can be read of a damaged text, and every problem in it: each VEVENT and VTIMEZONE that reads on its
    /// own is kept, whatever is wrong elsewhere (to rebuild a feed from what its subscribers were shown).
    public func salvage(bytes: [UInt8], source: String = "<input>") -> (
        calendar: VCalendar, problems: [ICalendarProblem]
    ) {
        let text = String(decoding: LineFolding.repaired(bytes) ?? bytes, as: UTF8.self)
        let read = read(text, source: source)
        var calendar = read.calendar ?? VCalendar(productID: "")
        calendar.events = read.events
        calendar.timeZones = read.timeZones
        return (calendar, read.problems)
    }

    /// The calendar when the text is whole, each component that read, and every problem.
    private func read(_ text: String, source: String) -> (
        calendar: VCalendar?, events: [VEvent], timeZones: [VTimeZone], problems: [ICalendarProblem]
    ) {
        var problems: [ICalendarProblem] = []
        var events: [VEvent] = []
        var timeZones: [VTimeZone] = []
        var scanner = ContentLineScanner()
        let root = Libical.onThisThread {
            scanner.scan(text) { node in
                let reader = ComponentReader(node: node, source: source)
                switch node.name {
                case "VEVENT":
                    if let event = reader.readEvent(problems: &problems) { events.append(event) }
                case "VTIMEZONE":
                    if let zone = reader.readTimeZone(problems: &problems) { timeZones.append(zone) }
                default:
                    break  // VTODO, VJOURNAL, VFREEBUSY and X- components are outside this model.
                }
            }
        }
        let structural = scanner.problems.map {
            ICalendarProblem(
                id: $0.id, source: source, line: $0.line, column: $0.column, message: $0.message, expected: $0.expected)
        }
        problems = (structural + problems).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        guard let root else { return (nil, events, timeZones, problems) }
        var calendar = Libical.onThisThread {
            ComponentReader(node: root, source: source).readCalendar(problems: &problems)
        }
        calendar?.timeZones = timeZones
        calendar?.events = events
        return (calendar, events, timeZones, problems)
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid =
                length > 0 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 }
                && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            if !valid {
                let column = (String(validating: bytes[lineStart..<index], as: UTF8.self)?.count ?? 0) + 1
                return (line, column)
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, 1)
    }
}

/// Turns one component of the text into values. Runs inside `Libical.onThisThread`.
///
/// The whole component is parsed by libical at once. If libical or a value check finds anything wrong,
/// the component's lines are parsed again one by one, so each problem is reported on its own line.
struct ComponentReader {
    let node: ComponentNode
    let source: String

    /// A problem with one property, before it is given a place in the text.
    struct Issue: Error {
        var id: ICalendarProblem.ID
        var message: String
        var expected: String
    }

    func readEvent(problems: inout [ICalendarProblem]) -> VEvent? {
        read(problems: &problems) { component in
            var fields = EventFields()
            var issues: [Issue] = []
            forEachProperty(of: component) { property in
                if let issue = fields.apply(property) { issues.append(issue) }
            }
            var child = icalcomponent_get_first_component(component, ICAL_VALARM_COMPONENT)
            while let alarm = child {
                switch Self.displayAlarm(alarm) {
                case .success(let value?): fields.value.alarms.append(value)
                case .success(nil): break  // AUDIO, EMAIL and absolute triggers are outside this model.
                case .failure(let issue): issues.append(issue)
                }
                child = icalcomponent_get_next_component(component, ICAL_VALARM_COMPONENT)
            }
            return (fields, issues)
        } finish: { fields in
            fields.event()
        }
    }

    /// A DISPLAY alarm triggered relative to the start; nil for other kinds.
    private static func displayAlarm(_ alarm: OpaquePointer) -> Result<VAlarm?, Issue> {
        guard let action = icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY),
            icalproperty_get_action(action) == ICAL_ACTION_DISPLAY
        else {
            return .success(nil)
        }
        guard let triggerProperty = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY) else {
            return .failure(
                Issue(
                    id: .missingProperty, message: "a VALARM has no TRIGGER",
                    expected: "TRIGGER:-PT1H (RFC 5545 §3.6.6)"))
        }
        let trigger = icalproperty_get_trigger(triggerProperty)
        guard icaltime_is_null_time(trigger.time) != 0 else { return .success(nil) }
        let seconds = Int(icaldurationtype_as_int(trigger.duration))
        let text =
            icalcomponent_get_first_property(alarm, ICAL_DESCRIPTION_PROPERTY).flatMap {
                copyString(icalproperty_get_description($0))
            } ?? ""
        return .success(VAlarm(minutesBefore: max(0, -seconds / 60), description: text))
    }

    func readTimeZone(problems: inout [ICalendarProblem]) -> VTimeZone? {
        read(problems: &problems) { component in
            var issues: [Issue] = []
            var id: String?
            var observances: [VTimeZone.Observance] = []
            forEachProperty(of: component) { property in
                if icalproperty_isa(property) == ICAL_TZID_PROPERTY { id = copyString(icalproperty_get_tzid(property)) }
                if let issue = libicalIssue(property) { issues.append(issue) }
            }
            // libical reads +0967 as 10:07 and writes it back so; such an offset is refused instead.
            for line in node.children.flatMap(\.properties) {
                if let issue = utcOffsetIssue(line) { issues.append(issue) }
            }
            var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
            while let block = child {
                let kind = icalcomponent_isa(block)
                if kind == ICAL_XSTANDARD_COMPONENT || kind == ICAL_XDAYLIGHT_COMPONENT {
                    var fields = ObservanceFields(kind: kind == ICAL_XSTANDARD_COMPONENT ? .standard : .daylight)
                    forEachProperty(of: block) { property in
                        if let issue = fields.apply(property) { issues.append(issue) }
                    }
                    if let observance = fields.observance() {
                        observances.append(observance)
                    } else {
                        issues.append(
                            Issue(
                                id: .missingProperty,
                                message: "an observance lacks DTSTART, TZOFFSETFROM or TZOFFSETTO",
                                expected: "all three in STANDARD and DAYLIGHT"))
                    }
                }
                child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
            }
            return ((id, observances), issues)
        } finish: { parts in
            parts.0.map { VTimeZone(id: $0, observances: parts.1) }
        }
    }

    func readCalendar(problems: inout [ICalendarProblem]) -> VCalendar? {
        read(problems: &problems) { component in
            var fields = CalendarFields()
            var issues: [Issue] = []
            forEachProperty(of: component) { property in
                if let issue = fields.apply(property) { issues.append(issue) }
            }
            return (fields, issues)
        } finish: { fields in
            fields.calendar()
        }
    }

    /// Parses the component, gathers its fields, and locates every problem when there are any.
    private func read<Fields, Value>(
        problems: inout [ICalendarProblem],
        gather: (OpaquePointer) -> (Fields, [Issue]),
        finish: (Fields) -> Value?
    ) -> Value? {
        guard let component = icalparser_parse_string(node.text) else {
            problems.append(
                problem(
                    .badProperty, line: node.beginLine, column: 1,
                    message: "libical could not read BEGIN:\(node.name): \(currentLibicalError())",
                    expected: "a well-formed \(node.name)"))
            return nil
        }
        defer { icalcomponent_free(component) }
        let (fields, issues) = gather(component)
        if !issues.isEmpty {
            let located = locateIssues(in: node)
            if located.isEmpty {
                // The issue sits where lines cannot be told apart (e.g. a second value of a list).
                for issue in issues {
                    problems.append(
                        problem(
                            issue.id, line: node.beginLine, column: 1, message: "in \(node.name): \(issue.message)",
                            expected: issue.expected))
                }
            } else {
                problems += located
            }
            return nil
        }
        guard let value = finish(fields) else {
            problems.append(
                problem(
                    .missingProperty, line: node.beginLine, column: 1,
                    message: "\(node.name) lacks a required property", expected: requiredProperties))
            return nil
        }
        return value
    }

    private var requiredProperties: String {
        switch node.name {
        case "VEVENT": return "UID, DTSTAMP and DTSTART in every VEVENT"
        case "VTIMEZONE": return "TZID in every VTIMEZONE"
        default: return "PRODID and VERSION in VCALENDAR"
        }
    }

    /// Parses each content line on its own and checks it as `gather` would, to give each problem its line.
    private func locateIssues(in node: ComponentNode) -> [ICalendarProblem] {
        var found: [ICalendarProblem] = []
        var eventFields = EventFields()
        var calendarFields = CalendarFields()
        var observanceFields = ObservanceFields(kind: .standard)
        for line in node.properties {
            icalerror_clear_errno()
            guard let property = icalproperty_new_from_string(line.text) else {
                found.append(
                    problem(
                        .badProperty, line: line.line, column: 1,
                        message: "\(line.name) cannot be read: \(currentLibicalError())",
                        expected: expectation(for: String(line.name))))
                continue
            }
            defer { icalproperty_free(property) }
            let issue: Issue?
            switch node.name {
            case "VEVENT": issue = eventFields.apply(property)
            case "VCALENDAR": issue = calendarFields.apply(property)
            case "STANDARD", "DAYLIGHT": issue = utcOffsetIssue(line) ?? observanceFields.apply(property)
            default: issue = libicalIssue(property)
            }
            if let issue {
                found.append(
                    problem(
                        issue.id, line: line.line, column: line.valueColumn, message: issue.message,
                        expected: issue.expected))
            }
        }
        for child in node.children { found += locateIssues(in: child) }
        return found
    }

    private func expectation(for name: String) -> String {
        switch name.uppercased() {
        case "RRULE": return "a recurrence rule such as FREQ=MONTHLY;BYDAY=2TU"
        case "DTSTART", "DTEND", "DTSTAMP", "EXDATE", "RDATE", "RECURRENCE-ID", "LAST-MODIFIED":
            return "a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z]"
        default: return "NAME[;PARAM=VALUE]:VALUE as RFC 5545 defines \(name)"
        }
    }

    private func problem(_ id: ICalendarProblem.ID, line: Int, column: Int, message: String, expected: String)
        -> ICalendarProblem
    {
        ICalendarProblem(id: id, source: source, line: line, column: column, message: message, expected: expected)
    }
}

/// A TZOFFSETFROM / TZOFFSETTO whose text is no UTC offset (RFC 5545 §3.3.14: ±HHMM[SS], HH 00–23, MM and SS 00–59).
private func utcOffsetIssue(_ line: ContentLine) -> ComponentReader.Issue? {
    let name = line.name.uppercased()
    guard name == "TZOFFSETFROM" || name == "TZOFFSETTO" else { return nil }
    let value = Array(line.text.dropFirst(line.valueColumn - 1).utf8)
    let digits = value.dropFirst()
    guard let sign = value.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
        digits.count == 4 || digits.count == 6, digits.allSatisfy({ (0x30...0x39).contains($0) })
    else {
        return .init(id: .badValue, message: "\(name) is not a UTC offset", expected: "±HHMM or ±HHMMSS, e.g. +0900")
    }
    let parts = stride(from: digits.startIndex, to: digits.endIndex, by: 2).map {
        Int(digits[$0] - 0x30) * 10 + Int(digits[$0 + 1] - 0x30)
    }
    guard parts[0] <= 23, parts.dropFirst().allSatisfy({ $0 <= 59 }) else {
        return .init(
            id: .badValue, message: "\(name) \(String(decoding: value, as: UTF8.self)) is not a UTC offset",
            expected: "hours 00–23, minutes and seconds 00–59, e.g. +0900")
    }
    return nil
}

private func forEachProperty(of component: OpaquePointer, _ body: (OpaquePointer) -> Void) {
    var next = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY)
    while let property = next {
        body(property)
        next = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)
    }
}

/// libical's own complaint about a property: an `X-LIC-ERROR` it put in place of a bad one, or an
/// error parameter it attached.
private func libicalIssue(_ property: OpaquePointer) -> ComponentReader.Issue? {
    if icalproperty_isa(property) == ICAL_XLICERROR_PROPERTY {
        let text = copyString(icalproperty_get_xlicerror(property)) ?? "unreadable property"
        return .init(
            id: .badValue, message: "libical: \(text)", expected: "a value of the type RFC 5545 gives this property")
    }
    if let parameter = icalproperty_get_first_parameter(property, ICAL_XLICERRORTYPE_PARAMETER) {
        _ = parameter
        let name = copyString(icalproperty_get_property_name(property)) ?? "property"
        return .init(
            id: .badValue, message: "libical could not read a parameter of \(name)",
            expected: "parameters as RFC 5545 defines them")
    }
    return nil
}

private func text(_ property: OpaquePointer) -> String {
    copyString(icalvalue_get_text(icalproperty_get_value(property))) ?? ""
}

/// A DATE / DATE-TIME property's value with its TZID, or the reason it is no real date.
private func dateTime(_ property: OpaquePointer) -> Result<DateTimeValue, ComponentReader.Issue> {
    let name = copyString(icalproperty_get_property_name(property)) ?? "date"
    guard let value = icalproperty_get_value(property) else {
        return .failure(
            .init(
                id: .badValue, message: "\(name) has no value",
                expected: "a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z]"))
    }
    let time: icaltimetype
    switch icalvalue_isa(value) {
    case ICAL_DATE_VALUE: time = icalvalue_get_date(value)
    case ICAL_DATETIME_VALUE: time = icalvalue_get_datetime(value)
    case ICAL_DATETIMEPERIOD_VALUE:
        let both = icalvalue_get_datetimeperiod(value)
        guard icalperiodtype_is_null_period(both.period) != 0 else {
            return .failure(
                .init(
                    id: .badValue, message: "\(name) is a period",
                    expected: "a date or date-time (periods are not supported)"))
        }
        time = both.time
    default:
        return .failure(
            .init(
                id: .badValue, message: "\(name) is not a date",
                expected: "a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z]"))
    }
    let tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER).flatMap {
        copyString(icalparameter_get_tzid($0))
    }
    let result = DateTimeValue(icalTime: time, tzid: tzid)
    if let problem = result.invalidity {
        return .failure(
            .init(
                id: .badDate, message: "\(name) \(result): \(problem)",
                expected: "a real date YYYYMMDD and time HHMMSS (hour 00–23)"))
    }
    return .success(result)
}

private func recurrence(_ property: OpaquePointer) -> Result<RecurrenceRule, ComponentReader.Issue> {
    var rule = icalproperty_get_rrule(property)
    guard rule.freq != ICAL_NO_RECURRENCE, let written = takeString(icalrecurrencetype_as_string_r(&rule)) else {
        return .failure(
            .init(
                id: .badRecurrenceRule, message: "RRULE has no valid FREQ",
                expected: "a recurrence rule such as FREQ=MONTHLY;BYDAY=2TU"))
    }
    do {
        return .success(RecurrenceRule(canonical: try RecurrenceRule.canonicalText(of: written)))
    } catch {
        return .failure(
            .init(
                id: .badRecurrenceRule, message: error.description,
                expected: "a recurrence rule such as FREQ=MONTHLY;BYDAY=2TU"))
    }
}

/// A property the model keeps as it is: X- ones as TEXT, others in their own value type.
private func contentProperty(_ property: OpaquePointer) -> ContentProperty {
    if icalproperty_isa(property) == ICAL_X_PROPERTY {
        var parameters: [ContentParameter] = []
        var next = icalproperty_get_first_parameter(property, ICAL_X_PARAMETER)
        while let parameter = next {
            parameters.append(
                ContentParameter(
                    name: copyString(icalparameter_get_xname(parameter)) ?? "",
                    value: copyString(icalparameter_get_xvalue(parameter)) ?? ""))
            next = icalproperty_get_next_parameter(property, ICAL_X_PARAMETER)
        }
        return ContentProperty(
            name: copyString(icalproperty_get_x_name(property)) ?? "X-",
            value: copyString(icalproperty_get_x(property)) ?? "", parameters: parameters)
    }
    let name = copyString(icalproperty_get_property_name(property)) ?? ""
    if let value = icalproperty_get_value(property), icalvalue_isa(value) == ICAL_TEXT_VALUE {
        return ContentProperty(name: name, value: copyString(icalvalue_get_text(value)) ?? "")
    }
    return ContentProperty(name: name, value: takeString(icalproperty_get_value_as_string_r(property)) ?? "")
}

private func xName(_ property: OpaquePointer) -> String? {
    icalproperty_isa(property) == ICAL_X_PROPERTY ? copyString(icalproperty_get_x_name(property))?.uppercased() : nil
}

// MARK: - Field accumulators

private struct EventFields {
    var value = VEvent(
        uid: "", timestamp: .date(CalendarDate(year: 1, month: 1, day: 1)),
        start: .date(CalendarDate(year: 1, month: 1, day: 1)))
    var hasUID = false
    var hasStamp = false
    var hasStart = false

    mutating func apply(_ property: OpaquePointer) -> ComponentReader.Issue? {
        if let issue = libicalIssue(property) { return issue }
        func date(_ store: (inout VEvent, DateTimeValue) -> Void) -> ComponentReader.Issue? {
            switch dateTime(property) {
            case .success(let date):
                store(&value, date)
                return nil
            case .failure(let issue):
                return issue
            }
        }
        switch icalproperty_isa(property) {
        case ICAL_UID_PROPERTY:
            value.uid = text(property)
            hasUID = !value.uid.isEmpty
        case ICAL_DTSTAMP_PROPERTY:
            hasStamp = true
            return date { $0.timestamp = $1 }
        case ICAL_DTSTART_PROPERTY:
            hasStart = true
            return date { $0.start = $1 }
        case ICAL_DTEND_PROPERTY: return date { $0.end = $1 }
        case ICAL_RECURRENCEID_PROPERTY: return date { $0.recurrenceID = $1 }
        case ICAL_LASTMODIFIED_PROPERTY: return date { $0.lastModified = $1 }
        case ICAL_EXDATE_PROPERTY: return date { $0.exceptionDates.append($1) }
        case ICAL_RDATE_PROPERTY: return date { $0.recurrenceDates.append($1) }
        case ICAL_SUMMARY_PROPERTY: value.summary = text(property)
        case ICAL_LOCATION_PROPERTY: value.location = text(property)
        case ICAL_DESCRIPTION_PROPERTY: value.description = text(property)
        case ICAL_URL_PROPERTY: value.url = copyString(icalproperty_get_url(property))
        case ICAL_CATEGORIES_PROPERTY: value.categories.append(text(property))
        case ICAL_SEQUENCE_PROPERTY: value.sequence = Int(icalproperty_get_sequence(property))
        case ICAL_STATUS_PROPERTY:
            guard let status = EventStatus(icalStatus: icalproperty_get_status(property)) else {
                return .init(
                    id: .badValue, message: "STATUS is not one an event can have",
                    expected: "TENTATIVE, CONFIRMED or CANCELLED")
            }
            value.status = status
        case ICAL_RRULE_PROPERTY:
            switch recurrence(property) {
            case .success(let rule): value.recurrenceRule = rule
            case .failure(let issue): return issue
            }
        case ICAL_ORGANIZER_PROPERTY: value.organizer = user(property, copyString(icalproperty_get_organizer(property)))
        case ICAL_ATTENDEE_PROPERTY:
            value.attendees.append(user(property, copyString(icalproperty_get_attendee(property))))
        default: value.extraProperties.append(contentProperty(property))
        }
        return nil
    }

    private func user(_ property: OpaquePointer, _ address: String?) -> CalendarUser {
        func parameter(_ kind: icalparameter_kind) -> String? {
            icalproperty_get_first_parameter(property, kind).flatMap { takeString(icalparameter_as_ical_string_r($0)) }
                .map { String($0.drop { $0 != "=" }.dropFirst()) }
                .map {
                    $0.hasPrefix("\"") && $0.hasSuffix("\"") && $0.count >= 2 ? String($0.dropFirst().dropLast()) : $0
                }
        }
        return CalendarUser(
            address: address ?? "",
            commonName: parameter(ICAL_CN_PARAMETER),
            role: parameter(ICAL_ROLE_PARAMETER),
            participationStatus: parameter(ICAL_PARTSTAT_PARAMETER),
            rsvp: parameter(ICAL_RSVP_PARAMETER).map { $0.uppercased() == "TRUE" }
        )
    }

    func event() -> VEvent? {
        hasUID && hasStamp && hasStart ? value : nil
    }
}

private struct ObservanceFields {
    var kind: VTimeZone.Observance.Kind
    var start: DateTimeValue?
    var offsetFrom: Int?
    var offsetTo: Int?
    var name: String?
    var rule: RecurrenceRule?

    init(kind: VTimeZone.Observance.Kind) {
        self.kind = kind
    }

    mutating func apply(_ property: OpaquePointer) -> ComponentReader.Issue? {
        if let issue = libicalIssue(property) { return issue }
        switch icalproperty_isa(property) {
        case ICAL_DTSTART_PROPERTY:
            switch dateTime(property) {
            case .success(let value): start = value
            case .failure(let issue): return issue
            }
        case ICAL_TZOFFSETFROM_PROPERTY: offsetFrom = Int(icalproperty_get_tzoffsetfrom(property))
        case ICAL_TZOFFSETTO_PROPERTY: offsetTo = Int(icalproperty_get_tzoffsetto(property))
        case ICAL_TZNAME_PROPERTY: name = copyString(icalproperty_get_tzname(property))
        case ICAL_RRULE_PROPERTY:
            switch recurrence(property) {
            case .success(let value): rule = value
            case .failure(let issue): return issue
            }
        default: break
        }
        return nil
    }

    func observance() -> VTimeZone.Observance? {
        guard let start, let offsetFrom, let offsetTo else { return nil }
        return VTimeZone.Observance(
            kind: kind, start: start.date, startTime: start.time ?? ClockTime(hour: 0, minute: 0),
            offsetFrom: offsetFrom, offsetTo: offsetTo, name: name, recurrenceRule: rule)
    }
}

private struct CalendarFields {
    var value = VCalendar(productID: "", version: "", calendarScale: nil)
    var hasProductID = false
    var hasVersion = false
    var xCalendarName: String?
    var xPublishedTTL: DurationValue?

    mutating func apply(_ property: OpaquePointer) -> ComponentReader.Issue? {
        if let issue = libicalIssue(property) { return issue }
        switch icalproperty_isa(property) {
        case ICAL_PRODID_PROPERTY:
            value.productID = copyString(icalproperty_get_prodid(property)) ?? ""
            hasProductID = true
        case ICAL_VERSION_PROPERTY:
            value.version = copyString(icalproperty_get_version(property)) ?? ""
            hasVersion = true
        case ICAL_CALSCALE_PROPERTY: value.calendarScale = copyString(icalproperty_get_calscale(property))
        case ICAL_METHOD_PROPERTY:
            value.method = copyString(icalproperty_method_to_string(icalproperty_get_method(property)))
        case ICAL_NAME_PROPERTY: value.name = text(property)
        case ICAL_REFRESHINTERVAL_PROPERTY:
            value.refreshInterval = DurationValue(icalDuration: icalproperty_get_refreshinterval(property))
        default:
            let extra = contentProperty(property)
            switch xName(property) {
            case "X-WR-CALNAME" where xCalendarName == nil: xCalendarName = extra.value
            case "X-WR-CALDESC" where value.calendarDescription == nil: value.calendarDescription = extra.value
            case "X-WR-TIMEZONE" where value.timeZoneHint == nil: value.timeZoneHint = extra.value
            case "X-PUBLISHED-TTL" where xPublishedTTL == nil:
                let duration = icaldurationtype_from_string(extra.value)
                guard icaldurationtype_is_bad_duration(duration) == 0 else {
                    return .init(
                        id: .badValue, message: "X-PUBLISHED-TTL「\(extra.value)」 is not a duration",
                        expected: "a duration such as PT12H")
                }
                xPublishedTTL = DurationValue(icalDuration: duration)
            default: value.extraProperties.append(extra)
            }
        }
        return nil
    }

    /// NAME and X-WR-CALNAME (REFRESH-INTERVAL and X-PUBLISHED-TTL) say one thing twice; a second,
    /// different value is kept as an extra property so nothing is lost.
    func calendar() -> VCalendar? {
        guard hasProductID, hasVersion else { return nil }
        var result = value
        if let xCalendarName {
            if result.name == nil {
                result.name = xCalendarName
            } else if result.name != xCalendarName {
                result.extraProperties.append(ContentProperty(name: "X-WR-CALNAME", value: xCalendarName))
            }
        }
        if let xPublishedTTL {
            if result.refreshInterval == nil {
                result.refreshInterval = xPublishedTTL
            } else if result.refreshInterval != xPublishedTTL {
                result.extraProperties.append(
                    ContentProperty(name: "X-PUBLISHED-TTL", value: xPublishedTTL.description))
            }
        }
        return result
    }
}
