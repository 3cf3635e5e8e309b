import CouncilCore
import ICalendar

/// Gives a freshly built feed its history from the previous export, the way subscribers need it:
///
/// - an event whose content did not change keeps its SEQUENCE and DTSTAMP, so an unchanged plan
///   re-exports byte for byte;
/// - a changed event gets SEQUENCE + 1 and DTSTAMP = now — unless it was and still is on a day before
///   `today`: what was published for a past day never changes (a past rotation slot keeps its text when an
///   address or an outcome is recorded later);
/// - a new event starts at SEQUENCE 0;
/// - an event that left the plan stays, as STATUS:CANCELLED with SEQUENCE + 1, until `retentionDays`
///   after its start, so every client removes it instead of keeping a ghost.
public struct FeedReconciler: Sendable {
    /// DTSTAMP of events not yet reconciled; never written.
    static let placeholderTimestamp = DateTimeValue.dateTime(CalendarDate(year: 1970, month: 1, day: 1), ClockTime(hour: 0, minute: 0), .utc)

    public var now: DateTimeValue
    public var retentionDays: Int
    /// The day of publishing; events before it are kept as they were published.
    public var today: CalendarDate

    public init(now: DateTimeValue, today: CalendarDate? = nil, retentionDays: Int = 90) {
        self.now = now
        self.today = today ?? now.dateInJapan
        self.retentionDays = retentionDays
    }

    public func reconcile(_ fresh: VCalendar, previous: VCalendar?) -> VCalendar {
        let old = Dictionary((previous?.events ?? []).map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        var result = fresh
        result.events = fresh.events.map { event in
            guard let before = old[event.uid] else {
                var created = event
                created.timestamp = now
                created.sequence = 0
                return created
            }
            return successor(of: before, becoming: event)
        }
        guard let previous else { return result }
        let present = Set(fresh.events.map(\.uid))
        let today = now.date
        for before in previous.events where !present.contains(before.uid) {
            guard before.start.date.adding(days: retentionDays) >= today else { continue }
            if before.status == .cancelled {
                result.events.append(before)
            } else {
                var removed = before
                removed.status = .cancelled
                removed.sequence = (before.sequence ?? 0) + 1
                removed.timestamp = now
                result.events.append(removed)
            }
        }
        result.events.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        return result
    }

    /// The event as it should now be written, given how it was written before.
    private func successor(of before: VEvent, becoming after: VEvent) -> VEvent {
        if before.start.date < today && after.start.date < today { return before }
        var candidate = after
        candidate.timestamp = before.timestamp
        candidate.sequence = before.sequence
        if candidate == before { return before }
        candidate.timestamp = now
        candidate.sequence = (before.sequence ?? 0) + 1
        return candidate
    }
}
