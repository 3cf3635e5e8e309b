/// One business's year in a council: every meeting it was invited to and what was recorded, the supervision and
/// visit slots it is part of, and its 参加率 beside the council's.
///
/// The figures are the council review's own: the counted meetings are exactly the review's invitations of this
/// business, so its rate here is the rate the review prints for it.
public struct BusinessYear: Sendable {
    public let business: Business
    /// The council's review of the same year and day, every kind of business included.
    public let review: ParticipationReview
    /// Every meeting announced to the business while it was open, and any it came to uninvited, in date order.
    public let meetings: [MeetingLine]
    /// The rotation slots it is a target of, or whose lead belongs to it, in date order.
    public let slots: [SlotLine]

    /// One meeting of the business's year and where it stands.
    public struct MeetingLine: Hashable, Sendable {
        public var meeting: Meeting
        public var state: State
        /// The business's own line in the attendance record, if any.
        public var entry: AttendanceEntry?

        /// Whether it is one of the invitations the review counts (recorded, or 無回答 at a recorded meeting).
        public var isCounted: Bool {
            switch state {
            case .recorded, .noReply: return true
            case .unrecorded, .cancelled, .upcoming, .walkIn: return false
            }
        }
    }

    public enum State: Hashable, Sendable {
        /// The meeting is recorded and so is this business: 出席, オンライン, 欠席 or 欠席連絡あり.
        case recorded(AttendanceStatus)
        /// The meeting is recorded but this business has no line (無回答): counted, not attended.
        case noReply
        /// Held, but nobody recorded the meeting (未記録): in no figure yet.
        case unrecorded
        /// 中止.
        case cancelled
        /// Still to come (after the review's day).
        case upcoming
        /// Came to a meeting it was not announced to (飛び入り): in no rate.
        case walkIn(AttendanceStatus)
    }

    /// A rotation slot and the business's part in it.
    public struct SlotLine: Hashable, Sendable {
        public var rotation: Rotation
        public var assignment: SlotAssignment
        /// Targeted (its turn), rather than leading through one of its staff.
        public var isTarget: Bool
        /// The leads of the slot, by name.
        public var leads: [String]
    }

    /// The year of `business` as `review` counts it; nil when the council has no such business.
    public init?(_ councilYear: CouncilYear, business id: BusinessID, review: ParticipationReview) {
        guard let business = councilYear.council.business(id) else { return nil }
        self.business = business
        self.review = review
        var counted: [MeetingKey: ParticipationReview.Invitation] = [:]
        for invitation in review.invitations where invitation.business.id == id {
            counted[MeetingKey(invitation.meeting)] = invitation
        }
        let walkIns = Set(review.walkIns.filter { $0.business.id == id }.map { MeetingKey($0.meeting) })
        let attendance = councilYear.attendance
        meetings = councilYear.meetings.compactMap { meeting -> MeetingLine? in
            let key = MeetingKey(meeting.occurrence)
            let entry = attendance.entry(
                AttendanceEntry.Key(series: meeting.series, originalDate: meeting.occurrence.originalDate, business: id)
            )
            if let invitation = counted[key] {
                return MeetingLine(
                    meeting: meeting, state: invitation.entry.map { .recorded($0.status) } ?? .noReply,
                    entry: invitation.entry)
            }
            if walkIns.contains(key), let entry {
                return MeetingLine(meeting: meeting, state: .walkIn(entry.status), entry: entry)
            }
            guard meeting.announcement.invited.contains(id), business.isOpen(on: meeting.date),
                councilYear.year.contains(meeting.occurrence.originalDate)
            else { return nil }
            let state: State =
                meeting.occurrence.status == .cancelled
                ? .cancelled : meeting.date > review.asOf ? .upcoming : .unrecorded
            return MeetingLine(meeting: meeting, state: state, entry: entry)
        }
        slots = councilYear.council.rotations.flatMap { rotation in
            councilYear.assignments(of: rotation.id).filter { rotation.involves(id, in: $0) }.map { assignment in
                SlotLine(
                    rotation: rotation, assignment: assignment, isTarget: assignment.targets.contains(id),
                    leads: assignment.leads.compactMap { rotation.lead($0)?.name })
            }
        }.sorted {
            ($0.assignment.slot.date, $0.rotation.id.rawValue) < ($1.assignment.slot.date, $1.rotation.id.rawValue)
        }
    }

    /// Its 参加率 and counts: the review's figure for it.
    public var rate: ParticipationReview.Rate {
        review.invitations.filter { $0.business.id == business.id }.reduce(ParticipationReview.Rate()) {
            $0 + ParticipationReview.Rate($1)
        }
    }

    /// The council's 参加率 over every business.
    public var councilRate: ParticipationReview.Rate { review.overall }

    /// The 参加率 of the businesses of its kind.
    public var kindRate: ParticipationReview.Rate? {
        review.byKind.first { $0.kind == business.kindName }?.rate
    }

    /// Meetings after the review's day, not cancelled.
    public var upcoming: [MeetingLine] { meetings.filter { $0.state == .upcoming } }
}
