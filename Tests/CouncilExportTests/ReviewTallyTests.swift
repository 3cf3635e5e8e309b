import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilTestSupport
import Testing

/// The review sums its figures in one pass, by place; here they are counted again the long way, from the
/// definitions in docs/review.md, for every bundled council.
@Suite("The review's tally, against its definitions")
struct ReviewTallyTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 1)

    /// A counted meeting × an invited business, and what was recorded.
    struct Expected: Equatable {
        var meeting: Occurrence
        var business: Business
        var status: AttendanceStatus?
    }

    /// The figures of some invitations as the definitions count them.
    func rate(_ invitations: [Expected]) -> ParticipationReview.Rate {
        let statuses = invitations.map(\.status)
        let attended = statuses.filter { $0?.attended == true }.count
        let online = statuses.filter { $0 == .online }.count
        let excused = statuses.filter { $0 == .excused }.count
        let absent = statuses.filter { $0 == .absent }.count
        return ParticipationReview.Rate(
            attended: attended, invited: statuses.count, online: online, excused: excused, absent: absent)
    }

    func status(_ year: CouncilYear, _ meeting: Meeting, _ business: BusinessID) -> AttendanceStatus? {
        year.attendance.entry(
            AttendanceEntry.Key(
                series: meeting.series, originalDate: meeting.occurrence.originalDate, business: business))?.status
    }

    /// The meetings that count: held by `asOf`, not cancelled, of the year, with at least one line.
    func counted(_ year: CouncilYear, asOf: CalendarDate) -> [Meeting] {
        year.meetings.filter { (meeting: Meeting) -> Bool in
            guard meeting.occurrence.status != Occurrence.Status.cancelled, meeting.date <= asOf else { return false }
            return year.year.contains(meeting.occurrence.originalDate)
                && year.attendance.lineCount(of: MeetingKey(meeting.occurrence)) > 0
        }
    }

    /// Every counted meeting × each business it was announced to, of the kinds reviewed, open that day.
    func invitations(_ year: CouncilYear, _ meetings: [Meeting], kinds: Set<BusinessKind>) -> [Expected] {
        let scope = Invitation(kinds: kinds, labels: [])
        return meetings.flatMap { meeting -> [Expected] in
            let invited = meeting.announcement.invited.compactMap { id in year.council.businesses.first { $0.id == id }
            }
            let reviewed = invited.filter { (kinds.isEmpty || scope.invites($0)) && $0.isOpen(on: meeting.date) }
            return reviewed.map {
                Expected(meeting: meeting.occurrence, business: $0, status: status(year, meeting, $0.id))
            }
        }
    }

    @Test(
        "invitations, rates by business, series, month and kind, follow-ups and walk-ins equal those counted one by one"
    )
    func definitions() async throws {
        var checked = 0
        var walked = 0
        for id in BundledPlans.ids {
            let folder = BundledPlans.repository.appendingPathComponent("plans/\(id)").path
            let years = try await PlanDirectory.loadYears(folder, expander: LibicalRecurrence(), today: Self.today)
                .get()
            let cases: [(FiscalYear, Set<BusinessKind>)] = [
                (FiscalYear(2026), []), (FiscalYear(2026), [.designated]), (FiscalYear(2025), []),
            ]
            for (fiscal, kinds) in cases {
                let year = years.year(fiscal)
                let asOf = min(Self.today, fiscal.lastDay)
                let review = ParticipationReview(year, asOf: asOf, kinds: kinds)
                let meetings = counted(year, asOf: asOf)
                #expect(review.meetings == meetings.map(\.occurrence), "\(id) \(fiscal)")
                let expected = invitations(year, meetings, kinds: kinds)
                #expect(
                    review.invitations.map {
                        Expected(meeting: $0.meeting, business: $0.business, status: $0.entry?.status)
                    } == expected, "\(id) \(fiscal)")
                #expect(review.overall == rate(expected))
                let invitedBusinesses = year.council.businesses.map(\.id).filter { business in
                    expected.contains { $0.business.id == business }
                }
                #expect(review.byBusiness.map(\.business.id) == invitedBusinesses)
                for (business, figures) in review.byBusiness {
                    #expect(figures == rate(expected.filter { $0.business.id == business.id }), "\(id) \(business.id)")
                }
                for (series, figures) in review.bySeries {
                    #expect(figures == rate(expected.filter { $0.meeting.series == series.id }), "\(id) \(series.id)")
                }
                for (month, figures) in review.byMonth {
                    #expect(
                        figures
                            == rate(
                                expected.filter {
                                    $0.meeting.date.year == month.year && $0.meeting.date.month == month.month
                                }))
                }
                for (kind, figures) in review.byKind {
                    #expect(figures == rate(expected.filter { $0.business.kindName == kind }))
                }
                for followUp in review.followUps(months: 3) {
                    let own = expected.filter { $0.business.id == followUp.business.id }
                    let last = own.filter { $0.status?.attended == true }.map(\.meeting.date).max()
                    #expect(followUp.invited == own.count && followUp.lastAttended == last)
                }
                let scope = Invitation(kinds: kinds, labels: [])
                let inScope = year.council.businesses.filter { kinds.isEmpty || scope.invites($0) }.sorted {
                    $0.id < $1.id
                }
                let walkIns = meetings.flatMap { meeting in
                    inScope.filter {
                        !meeting.announcement.invited.contains($0.id) && status(year, meeting, $0.id)?.attended == true
                    }.map { "\(meeting.occurrence.originalDate) \($0.id)" }
                }
                #expect(review.walkIns.map { "\($0.meeting.originalDate) \($0.business.id)" } == walkIns)
                // A record as written by council has each meeting's lines in business order, which the review
                // walks beside the invitees (sendai's, written by hand, has not); the same record looked up line
                // by line gives the same review.
                walked +=
                    meetings.filter { year.attendance.linesInBusinessOrder(of: MeetingKey($0.occurrence)) != nil }.count
                var unordered = years.council
                unordered.attendance[fiscal]?.add([])
                let lookedUp = ParticipationReview(
                    CouncilYears(council: unordered, today: Self.today, expander: LibicalRecurrence()).year(fiscal),
                    asOf: asOf, kinds: kinds)
                #expect(
                    meetings.allSatisfy {
                        lookedUp.council.attendance[fiscal]?.linesInBusinessOrder(of: MeetingKey($0.occurrence)) == nil
                    })
                #expect(
                    lookedUp.invitations.map(\.entry) == review.invitations.map(\.entry)
                        && lookedUp.overall == review.overall)
                #expect(lookedUp.walkIns.map { "\($0.meeting.originalDate) \($0.business.id)" } == walkIns)
                checked += expected.count
            }
        }
        #expect(checked > 500, "the bundled records have invitations to count (\(checked))")
        #expect(walked > 50, "the review walked the lines of meetings recorded in business order (\(walked))")
    }
}
