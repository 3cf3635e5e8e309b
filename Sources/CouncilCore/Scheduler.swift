/// Turns meeting series into the dated occurrences of a fiscal year, in explicit phases:
/// the rule's dates → the holiday policy → the exceptions. Each phase is a function of its own.
public struct Scheduler: Sendable {
    public var calendar: BusinessCalendar
    public var expander: (any RecurrenceExpanding)?

    public init(calendar: BusinessCalendar, expander: (any RecurrenceExpanding)? = nil) {
        self.calendar = calendar
        self.expander = expander
    }

    /// Every occurrence of `series` in `year`, cancelled ones included, in date order.
    ///
    /// A series meets only within its `from:` / `until:` span, and one with listed dates only in the years
    /// of its dates: a year without them has no meeting of it. A recurring rule that gives no date in a whole
    /// year it is active in is a mistake.
    public func occurrences(of series: MeetingSeries, in year: FiscalYear) throws(ScheduleError) -> [Occurrence] {
        guard let span = series.activeSpan(in: year) else { return [] }
        let dates: [CalendarDate]
        do {
            dates = try series.schedule.dates(from: span.lowerBound, through: span.upperBound, expander: expander)
        } catch {
            throw .badRule(series: series.id, error: error)
        }
        if dates.isEmpty, !series.schedule.isDateList, span == year.firstDay...year.lastDay {
            throw .noOccurrences(series: series.id, schedule: series.scheduleText, year: year)
        }
        // One meeting per date, however the rule names it twice (第1・第1水曜日): its date is its identity.
        let sorted = dates.sorted()
        let days = sorted.indices.filter { $0 == 0 || sorted[$0 - 1] != sorted[$0] }.map { sorted[$0] }
        let placed = days.map {
            applyHolidayPolicy(
                series.holidayPolicy, to: Occurrence(series: series.id, originalDate: $0, date: $0, time: series.time))
        }
        return applySpareDays(series.spareDays, to: applyExceptions(series.exceptions, to: placed)).sortedByDay { $0 }
    }

    /// Every occurrence of every series of the council in `year`, in date order; all problems at once.
    public func occurrences(of council: Council, in year: FiscalYear) -> Result<[Occurrence], ScheduleErrors> {
        let (all, errors) = datable(council, in: year)
        return errors.isEmpty ? .success(all) : .failure(ScheduleErrors(errors: errors))
    }

    /// The occurrences of the series that can be dated, in date order, and why the others cannot.
    public func datable(_ council: Council, in year: FiscalYear) -> (occurrences: [Occurrence], errors: [ScheduleError])
    {
        var all: [Occurrence] = []
        var errors: [ScheduleError] = []
        for series in council.series {
            do {
                all += try occurrences(of: series, in: year)
            } catch {
                errors.append(error)
            }
        }
        return (all.sortedByDay { $0 }, errors)
    }

    /// Phase 2: a date that is not a business day is skipped, shifted or kept.
    func applyHolidayPolicy(_ policy: HolidayPolicy, to occurrence: Occurrence) -> Occurrence {
        guard let reason = calendar.reasonClosed(on: occurrence.date), policy != .keep else { return occurrence }
        var result = occurrence
        let step = policy == .previousBusinessDay ? -1 : 1
        if policy != .skip, let day = calendar.businessDay(from: occurrence.date, step: step) {
            result.date = day
            result.status = .moved
            result.note = "\(reason)のため\(step > 0 ? "翌" : "前")営業日に変更"
        } else {
            result.status = .cancelled
            result.note = "\(reason)のため休会"
        }
        return result
    }

    /// Phase 3: the secretariat's own cancellations and moves, by the rule's date.
    func applyExceptions(_ exceptions: [SeriesException], to occurrences: [Occurrence]) -> [Occurrence] {
        guard !exceptions.isEmpty else { return occurrences }
        return occurrences.map { occurrence in
            guard let exception = exceptions.first(where: { $0.originalDate == occurrence.originalDate }) else {
                return occurrence
            }
            return Self.applying(exception, to: occurrence)
        }
    }

    /// One exception's cancellation or move, on the occurrence it names.
    static func applying(_ exception: SeriesException, to occurrence: Occurrence) -> Occurrence {
        var result = occurrence
        switch exception.change {
        case .cancel:
            result.status = .cancelled
            // 「台風接近のため中止」 says it already: no 「中止: …中止」.
            result.note = exception.reason.map { $0.contains("中止") ? $0 : "中止: \($0)" } ?? "中止"
        case .move(let date, let time):
            result.date = date ?? occurrence.date
            result.time = time ?? occurrence.time
            result.status = .moved
            result.note = exception.reason.map { "変更: \($0)" } ?? "日程変更"
        }
        return result
    }
}

extension Scheduler {
    /// Phase 4: a cancelled meeting moves to the first spare day (予備日) after it in its month that no other
    /// meeting of the series holds and the council is open on; without one it stays cancelled.
    func applySpareDays(_ spare: [CalendarDate], to occurrences: [Occurrence]) -> [Occurrence] {
        guard !spare.isEmpty else { return occurrences }
        var taken = Set(occurrences.filter { $0.status != .cancelled }.map(\.date))
        let usable = spare.filter(calendar.isBusinessDay).sorted()
        return occurrences.map { occurrence in
            guard occurrence.status == .cancelled,
                let day = usable.first(where: {
                    $0 > occurrence.date && $0.month == occurrence.date.month && $0.year == occurrence.date.year
                        && !taken.contains($0)
                })
            else { return occurrence }
            taken.insert(day)
            var moved = occurrence
            moved.date = day
            moved.status = .moved
            let why = occurrence.note.map { $0.hasPrefix("中止: ") ? String($0.dropFirst(4)) : $0 }
            moved.note = "予備日に変更" + (why.map { "(\($0))" } ?? "")
            return moved
        }
    }
}

/// What a year's schedule does that the secretariat probably did not mean; `lint` shows these, nothing stops.
public enum ScheduleWarning: Hashable, Sendable, CustomStringConvertible {
    /// The holiday policy (or an exception) put two meetings of the series on one day; both are kept.
    case sameDay(series: SeriesID, date: CalendarDate, from: [CalendarDate])
    /// A meeting of the year is held outside it (previous-business-day moved 4月1日 into March).
    case outsideYear(series: SeriesID, originalDate: CalendarDate, date: CalendarDate, year: FiscalYear)
    /// A spare day that can never take a meeting: the council is closed then (`reason`), or no meeting of the series
    /// comes before it in its month (`reason` nil).
    case unusableSpareDay(series: SeriesID, date: CalendarDate, reason: String?)

    public var series: SeriesID {
        switch self {
        case .sameDay(let series, _, _), .outsideYear(let series, _, _, _), .unusableSpareDay(let series, _, _):
            return series
        }
    }

    public var description: String {
        switch self {
        case .sameDay(let series, let date, let from):
            let days = from.map(\.shortJapaneseDescription).joined(separator: "と")
            return
                "\(series): \(days)の回が、祝日などで同じ\(date.japaneseDescription)に重なり、両方とも同じ日に開催として配信されます / two meetings of the series fall on \(date): both are kept"
        case .unusableSpareDay(let series, let date, let reason?):
            return
                "\(series): 予備日\(date.japaneseDescription)は\(reason)で使えません / the spare day \(date) is a day the council is closed (\(reason))"
        case .unusableSpareDay(let series, let date, nil):
            return
                "\(series): 予備日\(date.japaneseDescription)より前に、その月の回がありません。中止になった回はその月の後の予備日にだけ移ります / no meeting of the series comes before the spare day \(date) in its month: a cancelled meeting moves only to a later spare day of its own month"
        case .outsideYear(let series, let original, let date, let year):
            return
                "\(series): \(original.japaneseDescription)の回が\(date.japaneseDescription)に移り、\(year.japaneseName)の外の日ですが\(year.japaneseName)の会議として配信されます / the meeting of \(original) moves to \(date), outside fiscal \(year.startYear), and is still published as that year's"
        }
    }
}

extension Scheduler {
    /// The spare days of the council's series in `year` that can never take a meeting (closed, or with no meeting of
    /// the series before them in their month), given the year's occurrences.
    public func spareDayWarnings(_ council: Council, _ occurrences: [Occurrence], in year: FiscalYear)
        -> [ScheduleWarning]
    {
        var warnings: [ScheduleWarning] = []
        for series in council.series {
            let days = occurrences.filter { $0.series == series.id }.map(\.originalDate)
            for spare in series.spareDays.sorted() where year.contains(spare) {
                if let reason = calendar.reasonClosed(on: spare) {
                    warnings.append(.unusableSpareDay(series: series.id, date: spare, reason: reason))
                } else if !days.contains(where: { $0 < spare && $0.year == spare.year && $0.month == spare.month }) {
                    warnings.append(.unusableSpareDay(series: series.id, date: spare, reason: nil))
                }
            }
        }
        return warnings
    }

    /// The warnings of a year's occurrences (those `occurrences(of:in:)` gives), series by series.
    public static func warnings(_ occurrences: [Occurrence], in year: FiscalYear) -> [ScheduleWarning] {
        var warnings: [ScheduleWarning] = []
        for (series, ofSeries) in Dictionary(grouping: occurrences.filter { $0.status != .cancelled }, by: \.series)
            .sorted(by: { $0.key < $1.key })
        {
            for (date, same) in Dictionary(grouping: ofSeries, by: \.date).sorted(by: { $0.key < $1.key })
            where same.count > 1 {
                warnings.append(.sameDay(series: series, date: date, from: same.map(\.originalDate).sorted()))
            }
            for occurrence in ofSeries.sorted()
            where !year.contains(occurrence.date) && year.contains(occurrence.originalDate) {
                warnings.append(
                    .outsideYear(
                        series: series, originalDate: occurrence.originalDate, date: occurrence.date, year: year))
            }
        }
        return warnings
    }
}

public enum ScheduleError: Error, Hashable, Sendable, CustomStringConvertible {
    case badRule(series: SeriesID, error: ScheduleRuleError)
    /// The rule gives no date in the year: almost always a mistake, never an empty success.
    case noOccurrences(series: SeriesID, schedule: String, year: FiscalYear)

    public var description: String {
        switch self {
        case .badRule(let series, let error):
            return "\(series): \(error)"
        case .noOccurrences(let series, let schedule, let year):
            return
                "\(series): 「\(schedule)」では\(year.japaneseName)(\(year.firstDay)〜\(year.lastDay))に開催日が1日もありません / the schedule gives no date in fiscal \(year.startYear) (expected: a rule or dates within the year)"
        }
    }
}

public struct ScheduleErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ScheduleError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
