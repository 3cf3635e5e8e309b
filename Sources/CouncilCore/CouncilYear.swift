import Synchronization

/// A council's fiscal year as it is lived, seen on one day: the meetings and rotation slots of the year and
/// the records that belong to them. Every command and the server work from this one model.
///
/// Built in phases: the plan's rules give the year's occurrences (`Scheduler`); the published schedule keeps
/// the meetings before `today` as they were published and lends its identities to the later ones
/// (`PublishedSchedule.reconcile`); each meeting from today on is announced as the plan gives it now; the
/// rotations' slots follow the meetings they come after.
public struct CouncilYear: Sendable {
    public internal(set) var council: Council
    public let year: FiscalYear
    /// The day the year is seen from: meetings before it are history.
    public let today: CalendarDate
    /// Every meeting of the year (cancelled ones too), in date order.
    public internal(set) var meetings: [Meeting]
    /// The slots of each rotation (cancelled meetings give none), in date order.
    public let slots: [RotationID: [RotationSlot]]
    /// Meetings before today that the plan as it is now would give differently, kept as published.
    public let pastChanges: [PastChange]
    /// Meetings published and then withdrawn from the plan (`PublishedSchedule.withdrawn`), remembered for the year.
    public let withdrawn: [PublishedSchedule.Withdrawn]
    /// Series and rotations that could not be dated; their meetings are missing from `meetings`.
    public let scheduleErrors: [ScheduleError]
    /// What the plan's rules do this year that was probably not meant (two meetings on one day, one outside the year).
    public let scheduleWarnings: [ScheduleWarning]

    public init(council: Council, year: FiscalYear, today: CalendarDate, scheduler: Scheduler) {
        self.init(
            council: council, year: year, today: today, scheduler: scheduler, announcing: SeriesAnnouncing(council))
    }

    /// The year, with what its series announce alike every year worked out already (by `CouncilYears`, once).
    init(council: Council, year: FiscalYear, today: CalendarDate, scheduler: Scheduler, announcing: SeriesAnnouncing) {
        self.council = council
        self.year = year
        self.today = today
        let scheduled = scheduler.datable(council, in: year)
        let fresh = scheduled.occurrences
        var errors = scheduled.errors
        scheduleWarnings = Scheduler.warnings(fresh, in: year) + scheduler.spareDayWarnings(council, fresh, in: year)
        var kept: [Meeting] = []
        var current = fresh
        var changes: [PastChange] = []
        var withdrawn: [PublishedSchedule.Withdrawn] = []
        if let published = council.published[year] {
            let reconciled = published.reconcile(
                fresh, today: today, scheduleText: { announcing.series[$0]?.series.scheduleText },
                exceptions: { announcing.series[$0]?.series.exceptions ?? [] })
            (kept, current, changes) = (reconciled.kept, reconciled.current, reconciled.changes)
            withdrawn = reconciled.withdrawn
        }
        self.withdrawn = withdrawn
        // Each series once, by its place in `prepared`: what it announces alike, and the businesses that open or
        // close within the year, which are invited only to the meetings of the days they are open.
        var places: [SeriesID: Int] = [:]
        var prepared: [(known: SeriesAnnouncing.Series, closing: [(place: Int, business: Business)])] = []
        for series in council.series where places[series.id] == nil {
            guard let known = announcing.series[series.id] else { continue }
            places[series.id] = prepared.count
            prepared.append(
                (
                    known,
                    known.invitees.enumerated().filter { !$0.element.isOpen(throughout: year) }.map {
                        ($0.offset, $0.element)
                    }
                ))
        }
        // Sorted before they are announced: occurrences are small to move, meetings are not.
        let announced = current.sortedByDay { $0 }.compactMap { occurrence -> Meeting? in
            guard let place = places[occurrence.series] else { return nil }
            let (known, closing) = prepared[place]
            var invited = known.ids
            // Those not open on the day, by their places in the list, the last first.
            for shut in closing.reversed() where !shut.business.isOpen(on: occurrence.date) {
                invited.remove(at: shut.place)
            }
            return Meeting(
                occurrence: occurrence,
                announcement: MeetingAnnouncement(
                    occurrence, of: known.series, in: council, invited: invited, lines: known.lines))
        }
        meetings = kept.isEmpty ? announced : (kept + announced).sortedByDay(\.occurrence)
        pastChanges = changes
        var slots: [RotationID: [RotationSlot]] = [:]
        for rotation in council.rotations {
            do {
                slots[rotation.id] = try Self.slots(of: rotation, meetings: meetings, in: year, scheduler: scheduler)
            } catch {
                errors.append(error)
            }
        }
        self.slots = slots
        scheduleErrors = errors
    }

    /// The same year seen with `council` in place of its own: the same plan with more of its records read.
    func seen(with council: Council) -> CouncilYear {
        var copy = self
        copy.council = council
        return copy
    }

    /// The year, or every series and rotation that could not be dated.
    public func complete() throws(ScheduleErrors) -> CouncilYear {
        guard scheduleErrors.isEmpty else { throw ScheduleErrors(errors: scheduleErrors) }
        return self
    }

    public var plan: Plan? { council.plan(for: year) }
    public var occurrences: [Occurrence] { meetings.map(\.occurrence) }
    public var attendance: AttendanceBook { council.attendance[year] ?? AttendanceBook() }
    public var replies: ReplyBook { council.replies[year] ?? ReplyBook() }
    public var progressMarks: [PlanProgress.Mark] { council.progress[year] ?? [] }

    /// A rotation's record as it stands this year: a slot with no outcome yet is on the day its source gives it
    /// now, so a slot after a meeting follows the meeting when it moves, before `council rotate` runs again.
    public func rotationRecord(_ rotation: RotationID) -> RotationRecord? {
        council.rotationRecord(rotation, year: year)?.following(slots[rotation] ?? [])
    }

    /// The year's rotation records as they stand (see `rotationRecord(_:)`).
    public var rotationRecords: [RotationRecord] {
        council.rotationRecords.filter { $0.year == year }.map { $0.following(slots[$0.rotation] ?? []) }
    }

    /// A rotation's slots as recorded (`council rotate`, `council attend slot`), or the bare slots when nothing
    /// is recorded yet.
    public func assignments(of rotation: RotationID) -> [SlotAssignment] {
        rotationRecord(rotation)?.assignments
            ?? (slots[rotation] ?? []).map { SlotAssignment(slot: $0, targets: [], leads: []) }
    }

    /// The year's meetings as they are to be published now, for `published-<year>.csv`.
    public var publishedSchedule: PublishedSchedule {
        PublishedSchedule(year: year, meetings: meetings, withdrawn: withdrawn)
    }

    /// After each meeting of the series that is not cancelled, or on the rotation's own schedule.
    private static func slots(of rotation: Rotation, meetings: [Meeting], in year: FiscalYear, scheduler: Scheduler)
        throws(ScheduleError) -> [RotationSlot]
    {
        switch rotation.slots {
        case .after(let seriesID, let minutes):
            return meetings.filter { $0.series == seriesID && $0.occurrence.status != .cancelled }.map { meeting in
                let occurrence = meeting.occurrence
                let time = occurrence.time.map { held in
                    TimeRange(
                        start: held.end,
                        end: ClockTime(minutesSinceMidnight: held.end.secondsSinceMidnight / 60 + minutes))
                }
                return RotationSlot(
                    rotation: rotation.id, originalDate: occurrence.originalDate, date: occurrence.date, time: time,
                    issue: occurrence.issue)
            }
        case .schedule(let rule, let text, let time):
            let series = MeetingSeries(
                id: SeriesID(rotation.id.rawValue), title: rotation.title, kind: rotation.kind, schedule: rule,
                scheduleText: text, time: time)
            return try scheduler.occurrences(of: series, in: year).filter { $0.status != .cancelled }.map {
                RotationSlot(rotation: rotation.id, originalDate: $0.originalDate, date: $0.date, time: $0.time)
            }
        }
    }
}

/// A council's years, each built once when first asked for, seen from one day.
/// Safe to ask from several threads; two asking for the same new year may both build it.
public final class CouncilYears: Sendable {
    public let council: Council
    public let today: CalendarDate
    private let scheduler: Scheduler
    private let announcing: SeriesAnnouncing
    private let cache = Mutex([FiscalYear: CouncilYear]())

    public init(council: Council, today: CalendarDate, expander: (any RecurrenceExpanding)?) {
        self.council = council
        self.today = today
        self.scheduler = Scheduler(calendar: council.calendar, expander: expander)
        announcing = SeriesAnnouncing(council)
    }

    public func year(_ year: FiscalYear) -> CouncilYear {
        if let known = cache.withLock({ $0[year] }) { return known }
        let built = CouncilYear(
            council: council, year: year, today: today, scheduler: scheduler, announcing: announcing)
        cache.withLock { $0[year] = built }
        return built
    }

    /// Every rotation record of the council as it stands in its year (see `CouncilYear.rotationRecord(_:)`).
    public var rotationRecords: [RotationRecord] {
        council.rotationRecords.map { record in year(record.year).rotationRecord(record.rotation) ?? record }
    }

    /// These years for `council` — the same plan, with its records read — keeping the years built so far, so
    /// that the years the records were matched against are not worked out again.
    public func rebased(on council: Council) -> CouncilYears {
        let years = CouncilYears(council: council, today: today, scheduler: scheduler, announcing: announcing)
        let built = cache.withLock { $0 }
        years.cache.withLock { cache in
            for (year, value) in built { cache[year] = value.seen(with: council) }
        }
        return years
    }

    private init(council: Council, today: CalendarDate, scheduler: Scheduler, announcing: SeriesAnnouncing) {
        self.council = council
        self.today = today
        self.scheduler = scheduler
        self.announcing = announcing
    }

    /// The meeting of `series` held on `day`, or whose rule gave it `day`, or that subscribers had on `day` before it moved.
    public func meeting(of series: SeriesID, on day: CalendarDate) -> Meeting? {
        let all = year(FiscalYear(containing: day)).meetings.filter { $0.series == series }
        return all.first { $0.date == day } ?? all.first { $0.occurrence.originalDate == day }
            ?? all.first { $0.occurrence.formerDate == day }
    }

    /// The meetings held after `day` up to and including `end` (cancelled ones only when asked), in date order.
    public func meetings(after day: CalendarDate, through end: CalendarDate, includingCancelled: Bool = false)
        -> [Meeting]
    {
        var fiscal = FiscalYear(containing: day.adding(days: 1))
        var found: [Meeting] = []
        while fiscal.firstDay <= end {
            found += year(fiscal).meetings.filter {
                $0.date > day && $0.date <= end && (includingCancelled || $0.occurrence.status != .cancelled)
            }
            fiscal = fiscal.next
        }
        return found.sorted()
    }

    /// The meetings of a year that could be dated (`council schedule` and `lint` report the others).
    public func occurrences(_ year: FiscalYear) -> [Occurrence] {
        self.year(year).occurrences
    }
}

/// What each series of a council announces alike in every year: whom it invites (before the days they are open
/// are looked at) and its notices' fixed lines. The same plan and roster give the same, records or not.
struct SeriesAnnouncing: Sendable {
    /// A reference: every meeting of the series is announced from it without copying the series.
    final class Series: Sendable {
        let series: MeetingSeries
        let invitees: [Business]
        let ids: [BusinessID]
        let lines: MeetingAnnouncement.NoticeLines

        init(_ series: MeetingSeries, in council: Council) {
            self.series = series
            invitees = council.invitees(of: series)
            ids = invitees.map(\.id)
            lines = MeetingAnnouncement.NoticeLines(series, in: council)
        }
    }

    let series: [SeriesID: Series]

    init(_ council: Council) {
        var series: [SeriesID: Series] = [:]
        for item in council.series where series[item.id] == nil {
            series[item.id] = Series(item, in: council)
        }
        self.series = series
    }
}
