import FuzzSupport
import ICalendar

/// Any texts through the feed encoder: the input, read as UTF-8, split at NUL bytes into SUMMARY, LOCATION,
/// DESCRIPTION, a category, the calendar's name and an alarm's text. Encoding either refuses a value it cannot write
/// (a control character) or gives a feed whose lines keep RFC 5545's rules and that decodes to exactly the values
/// written; the encoder's own read-back failing (`notReadBack`) is a crash.
/// The zone of the fuzzed events, as the feeds write it.
let tokyo = VTimeZone.fixed(id: "Asia/Tokyo", offset: UTCOffset(hours: 9), name: "JST")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventEncoding(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let fields = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
        .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
    let day = DateTimeValue.dateTime(
        CalendarDate(year: 2026, month: 9, day: 17), ClockTime(hour: 14, minute: 0), .zone("Asia/Tokyo"))
    let category = field(3).contains(",") || field(3).allSatisfy({ $0 == " " || $0 == "\t" }) ? [] : [field(3)]
    let alarm =
        field(5).allSatisfy({ $0 == " " || $0 == "\t" }) ? [] : [VAlarm(minutesBefore: 60, description: field(5))]
    let event = VEvent(
        uid: "fuzz@example.jp",
        timestamp: .dateTime(CalendarDate(year: 2026, month: 9, day: 1), ClockTime(hour: 0, minute: 0), .utc),
        start: day, end: day, summary: field(0), location: field(1), description: field(2), categories: category,
        sequence: 0, alarms: alarm)
    let calendar = VCalendar(
        productID: "-//council//fuzz//JA", method: "PUBLISH", name: field(4), timeZones: [tokyo], events: [event])
    var encoder = FeedEncoder()
    let bytes: [UInt8]
    do {
        bytes = try encoder.bytes(of: calendar, source: "fuzz.ics")
    } catch {
        if case .notReadBack(let problem) = error { preconditionFailure("written but not read back: \(problem)") }
        return 0
    }
    let problems = ContentLineRules.problems(in: bytes, source: "fuzz.ics")
    precondition(problems.isEmpty, "lines break RFC 5545: \(problems)")
    let decoded = try! ICalendarDecoder().decode(bytes: bytes, source: "fuzz.ics")
    precondition(decoded == (try! calendar.writable()), "reads back as other values")
    return 0
}

@_cdecl("FuzzEventEncoding_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzEventEncoding($0, $1) }
}
