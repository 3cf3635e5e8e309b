/// Participation figures of one fiscal year, computed from the attendance record.
///
/// Definitions (docs/review.md states each numerator and denominator):
/// - a **held meeting** was not cancelled and took place on or before `asOf`; it **counts** when it also has at
///   least one attendance line. A held meeting with no line at all is **未記録** (records missing): listed in
///   `unrecorded`, in no figure — a meeting nobody recorded says nothing about who came;
/// - an **invitation** is a counted meeting × a business it was announced to (of the kinds reviewed) that was
///   open that day (from `opened_on`, before `closed_on`);
/// - an **attendance** is an invitation whose business was 出席 or オンライン; a **reply** one with any line
///   (出席, オンライン, 欠席, 欠席連絡あり); an invitation with no line is 無回答;
/// - **参加率** is attendances ÷ invitations, **回答率** replies ÷ invitations, **オンライン比率** online ÷
///   attendances — per business, per series, per month, per kind, or for the whole council and year; **到達率**
///   is businesses with at least one attendance ÷ businesses invited at least once. Cancelled meetings never
///   enter a denominator, and a business that came uninvited (飛び入り) counts in none.
public struct ParticipationReview: Sendable {
    public let council: Council
    public let year: FiscalYear
    public let asOf: CalendarDate
    /// Only these kinds of business (e.g. 指定特定, as 泉区 reports), built-in or the council's own labels;
    /// all kinds when both are empty.
    public let kinds: Set<BusinessKind>
    public let labels: Set<String>
    /// The meetings that count, in date order.
    public let meetings: [Occurrence]
    /// Held meetings with no attendance line (未記録), in date order: in no figure until they are recorded.
    public let unrecorded: [Occurrence]
    /// Every counted meeting × invited business, by place in `meetings` and in the roster, with what was recorded.
    private let counted: [Counted]
    /// The figures by place in `meetings` and in the roster, and the last counted meeting each business came to.
    private let byMeetingPlace: [Rate]
    private let byRosterPlace: [Rate]
    private let lastAttended: [CalendarDate?]
    /// For each roster place, the place its business's figures are kept at: the first place of its id.
    private let figuresPlace: [Int]
    /// 飛び入り: businesses that came to a counted meeting it was not announced to (in neither rate), in date order.
    public var walkIns: [(meeting: Occurrence, business: Business)] {
        walkInPlaces.map { (meetings[$0.meeting], council.businesses[$0.business]) }
    }
    /// The walk-ins by place in `meetings` and in the roster.
    private let walkInPlaces: [(meeting: Int, business: Int)]
    /// The answers given beforehand to the counted invitations; nil when nobody answered anything this year.
    public let priorReplies: PriorReplies?

    /// The figures of `councilYear` up to `asOf`. Invitations are those each meeting was announced with,
    /// so a meeting whose day has passed counts as it was published.
    public init(_ councilYear: CouncilYear, asOf: CalendarDate, kinds: Set<BusinessKind> = [], labels: Set<String> = [])
    {
        let council = councilYear.council
        let year = councilYear.year
        let attendance = councilYear.attendance
        self.council = council
        self.year = year
        self.asOf = asOf
        self.kinds = kinds
        self.labels = labels
        // By place in the year's meetings: a meeting is not copied to be filtered.
        let all = councilYear.meetings
        let held = all.indices.filter {
            all[$0].occurrence.status != .cancelled && all[$0].date <= asOf
                && year.contains(all[$0].occurrence.originalDate)
        }
        let recorded = held.map { attendance.lineCount(of: MeetingKey(all[$0].occurrence)) > 0 }
        let meetings = zip(held, recorded).filter(\.1).map(\.0)
        let occurrences = meetings.map { all[$0].occurrence }
        self.meetings = occurrences
        unrecorded = zip(held, recorded).filter { !$0.1 }.map { all[$0.0].occurrence }
        let tally = Tally(
            meetings.map { all[$0] }, of: year, council: council, attendance: attendance, scope: (kinds, labels))
        counted = tally.counted
        walkInPlaces = tally.walkIns
        byMeetingPlace = tally.byMeeting
        byRosterPlace = tally.byBusiness
        lastAttended = tally.lastAttended
        figuresPlace = tally.figuresPlace
        // Without answers there is nothing to compare, and the invitations are not made to find that out.
        let replies = councilYear.replies
        priorReplies =
            replies.isEmpty
            ? nil
            : PriorReplies(
                Self.invitations(tally.counted, meetings: occurrences, roster: council.businesses, book: attendance),
                book: replies)
    }

    /// One invitation, small: the meeting's place in `meetings`, the business's in the roster, the answer recorded.
    private struct Counted: Sendable {
        var meeting: Int
        var business: Int
        var status: AttendanceStatus?
    }

    /// The invitations of the counted meetings and their figures, in one pass over the meetings' invitees.
    private struct Tally {
        var counted: [Counted] = []
        var walkIns: [(meeting: Int, business: Int)] = []
        var byMeeting: [Rate]
        var byBusiness: [Rate]
        var lastAttended: [CalendarDate?]
        let figuresPlace: [Int]
        private let year: FiscalYear
        private let roster: [Business]
        /// A business by id: its first place in the roster.
        private let places: RosterIndex
        /// Each roster place once: whether it is of the kinds reviewed, and whether it is open every day of the
        /// year (else asked for each meeting's day; a meeting moved out of the year is asked for too).
        private let reviewed: [Bool]
        private let always: [Bool]
        /// A series' meetings share one list of invitees (unless a business opens or closes within the year):
        /// its roster places are looked up once.
        private var last: Invitees
        /// The businesses of the kinds reviewed by id, at the place their figures are kept, for walk-ins in a
        /// book whose lines are looked up one by one (worked out for the first such meeting).
        private var scopedOnce: [(roster: Int, figures: Int)]?

        init(
            _ meetings: [Meeting], of year: FiscalYear, council: Council, attendance: AttendanceBook,
            scope: (kinds: Set<BusinessKind>, labels: Set<String>)
        ) {
            let invitation = CouncilCore.Invitation(kinds: scope.kinds, labels: scope.labels)
            let everyKind = scope.kinds.isEmpty && scope.labels.isEmpty
            let roster = council.businesses
            let places = RosterIndex(roster)
            self.year = year
            self.roster = roster
            self.places = places
            figuresPlace = roster.indices.map { places.place(of: roster[$0].id) ?? $0 }
            reviewed = roster.map { everyKind || invitation.invites($0) }
            always = roster.map { $0.isOpen(throughout: year) }
            last = Invitees(invited: [], places: places)
            byMeeting = Array(repeating: Rate(), count: meetings.count)
            byBusiness = Array(repeating: Rate(), count: roster.count)
            lastAttended = Array(repeating: nil, count: roster.count)
            counted.reserveCapacity(meetings.reduce(0) { $0 + $1.announcement.invited.count })
            for (place, meeting) in meetings.enumerated() { count(meeting, at: place, attendance: attendance) }
        }

        /// A meeting's invitations, its figures and those of its invitees, and the walk-ins.
        private mutating func count(_ meeting: Meeting, at place: Int, attendance: AttendanceBook) {
            let invited = meeting.announcement.invited
            if invited != last.invited { last = Invitees(invited: invited, places: places) }
            let key = MeetingKey(meeting.occurrence)
            let date = meeting.date
            let inYear = year.contains(date)
            let lines = attendance.linesInBusinessOrder(of: key)
            let found: (statuses: [AttendanceStatus?], uninvited: [Int])
            if let lines {
                found = last.statuses(lines)
            } else {
                found = (
                    invited.map {
                        attendance.entry(
                            AttendanceEntry.Key(series: meeting.series, originalDate: key.originalDate, business: $0))?
                            .status
                    }, []
                )
            }
            var meetingRate = Rate()
            for (index, business) in last.places.enumerated() {
                let status = found.statuses[index]
                guard let business, reviewed[business], always[business] && inYear || roster[business].isOpen(on: date)
                else { continue }
                counted.append(Counted(meeting: place, business: business, status: status))
                let rate = Rate(status: status)
                meetingRate += rate
                byBusiness[business] += rate
                if status?.attended == true, lastAttended[business].map({ $0 < date }) ?? true {
                    lastAttended[business] = date
                }
            }
            byMeeting[place] = meetingRate
            if let lines {
                // The lines no invitee has, in business order: those of the kinds reviewed who came.
                for line in found.uninvited where lines[line].status.attended {
                    if let business = places.place(of: lines[line].business), reviewed[business] {
                        walkIns.append((place, business))
                    }
                }
            } else if attendance.lineCount(of: key) != found.statuses.count(where: { $0 != nil }) {
                // Some line is not an invitee's: someone came uninvited.
                let invitees = Set(last.places.compactMap { $0 })
                walkIns += scoped().filter { business, figures in
                    !invitees.contains(figures)
                        && attendance.entry(
                            AttendanceEntry.Key(
                                series: meeting.series, originalDate: key.originalDate, business: roster[business].id))?
                            .status.attended == true
                }.map { (place, $0.roster) }
            }
        }

        private mutating func scoped() -> [(roster: Int, figures: Int)] {
            if let scopedOnce { return scopedOnce }
            let found = roster.indices.filter { reviewed[$0] }.sorted { roster[$0].id < roster[$1].id }.map {
                ($0, figuresPlace[$0])
            }
            scopedOnce = found
            return found
        }
    }

    /// The roster's ids in order, each with its first place: a business is found by a binary search, no id hashed.
    private struct RosterIndex {
        private let sorted: [(id: BusinessID, place: Int)]

        init(_ roster: [Business]) {
            // The first place of an id comes first among its places.
            sorted = roster.indices.map { (roster[$0].id, $0) }.sorted { ($0.id, $0.place) < ($1.id, $1.place) }
        }

        func place(of id: BusinessID) -> Int? {
            let found = sorted.binarySearchFirst(notBefore: { $0.id < id })
            return found < sorted.count && sorted[found].id == id ? sorted[found].place : nil
        }
    }

    /// A meeting's invitees with their roster places, and their order by id, worked out once for the meetings
    /// announced alike.
    private struct Invitees {
        let invited: [BusinessID]
        let places: [Int?]
        /// Places in `invited`, by id.
        let byID: [Int]

        init(invited: [BusinessID], places: RosterIndex) {
            self.invited = invited
            self.places = invited.map(places.place)
            byID = invited.indices.sorted { invited[$0] < invited[$1] }
        }

        /// What each invitee has recorded, from a meeting's lines in business order walked beside the
        /// invitees by id, and where the lines of no invitee are (in business order).
        func statuses(_ lines: ArraySlice<AttendanceEntry>) -> (statuses: [AttendanceStatus?], uninvited: [Int]) {
            var statuses = [AttendanceStatus?](repeating: nil, count: invited.count)
            var uninvited: [Int] = []
            var line = lines.startIndex
            var previous: Int?
            for index in byID {
                let id = invited[index]
                // An id listed twice has what its first has.
                if let previous, invited[previous] == id {
                    statuses[index] = statuses[previous]
                    continue
                }
                previous = index
                while line < lines.endIndex, lines[line].business < id {
                    uninvited.append(line)
                    line += 1
                }
                if line < lines.endIndex, lines[line].business == id {
                    statuses[index] = lines[line].status
                    line += 1
                }
            }
            uninvited += line..<lines.endIndex
            return (statuses, uninvited)
        }
    }

    /// Every counted meeting × invited business, with what was recorded, in meeting order and each meeting's
    /// invitees in the order it was announced to them.
    public var invitations: [Invitation] {
        Self.invitations(
            counted, meetings: meetings, roster: council.businesses, book: council.attendance[year] ?? AttendanceBook())
    }

    private static func invitations(
        _ counted: [Counted], meetings: [Occurrence], roster: [Business], book: AttendanceBook
    ) -> [Invitation] {
        counted.map { item in
            let meeting = meetings[item.meeting]
            let business = roster[item.business]
            let entry =
                item.status == nil
                ? nil
                : book.entry(
                    AttendanceEntry.Key(
                        series: meeting.series, originalDate: meeting.originalDate, business: business.id))
            return Invitation(meeting: meeting, business: business, entry: entry)
        }
    }

    /// How the answers given beforehand (on the business's page) compare with what was recorded.
    public struct PriorReplies: Sendable {
        /// Counted invitations with an answer, over all counted invitations.
        public var answered: Int
        public var invited: Int
        /// Said 出席 or オンライン, and was recorded absent (欠席, 欠席連絡あり or 無回答).
        public var noShows: [(invitation: Invitation, reply: Reply)]

        init?(_ invitations: [Invitation], book: ReplyBook) {
            guard !book.isEmpty else { return nil }
            let answered = invitations.compactMap { invitation -> (Invitation, Reply)? in
                book.latest(
                    Reply.Key(
                        subject: .meeting(invitation.meeting.series), originalDate: invitation.meeting.originalDate,
                        business: invitation.business.id)
                ).map { (invitation, $0) }
            }
            self.answered = answered.count
            self.invited = invitations.count
            noShows = answered.filter { $0.1.choice.attending && !$0.0.attended }.map {
                (invitation: $0.0, reply: $0.1)
            }
        }

        /// 事前回答率: answered ÷ invited; nil with nothing to count.
        public var ratio: Double? { Rate.ratio(answered, invited) }
    }

    /// What was recorded for a set of invitations: attendances (and of them online), replies, invitations.
    public struct Rate: Hashable, Sendable {
        /// 出席 or オンライン.
        public var attended: Int
        public var invited: Int
        /// オンライン, counted in `attended` too.
        public var online: Int
        /// 欠席連絡あり.
        public var excused: Int
        /// 欠席 recorded.
        public var absent: Int

        public init(attended: Int = 0, invited: Int = 0, online: Int = 0, excused: Int = 0, absent: Int = 0) {
            self.attended = attended
            self.invited = invited
            self.online = online
            self.excused = excused
            self.absent = absent
        }

        init(_ invitation: Invitation) {
            self.init(status: invitation.entry?.status)
        }

        /// One invitation with `status` recorded (nil: 無回答).
        init(status: AttendanceStatus?) {
            self.init(
                attended: status?.attended == true ? 1 : 0, invited: 1, online: status == .online ? 1 : 0,
                excused: status == .excused ? 1 : 0, absent: status == .absent ? 1 : 0)
        }

        /// Invitations with any line in the record.
        public var replied: Int { attended + excused + absent }
        /// Invitations with no line (無回答).
        public var unanswered: Int { invited - replied }

        /// 参加率: attendances ÷ invitations; nil when nobody was invited.
        public var ratio: Double? { Self.ratio(attended, invited) }
        /// 回答率: replies ÷ invitations; nil when nobody was invited.
        public var replyRatio: Double? { Self.ratio(replied, invited) }
        /// オンライン比率: online ÷ attendances; nil when nobody came.
        public var onlineRatio: Double? { Self.ratio(online, attended) }

        /// `part` ÷ `whole`, or nil when `whole` is 0 (every rate of the review is one; CouncilRendering shows them).
        static func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

        static func + (a: Rate, b: Rate) -> Rate {
            Rate(
                attended: a.attended + b.attended, invited: a.invited + b.invited, online: a.online + b.online,
                excused: a.excused + b.excused, absent: a.absent + b.absent)
        }

        static func += (a: inout Rate, b: Rate) { a = a + b }
    }

    /// One invitation: a counted meeting and an invited business, and whether it came.
    public struct Invitation: Hashable, Sendable {
        public var meeting: Occurrence
        public var business: Business
        public var entry: AttendanceEntry?
        public var attended: Bool { entry?.status.attended ?? false }
    }

    /// The counted meetings' figures summed by `key` of each meeting.
    private func rates<Key: Hashable>(byMeeting key: (Occurrence) -> Key) -> [Key: Rate] {
        var result: [Key: Rate] = [:]
        for (place, rate) in byMeetingPlace.enumerated() where rate.invited > 0 {
            result[key(meetings[place]), default: Rate()] += rate
        }
        return result
    }

    public var overall: Rate { byMeetingPlace.reduce(Rate(), +) }

    public var reach: Rate {
        let byBusiness = self.byBusiness
        return Rate(attended: byBusiness.filter { $0.rate.attended > 0 }.count, invited: byBusiness.count)
    }

    /// Invited businesses in roster order.
    public var byBusiness: [(business: Business, rate: Rate)] {
        invitedPlaces.map { (council.businesses[$0.place], byRosterPlace[$0.figures]) }
    }

    /// Each roster place whose business was invited at least once, and the place its figures are kept at (the
    /// first place of its id, should the roster list it twice).
    private var invitedPlaces: [(place: Int, figures: Int)] {
        figuresPlace.enumerated().compactMap { place, figures in
            byRosterPlace[figures].invited > 0 ? (place, figures) : nil
        }
    }

    public var bySeries: [(series: MeetingSeries, rate: Rate)] {
        let rates = self.rates { $0.series }
        return council.series.compactMap { series in rates[series.id].map { (series, $0) } }
    }

    /// Months of the fiscal year in grid order, by the day the meeting took place.
    public var byMonth: [(month: YearMonth, rate: Rate)] {
        let rates = self.rates { YearMonth(year: $0.date.year, month: $0.date.month) }
        return year.months.compactMap { month in rates[month].map { (month, $0) } }
    }

    /// By kind as the council writes it (its own labels apart), built-in kinds in their order, then its own.
    public var byKind: [(kind: String, rate: Rate)] {
        var rates: [String: Rate] = [:]
        for (business, rate) in zip(council.businesses, byRosterPlace) where rate.invited > 0 {
            rates[business.kindName, default: Rate()] += rate
        }
        let names = BusinessKind.allCases.map(\.rawValue) + council.businessKinds.keys.sorted()
        return names.compactMap { name in rates[name].map { (name, $0) } }
    }

    /// A business the secretariat should call (声掛け), and why.
    public struct FollowUp: Hashable, Sendable {
        public var business: Business
        /// The last meeting it came to this year, if any.
        public var lastAttended: CalendarDate?
        public var invited: Int
        public var isNew: Bool
        public var isOnePerson: Bool
    }

    /// Invited businesses that never came this year, or not within the last `months` months before `asOf`;
    /// never-reached first, then by how long ago. A business that has closed by `asOf` is nobody to call.
    public func followUps(months: Int) -> [FollowUp] {
        let cutoff = asOf.adding(days: -Int((Double(months) * 30.44).rounded()))
        return invitedPlaces.filter { places in
            guard !council.businesses[places.place].hasClosed(by: asOf) else { return false }
            guard let date = lastAttended[places.figures] else { return true }
            return date < cutoff
        }.map { places in
            let business = council.businesses[places.place]
            return FollowUp(
                business: business, lastAttended: lastAttended[places.figures],
                invited: byRosterPlace[places.figures].invited, isNew: business.isNew(in: year),
                isOnePerson: business.isOnePerson)
        }.sorted { a, b in
            switch (a.lastAttended, b.lastAttended) {
            case (nil, nil): return a.business.id < b.business.id
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x != y ? x < y : a.business.id < b.business.id
            }
        }
    }
}
