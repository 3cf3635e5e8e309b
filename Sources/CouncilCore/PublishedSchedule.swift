/// The meetings of one fiscal year as they were last published (`published-<year>.csv` in the plan folder).
///
/// Publishing (`council export`, `council serve`) writes every meeting of the year here. A meeting whose day
/// has passed is history from then on: it is taken from here as it stands, whatever the plan says now. The
/// others are published again as the plan gives them, and keep their identity (and so their UID) when a
/// change of rule moves them.
public struct PublishedSchedule: Hashable, Sendable {
    public var year: FiscalYear
    /// In date order.
    public var meetings: [Meeting]
    /// Meetings published for a day to come and then withdrawn from the plan, each as its cancellation was shown
    /// (the feeds keep it), with the day it was withdrawn; in date order. Remembered for the rest of the year so
    /// that their identities are not given again: a meeting the plan later gives under the identity of one whose day
    /// has passed is a new meeting (`Occurrence.issue`), and one whose day is still to come is that meeting back.
    public var withdrawn: [Withdrawn]

    public struct Withdrawn: Hashable, Sendable {
        public var meeting: Meeting
        public var on: CalendarDate

        public init(meeting: Meeting, on: CalendarDate) {
            self.meeting = meeting
            self.on = on
        }
    }

    public init(year: FiscalYear, meetings: [Meeting], withdrawn: [Withdrawn] = []) {
        self.year = year
        self.meetings = meetings.sorted()
        self.withdrawn = withdrawn.sorted { $0.meeting < $1.meeting }
    }

    /// What `reconcile` decided: the published meetings kept as history, the occurrences the plan gives
    /// from today on (with the identities they were published under), and what the plan would have
    /// changed before today.
    struct Reconciled {
        var kept: [Meeting] = []
        var current: [Occurrence] = []
        var changes: [PastChange] = []
        var withdrawn: [Withdrawn] = []
    }

    /// Pairs the plan's occurrences (`fresh`) with the published meetings, series by series: first by
    /// identity (the date the rule gave), then, within each month, in date order, so that a meeting moved
    /// by a change of rule (第2火曜日 → 第3火曜日) is the same meeting. A pair whose published date is before
    /// `today` keeps what was published; so does a published past meeting the plan no longer gives. A
    /// fresh occurrence before today that was never published is left out: the past is not rewritten.
    ///
    /// After a change of rule an exception may name a meeting by its published identity or by the day it was
    /// published for (`exceptions`, by series): it applies to the meeting paired with that published one.
    func reconcile(
        _ fresh: [Occurrence], today: CalendarDate, scheduleText: (SeriesID) -> String?,
        exceptions: (SeriesID) -> [SeriesException] = { _ in [] }
    ) -> Reconciled {
        var result = Reconciled()
        let freshBySeries = Dictionary(grouping: fresh, by: \.series)
        let publishedBySeries = Dictionary(grouping: meetings, by: \.series)
        let withdrawnBySeries = Dictionary(grouping: withdrawn, by: \.meeting.series)
        for series in Set(freshBySeries.keys).union(publishedBySeries.keys).union(withdrawnBySeries.keys).sorted() {
            var ours = (freshBySeries[series] ?? []).sorted { $0.originalDate < $1.originalDate }
            var theirs = (publishedBySeries[series] ?? []).sorted {
                $0.occurrence.originalDate < $1.occurrence.originalDate
            }
            var gone = withdrawnBySeries[series] ?? []
            Self.reissue(&ours, &theirs, withdrawn: &gone, today: today)
            result.withdrawn += gone
            let pairs = Self.pairs(ours, theirs)
            // An exception names one meeting: one naming a rule's day is the scheduler's (applied to that meeting
            // already), and a published identity comes before a published day. (Found by the year simulator, seed
            // 5090: two meetings on 9/21, one by its rule, one moved there by a holiday; an exception for the first
            // moved both.)
            let ruleDays = Set(ours.map(\.originalDate))
            let identities = Set(theirs.map(\.occurrence.originalDate))
            let named = exceptions(series).filter { !ruleDays.contains($0.originalDate) }
            for (freshIndex, publishedIndex) in pairs {
                switch (freshIndex.map { ours[$0] }, publishedIndex.map { theirs[$0] }) {
                case (var occurrence?, let published?):
                    // The scheduler applied an exception naming the rule's day; one naming the published meeting
                    // (its identity or its day) is applied here, unless the rule's day had one.
                    if let exception = named.first(where: { $0.originalDate == published.occurrence.originalDate })
                        ?? named.first(where: {
                            $0.originalDate == published.date && !identities.contains($0.originalDate)
                        })
                    {
                        occurrence = Scheduler.applying(exception, to: occurrence)
                    }
                    if published.date < today || occurrence.date < today {
                        result.kept.append(published)
                        if !Self.samePlace(occurrence, published.occurrence) {
                            result.changes.append(
                                PastChange(
                                    published: published, kind: .placedElsewhere(occurrence),
                                    scheduleText: scheduleText(series)))
                        }
                    } else {
                        result.current.append(
                            Self.occurrence(
                                occurrence, publishedAs: published.occurrence, scheduleText: scheduleText(series)))
                    }
                case (nil, let published?):
                    // Upcoming meetings the plan no longer gives are dropped (the feeds cancel them, and their
                    // identities are remembered).
                    guard published.date < today else {
                        var cancelled = published
                        cancelled.occurrence.status = .cancelled
                        result.withdrawn.append(Withdrawn(meeting: cancelled, on: today))
                        continue
                    }
                    result.kept.append(published)
                    result.changes.append(
                        PastChange(published: published, kind: .noLongerGiven, scheduleText: scheduleText(series)))
                case (let occurrence?, nil):
                    if occurrence.date < today {
                        result.changes.append(
                            PastChange(
                                series: series, published: nil, kind: .neverPublished(occurrence), title: nil,
                                scheduleText: scheduleText(series)))
                    } else {
                        result.current.append(occurrence)
                    }
                case (nil, nil):
                    continue
                }
            }
        }
        return result
    }

    /// What the withdrawn meetings of a series mean for the plan's occurrences (`fresh`), by identity: a meeting
    /// withdrawn for a day still to come that the plan gives again from today on is published again (it is among
    /// `published` from here, shown cancelled on its day, so its return is announced as a move from there); one
    /// whose day has passed keeps its UID for its cancellation, so an occurrence of its identity is a new issue.
    /// (Found by the year simulator, seed 2981: a January meeting withdrawn on 12/26, then given again on 1/27 by a
    /// new rule, rewrote the past cancellation under the same UID.)
    private static func reissue(
        _ fresh: inout [Occurrence], _ published: inout [Meeting], withdrawn: inout [Withdrawn], today: CalendarDate
    ) {
        guard !withdrawn.isEmpty else { return }
        let live = Set(published.map(\.occurrence.originalDate))
        for index in fresh.indices where !live.contains(fresh[index].originalDate) {
            let identity = fresh[index].originalDate
            guard
                let last = withdrawn.indices.filter({ withdrawn[$0].meeting.occurrence.originalDate == identity })
                    .max(by: { withdrawn[$0].meeting.occurrence.issue < withdrawn[$1].meeting.occurrence.issue })
            else { continue }
            let meeting = withdrawn[last].meeting
            if meeting.date >= today, fresh[index].date >= today {
                published.append(meeting)
                withdrawn.remove(at: last)
            } else {
                fresh[index].issue = meeting.occurrence.issue + 1
            }
        }
        published.sort { $0.occurrence.originalDate < $1.occurrence.originalDate }
    }

    /// Index pairs (fresh, published): by identity first, then by month in date order; the rest unpaired.
    private static func pairs(_ fresh: [Occurrence], _ published: [Meeting]) -> [(Int?, Int?)] {
        var result: [(Int?, Int?)] = []
        let byIdentity = Dictionary(
            published.indices.map { (published[$0].occurrence.originalDate, $0) },
            uniquingKeysWith: { first, _ in first })
        var pairedFresh = Set<Int>()
        var pairedPublished = Set<Int>()
        for index in fresh.indices {
            if let other = byIdentity[fresh[index].originalDate], !pairedPublished.contains(other) {
                result.append((index, other))
                pairedFresh.insert(index)
                pairedPublished.insert(other)
            }
        }
        func month(_ date: CalendarDate) -> YearMonth { YearMonth(year: date.year, month: date.month) }
        let freshByMonth = Dictionary(grouping: fresh.indices.filter { !pairedFresh.contains($0) }) {
            month(fresh[$0].originalDate)
        }
        let publishedByMonth = Dictionary(grouping: published.indices.filter { !pairedPublished.contains($0) }) {
            month(published[$0].occurrence.originalDate)
        }
        for key in Set(freshByMonth.keys).union(publishedByMonth.keys).sorted() {
            let ours = freshByMonth[key] ?? []
            let theirs = publishedByMonth[key] ?? []
            for position in 0..<max(ours.count, theirs.count) {
                result.append(
                    (position < ours.count ? ours[position] : nil, position < theirs.count ? theirs[position] : nil))
            }
        }
        return result
    }

    /// The same day, time and cancellation.
    private static func samePlace(_ a: Occurrence, _ b: Occurrence) -> Bool {
        a.date == b.date && a.time == b.time && (a.status == .cancelled) == (b.status == .cancelled)
    }

    /// `fresh` under the identity it was published with; a meeting the new rule puts on another day is moved.
    ///
    /// Subscribers know a meeting by the day they were last shown, so that is the day a change names: a cancelled
    /// meeting is cancelled on the day (and at the time) it was published for, and a move is announced from that
    /// day (`formerDate`) — the day the rule gave it only when that is what they were shown.
    private static func occurrence(_ fresh: Occurrence, publishedAs published: Occurrence, scheduleText: String?)
        -> Occurrence
    {
        var result = fresh
        result.originalDate = published.originalDate
        result.issue = published.issue
        if fresh.status == .cancelled {
            result.date = published.date
            result.time = published.time
            return result
        }
        if fresh.originalDate != published.originalDate {
            // Moved from the published day by the new rule, and perhaps by a holiday after it.
            let change = "開催日の決め方の変更" + (scheduleText.map { "(\($0))" } ?? "")
            result.note = [change, fresh.status == .moved ? fresh.note : nil].compactMap { $0 }.joined(separator: "、")
            result.status = fresh.date == published.originalDate && fresh.status == .scheduled ? .scheduled : .moved
        }
        if result.status == .scheduled {
            if published.date != result.date {
                // Back on the day its rule gives, after subscribers were shown another day: for them, a move.
                result.status = .moved
                result.note = result.note ?? "当初の開催日に戻します"
            } else if published.status == .moved, published.formerDate != nil {
                // Announced so at an earlier publish: announced the same way again.
                result.status = .moved
                result.note = published.note
            }
        }
        guard result.status == .moved else { return result }
        if fresh.date == published.date, published.status == .cancelled {
            // Shown cancelled on this very day, now held there: subscribers had no other day, so it is announced
            // as the plan gives it — moved from its own rule's day by a holiday or closure, or not moved at all.
            // (Found by the year simulator, seed 1351: 「12月30日から変更」 named a day no one was shown.)
            guard fresh.status == .moved else {
                result.status = .scheduled
                return result
            }
            result.formerDate = fresh.movedFrom
        } else if fresh.date == published.date {
            result.formerDate = published.formerDate
        } else if published.date != published.originalDate {
            // The day subscribers were shown, cancelled there or not.
            result.formerDate = published.date
        }
        return result
    }
}

/// A meeting before today that the plan as it is now would give differently; what was published is kept.
public struct PastChange: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The plan now places the published meeting on another day or time, or cancels it.
        case placedElsewhere(Occurrence)
        /// The plan no longer gives the published meeting at all.
        case noLongerGiven
        /// The plan now gives a meeting before today that was never published; it is not added.
        case neverPublished(Occurrence)
    }

    public var series: SeriesID
    /// The meeting kept, as published; nil for `neverPublished`.
    public var published: Meeting?
    public var kind: Kind
    public var title: String?
    public var scheduleText: String?

    public init(series: SeriesID, published: Meeting?, kind: Kind, title: String?, scheduleText: String?) {
        self.series = series
        self.published = published
        self.kind = kind
        self.title = title
        self.scheduleText = scheduleText
    }

    init(published: Meeting, kind: Kind, scheduleText: String?) {
        self.init(
            series: published.series, published: published, kind: kind, title: published.announcement.title,
            scheduleText: scheduleText)
    }

    /// 「相談支援事業所等連絡会議」2026年4月14日(火) 14:00–16:00 は公開済みのまま残します。今の規則(…)では …
    public var description: String {
        let name = "「\(title ?? series.rawValue)」"
        let rule = scheduleText.map { "今の規則(\($0))" } ?? "今の計画"
        switch kind {
        case .placedElsewhere(let now):
            let was = published.map { Self.place($0.occurrence) } ?? ""
            return
                "\(name)\(was)は公開済みのため、そのまま残します。\(rule)では\(Self.place(now))になります / the published meeting of \(published?.date.description ?? "") is kept; the current rules would give \(now.status == .cancelled ? "it cancelled" : now.date.description)"
        case .noLongerGiven:
            let was = published.map { Self.place($0.occurrence) } ?? ""
            return
                "\(name)\(was)は公開済みのため、そのまま残します。\(rule)にはこの回がありません / the published meeting of \(published?.date.description ?? "") is kept although the current rules no longer give it"
        case .neverPublished(let now):
            return
                "\(rule)では\(name)が\(Self.place(now))にもありますが、過去の日で公開されていないため加えません / the current rules give a meeting on \(now.date) that was never published; the past is kept as published"
        }
    }

    private static func place(_ occurrence: Occurrence) -> String {
        if occurrence.status == .cancelled { return "\(occurrence.date.japaneseDescription)(中止)" }
        return occurrence.date.japaneseDescription + (occurrence.time.map { " \($0)" } ?? "")
    }
}
