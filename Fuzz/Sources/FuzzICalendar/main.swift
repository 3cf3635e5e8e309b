import FuzzSupport
import ICalendar

/// Any bytes through the decoder (libical underneath); what decodes must encode and decode again alike.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICalendar(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    do {
        let calendar = try ICalendarDecoder().decode(bytes: bytes, source: "fuzz.ics")
        if let text = try? ICalendarEncoder().encode(calendar), let written = try? calendar.writable() {
            let again = try ICalendarDecoder().decode(text)
            precondition(again == written, "round trip of what was read, as written")
        }
        for event in calendar.events.prefix(3) {
            _ = try? RecurrenceExpander(instanceLimit: 2_000).instances(
                of: event, from: CalendarDate(year: 2026, month: 4, day: 1),
                through: CalendarDate(year: 2027, month: 3, day: 31))
        }
    } catch {
        requireLocated(error.problems, line: \.line, column: \.column)
    }
    return 0
}

@_cdecl("FuzzICalendar_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzICalendar($0, $1) }
}
