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
    /// Every counted meeting × invited business, with what was recorded.
    public let invitations: [Invitation]
    /// 飛び入り: businesses that came to a counted meeting it was not announced to (in neither rate), in date order.
    public let walkIns: [(meeting: Occurrence, business: Business)]
    /// The answers given beforehand to the counted invitations; nil when nobody answered anything this year.
    public let priorReplies: PriorReplies?

    /// The figures of `councilYear` up to `asOf`. Invitations are those each meeting was announced with,
    /// so a meeting whose day has passed counts as it was published.
    public init(_ councilYear: CouncilYear, asOf: CalendarDate, kinds: Set<BusinessKind> = [], labels: Set<String> = []) {
        let council = councilYear.council
        let year = councilYear.year
        let attendance = councilYear.attendance
        self.council = council
        self.year = year
        self.asOf = asOf
        self.kinds = kinds
        self.labels = labels
        let scope = CouncilCore.Invitation(kinds: kinds, labels: labels)
        let everyKind = kinds.isEmpty && labels.isEmpty
        // How many lines each meeting has: a meeting with as many as its invitations found has no walk-in.
        var lines: [MeetingKey: Int] = [:]
        for key in attendance.entries.keys { lines[MeetingKey(series: key.series, originalDate: key.originalDate), default: 0] += 1 }
        // By place in the year's meetings: a meeting is not copied to be filtered.
        let all = councilYear.meetings
        let held = all.indices.filter {
            all[$0].occurrence.status != .cancelled && all[$0].date <= asOf && year.contains(all[$0].occurrence.originalDate)
        }
        let meetings = held.filter { lines[MeetingKey(all[$0].occurrence)] != nil }
        self.meetings = meetings.map { all[$0].occurrence }
        unrecorded = held.filter { lines[MeetingKey(all[$0].occurrence)] == nil }.map { all[$0].occurrence }
        let businesses = Dictionary(council.businesses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Looked up as the invitations are, business by business, rather than by sorting the whole record.
        let inScope = council.businesses.filter { everyKind || scope.invites($0) }.sorted { $0.id < $1.id }
        var invitations: [Invitation] = []
        var walkIns: [(meeting: Occurrence, business: Business)] = []
        for place in meetings {
            let meeting = all[place]
            var answered = 0
            for id in meeting.announcement.invited {
                guard let business = businesses[id], everyKind || scope.invites(business), business.isOpen(on: meeting.date) else { continue }
                let entry = attendance.entry(AttendanceEntry.Key(series: meeting.series, originalDate: meeting.occurrence.originalDate, business: id))
                if entry != nil { answered += 1 }
                invitations.append(Invitation(meeting: meeting.occurrence, business: business, entry: entry))
            }
            // Every line is an invitation's: nobody came uninvited.
            guard lines[MeetingKey(meeting.occurrence)] != answered else { continue }
            let invited = Set(meeting.announcement.invited)
            walkIns += inScope.filter { business in
                !invited.contains(business.id) && attendance.entry(AttendanceEntry.Key(series: meeting.series, originalDate: meeting.occurrence.originalDate, business: business.id))?.status.attended == true
            }.map { (meeting.occurrence, $0) }
        }
        self.invitations = invitations
        self.walkIns = walkIns
        priorReplies = PriorReplies(invitations, book: councilYear.replies)
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
                book.latest(Reply.Key(subject: .meeting(invitation.meeting.series), originalDate: invitation.meeting.originalDate, business: invitation.business.id)).map { (invitation, $0) }
            }
            self.answered = answered.count
            self.invited = invitations.count
            noShows = answered.filter { $0.1.choice.attending && !$0.0.attended }.map { (invitation: $0.0, reply: $0.1) }
        }

        /// 事前回答率: `63%`, or `—` with nothing to count.
        public var percent: String { Rate.percent(invited == 0 ? nil : Double(answered) / Double(invited)) }
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
            let status = invitation.entry?.status
            self.init(attended: invitation.attended ? 1 : 0, invited: 1, online: status == .online ? 1 : 0, excused: status == .excused ? 1 : 0, absent: status == .absent ? 1 : 0)
        }

        /// Invitations with any line in the record.
        public var replied: Int { attended + excused + absent }
        /// Invitations with no line (無回答).
        public var unanswered: Int { invited - replied }

        /// 参加率: attendances ÷ invitations; nil when nobody was invited.
        public var ratio: Double? { invited == 0 ? nil : Double(attended) / Double(invited) }

        /// `53%` (rounded), or `—`.
        public var percent: String { Self.percent(ratio) }
        /// 回答率: replies ÷ invitations.
        public var replyPercent: String { Self.percent(invited == 0 ? nil : Double(replied) / Double(invited)) }
        /// オンライン比率: online ÷ attendances.
        public var onlinePercent: String { Self.percent(attended == 0 ? nil : Double(online) / Double(attended)) }

        static func percent(_ ratio: Double?) -> String { ratio.map { "\(Int(($0 * 100).rounded()))%" } ?? "—" }

        static func + (a: Rate, b: Rate) -> Rate {
            Rate(attended: a.attended + b.attended, invited: a.invited + b.invited, online: a.online + b.online, excused: a.excused + b.excused, absent: a.absent + b.absent)
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

    private func rates<Key: Hashable>(by key: (Invitation) -> Key) -> [Key: Rate] {
        var result: [Key: Rate] = [:]
        for invitation in invitations {
            result[key(invitation), default: Rate()] += Rate(invitation)
        }
        return result
    }

    public var overall: Rate { invitations.reduce(Rate()) { $0 + Rate($1) } }

    public var reach: Rate {
        let byBusiness = self.byBusiness
        return Rate(attended: byBusiness.filter { $0.rate.attended > 0 }.count, invited: byBusiness.count)
    }

    /// Invited businesses in roster order.
    public var byBusiness: [(business: Business, rate: Rate)] {
        let rates = self.rates { $0.business.id }
        return council.businesses.compactMap { business in rates[business.id].map { (business, $0) } }
    }

    public var bySeries: [(series: MeetingSeries, rate: Rate)] {
        let rates = self.rates { $0.meeting.series }
        return council.series.compactMap { series in rates[series.id].map { (series, $0) } }
    }

    /// Months of the fiscal year in grid order, by the day the meeting took place.
    public var byMonth: [(month: YearMonth, rate: Rate)] {
        let rates = self.rates { YearMonth(year: $0.meeting.date.year, month: $0.meeting.date.month) }
        return year.months.compactMap { month in rates[month].map { (month, $0) } }
    }

    /// By kind as the council writes it (its own labels apart), built-in kinds in their order, then its own.
    public var byKind: [(kind: String, rate: Rate)] {
        let rates = self.rates { $0.business.kindName }
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
    /// never-reached first, then by how long ago.
    public func followUps(months: Int) -> [FollowUp] {
        let cutoff = asOf.adding(days: -Int((Double(months) * 30.44).rounded()))
        var last: [BusinessID: CalendarDate] = [:]
        var invited: [BusinessID: Int] = [:]
        for invitation in invitations {
            invited[invitation.business.id, default: 0] += 1
            if invitation.attended, last[invitation.business.id].map({ $0 < invitation.meeting.date }) ?? true {
                last[invitation.business.id] = invitation.meeting.date
            }
        }
        return byBusiness.map(\.business).filter { business in
            guard let date = last[business.id] else { return true }
            return date < cutoff
        }.map { business in
            FollowUp(business: business, lastAttended: last[business.id], invited: invited[business.id] ?? 0, isNew: business.isNew(in: year), isOnePerson: business.isOnePerson)
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
