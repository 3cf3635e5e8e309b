import CouncilCore
import FuzzSupport

let year = FiscalYear(2026)
let scheduler = Scheduler(calendar: BusinessCalendar())

/// The friendly schedule forms: parsed, expanded over a fiscal year and scheduled with every policy.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchedule(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard case .success(let rule) = ScheduleRule.parse(text) else { return 0 }
    for policy in HolidayPolicy.allCases {
        let series = MeetingSeries(
            id: "s", title: "t", kind: .liaison, schedule: rule, scheduleText: text, holidayPolicy: policy)
        if let found = try? scheduler.occurrences(of: series, in: year) {
            // A recurring rule's empty year is an error; listed dates belong to the years they fall in.
            if case .dates(let dates) = rule {
                precondition(
                    found.count == dates.filter(year.contains).count, "every listed date of the year, and no other")
            } else {
                precondition(!found.isEmpty, "an empty year is an error, not a success")
            }
            precondition(
                found.allSatisfy {
                    $0.status == .cancelled || policy == .keep || scheduler.calendar.isBusinessDay($0.date)
                })
        }
    }
    return 0
}

@_cdecl("FuzzSchedule_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzSchedule($0, $1) }
}
