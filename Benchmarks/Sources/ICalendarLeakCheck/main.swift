// Exercises every path of the iCalendar module that allocates C memory — encoding, decoding good and
// malformed text, recurrence expansion and its errors — so that a run under LeakSanitizer shows any byte
// libical or our wrapper fails to free. scripts/leak-check.sh builds it with -sanitize=address; only the
// iCalendar module and libical are built that way, not the whole package.
import ICalendar
import ICalendarFixtures

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 50
let encoder = ICalendarEncoder()
let decoder = ICalendarDecoder()
let expander = RecurrenceExpander()
let window = (CalendarDate(year: 2026, month: 4, day: 1), CalendarDate(year: 2027, month: 3, day: 31))
var checks = 0
for _ in 0..<rounds {
    let calendar = try Fixtures.richCalendar()
    let text = try encoder.encode(calendar)
    let decoded = try decoder.decode(text)
    precondition(decoded == calendar, "round trip")
    for event in calendar.events {
        _ = try encoder.encode(event)
        _ = try expander.instances(of: event, from: window.0, through: window.1)
    }
    for bad in Fixtures.malformed {
        do {
            _ = try decoder.decode(bad)
            preconditionFailure("malformed text decoded")
        } catch {
            checks += error.problems.count
        }
    }
    for rule in ["FREQ=MONTHLY;BYDAY=2TU", "FREQ=FORTNIGHTLY", "FREQ=MONTHLY;BYSETPOS=0;BYDAY=TU", "FREQ=DAILY"] {
        do {
            let parsed = try RecurrenceRule(rule)
            _ = try RecurrenceExpander(instanceLimit: 500).instances(
                start: .date(CalendarDate(year: 2020, month: 1, day: 1)), rule: parsed, from: window.0,
                through: window.1)
        } catch {
            checks += 1
        }
    }
    var broken = calendar.events[0]
    broken.categories = ["a,b"]
    do { _ = try encoder.encode(broken) } catch { checks += 1 }
}
print("ical-leak-check: \(rounds) rounds, \(checks) refusals checked")
