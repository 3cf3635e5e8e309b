import CouncilCore
import ICalendar

/// Gives a freshly built feed its history from the previous export, the way subscribers need it:
///
/// - an event whose content did not change keeps its SEQUENCE and DTSTAMP, so an unchanged plan
///   re-exports byte for byte;
/// - a changed event gets SEQUENCE + 1 and DTSTAMP = now — unless it was and still is on a day before
///   `today`: what was published for a past day never changes (a past rotation slot keeps its text when an
///   address or an outcome is recorded later);
/// - a new event starts at SEQUENCE 0; a feed published before gains no event on a day before today;
/// - an event that left the plan stays, as STATUS:CANCELLED with SEQUENCE + 1 (or as published, when it was
///   before today), until `retentionDays` after its start, so every client removes it instead of keeping a ghost.
public struct FeedReconciler: Sendable {
    /// DTSTAMP of events not yet reconciled; never written.
    static let placeholderTimestamp = DateTimeValue.dateTime(
        CalendarDate(year: 1970, month: 1, day: 1), ClockTime(hour: 0, minute: 0), .utc)

    public var now: DateTimeValue
    public var retentionDays: Int
    /// The day of publishing; events before it are kept as they were published.
    public var today: CalendarDate

    public init(now: DateTimeValue, today: CalendarDate? = nil, retentionDays: Int = 90) {
        self.now = now
        self.today = today ?? now.date(at: .japan)
        self.retentionDays = retentionDays
    }

    /// A council's feeds reconciled together, so that wherever a UID appears its event is the same bytes.
    /// `feeds[0]` is the council-wide feed: it holds every shared event (meetings, and slots without names),
    /// and its reconciled events are the one version each business feed copies. An event only in business
    /// feeds (a business's own copy of a slot) is reconciled in that feed alone; one that left the feed is
    /// written as `withdrawn` makes it. A shared event a business is no longer invited to leaves its feed
    /// (from today on; before today the feed keeps what it published).
    ///
    /// `above` are the councils above this one, already reconciled: their events in a business feed are theirs,
    /// shared as the council's own are.
    ///
    /// `adopted` are events published before by another council under UIDs the council-wide feed now holds (a
    /// series that moved here with `formerly:`): each is the previous version of its UID.
    public func reconcile(
        _ feeds: [Feed], previous: [String: VCalendar], withdrawn: (VEvent) -> VEvent, above: [SharedFeed] = [],
        adopted: [VEvent] = []
    ) -> [Feed] {
        guard let council = feeds.first else { return [] }
        var result = feeds
        // The councils above come first: a joint meeting in the council-wide feed, or a meeting whose series moved
        // up, is theirs; one that moved up leaves this feed from today on and stays as published before.
        var fromAbove: [String: VEvent] = [:]
        var plannedAbove: Set<String> = []
        for city in above {
            fromAbove.merge(city.events) { first, _ in first }
            plannedAbove.formUnion(city.planned)
        }
        result[0].calendar = reconcile(
            council.calendar, previous: previous[council.path], shared: fromAbove, planned: plannedAbove,
            withdrawn: { $0.markedCancelled() }, adopted: adopted)
        var shared = Dictionary(result[0].calendar.events.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        shared.merge(fromAbove) { own, _ in own }
        let planned = Set(council.calendar.events.map(\.uid)).union(plannedAbove)
        for index in feeds.indices.dropFirst() {
            result[index].calendar = reconcile(
                feeds[index].calendar, previous: previous[feeds[index].path], shared: shared, planned: planned,
                withdrawn: withdrawn)
        }
        return result
    }

    /// A feed whose events in `shared` are as the council-wide feed has them (`planned` the ones still in the
    /// plan); its own events are reconciled here.
    private func reconcile(
        _ fresh: VCalendar, previous: VCalendar?, shared: [String: VEvent], planned: Set<String>,
        withdrawn: (VEvent) -> VEvent, adopted: [VEvent] = []
    ) -> VCalendar {
        var old = Dictionary((previous?.events ?? []).map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        for event in adopted where old[event.uid] == nil { old[event.uid] = event }
        var result = fresh
        result.events = fresh.events.compactMap { event in
            let before = old[event.uid]
            if let before, before.start.date < today, event.start.date < today { return before }
            if before == nil, previous != nil, event.start.date < today { return nil }
            if let common = shared[event.uid] { return common }
            guard let before else { return created(event) }
            return successor(of: before, becoming: event)
        }
        // A feed's first export has nothing that left it and nothing kept from before: in the plan's order.
        guard let previous else { return result }
        let present = Set(fresh.events.map(\.uid))
        for before in previous.events where !present.contains(before.uid) {
            if let common = shared[before.uid] {
                // Gone from the plan: cancelled, as everywhere. Still planned: the business is no longer invited
                // (or has its own copy now); what it was shown before today stays, a later event leaves its feed.
                if !planned.contains(before.uid) {
                    result.events.append(common)
                } else if before.start.date < today {
                    result.events.append(before)
                }
                continue
            }
            guard before.start.date.adding(days: retentionDays) >= now.date else { continue }
            // Before today it stays as published (a slot that a later `rotate` dropped, say): the past is not
            // rewritten, not even as a cancellation. A later one is cancelled.
            result.events.append(
                before.status == .cancelled || before.start.date < today
                    ? before : cancelled(before, as: withdrawn(before)))
        }
        // Events kept as published may start where the plan no longer puts them: sorted again.
        result.events.sort { ($0.start, $0.uid) < ($1.start, $1.uid) }
        return result
    }

    /// One feed on its own: every event is its own (the council-wide feed, or a feed outside a council).
    public func reconcile(_ fresh: VCalendar, previous: VCalendar?) -> VCalendar {
        reconcile(fresh, previous: previous, shared: [:], planned: [], withdrawn: { $0.markedCancelled() })
    }

    /// A new event: SEQUENCE 0, stamped now.
    private func created(_ event: VEvent) -> VEvent {
        var created = event
        created.timestamp = now
        created.sequence = 0
        return created
    }

    /// An event that left its feed: CANCELLED (written as `withdrawn` has it, if given), one SEQUENCE on, stamped now.
    private func cancelled(_ before: VEvent, as withdrawn: VEvent? = nil) -> VEvent {
        var removed = withdrawn ?? before.markedCancelled()
        removed.status = .cancelled
        removed.sequence = (before.sequence ?? 0) + 1
        removed.timestamp = now
        return removed
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

extension FeedReconciler {
    /// The previous versions of a council's feeds when some of them could not be read, rebuilt so that reconciling
    /// against them lowers no SEQUENCE a subscriber saw and changes no past day that can still be known.
    ///
    /// `salvaged` holds, for each feed that did not read, the events that read on their own (`ICalendarDecoder.salvage`).
    /// Each event of the fresh feed at such a path is, in this order: the salvaged one; the one another feed of the
    /// council has under its UID (a meeting is the same version everywhere); else the fresh event itself, stamped now,
    /// with a SEQUENCE above every SEQUENCE of the council's readable feeds, since nobody can say what its subscribers
    /// last saw. A past day's event is then kept as the plans and `published-<year>.csv` give it.
    public func recoveredPrevious(_ previous: [String: VCalendar], salvaged: [String: VCalendar], fresh: [Feed])
        -> [String: VCalendar]
    {
        let known = previous.values.flatMap(\.events) + salvaged.values.flatMap(\.events)
        let above = (known.compactMap(\.sequence).max() ?? 0) + 1
        var byUID: [String: VEvent] = [:]
        for event in known where byUID[event.uid] == nil { byUID[event.uid] = event }
        var result = previous
        for feed in fresh {
            guard var calendar = salvaged[feed.path] else { continue }
            var present = Set(calendar.events.map(\.uid))
            for event in feed.calendar.events where !present.contains(event.uid) {
                var rebuilt = event
                if let other = byUID[event.uid] {
                    rebuilt = other
                } else {
                    rebuilt.sequence = above
                    rebuilt.timestamp = now
                    byUID[event.uid] = rebuilt
                }
                calendar.events.append(rebuilt)
                present.insert(event.uid)
            }
            result[feed.path] = calendar
        }
        return result
    }
}

extension VEvent {
    /// Cancelled as every client shows it: STATUS:CANCELLED, no reminder, and a SUMMARY that begins with
    /// `【wording】`, since calcurse and others ignore STATUS and would show a cancelled meeting as an ordinary one.
    func markedCancelled(_ wording: String = "中止") -> VEvent {
        var cancelled = self
        cancelled.status = .cancelled
        cancelled.alarms = []
        let mark = "【\(wording)】"
        if let summary, !summary.hasPrefix(mark) { cancelled.summary = mark + summary }
        return cancelled
    }
}
