import CouncilExport
import ICalendar
import Testing

/// A business's own copy of a slot that leaves the plan after its day (a rotate run drops a slot whose meeting was
/// cancelled) stays in that feed as it was published: the past is never rewritten, not even as a cancellation.
@Suite("A business's own past event that leaves the plan")
struct PastCopyTests {
    func day(_ d: Int, _ m: Int, _ y: Int = 2026) -> CalendarDate { CalendarDate(year: y, month: m, day: d) }

    /// Found by the year simulator (seed 18 of the rotation-aware simulator): the 11/25 slot of 個別SV, published as
    /// CONFIRMED in its target's feed, became CANCELLED with SEQUENCE 1 when `rotate` ran on 2027-01-25.
    @Test("kept byte for byte after its day; one still to come is cancelled; a past cancellation leaves after 90 days")
    func keptAsPublished() {
        let stamp = DateTimeValue.dateTime(day(11, 6), ClockTime(hour: 23, minute: 0), .utc)
        func slot(_ uid: String, on date: CalendarDate, status: EventStatus = .confirmed) -> VEvent {
            VEvent(
                uid: uid, timestamp: stamp, start: .dateTime(date, ClockTime(hour: 16, minute: 0), .zone("Asia/Tokyo")),
                summary: "個別SV", status: status, sequence: 0)
        }
        let past = slot("sim-r0-20261125-a@x", on: day(25, 11))
        let later = slot("sim-r0-20270224-a@x", on: day(24, 2, 2027))
        let oldCancellation = slot("sim-r0-20260910-a@x", on: day(10, 9), status: .cancelled)
        let council = Feed(path: "council.ics", calendar: VCalendar(productID: "-//test//EN"))
        let business = Feed(path: "businesses/b14.ics", calendar: VCalendar(productID: "-//test//EN"))
        let previous = [
            "businesses/b14.ics": VCalendar(productID: "-//test//EN", events: [oldCancellation, past, later]),
            "council.ics": VCalendar(productID: "-//test//EN"),
        ]
        let now = DateTimeValue.dateTime(day(24, 1, 2027), ClockTime(hour: 23, minute: 0), .utc)
        let result = FeedReconciler(now: now, today: day(25, 1, 2027)).reconcile(
            [council, business], previous: previous, withdrawn: { $0 })
        let events = Dictionary(uniqueKeysWithValues: result[1].calendar.events.map { ($0.uid, $0) })
        #expect(events[past.uid] == past, "the past slot as published")
        #expect(
            events[later.uid]?.status == .cancelled && events[later.uid]?.sequence == 1, "the slot to come is withdrawn"
        )
        #expect(events[oldCancellation.uid] == nil, "a cancellation 90 days gone leaves")
    }
}
