/// A meeting or slot a business may answer: what it is, when, who is asked, and until when answers are taken.
public struct ReplyItem: Hashable, Sendable {
    public var subject: ReplySubject
    public var originalDate: CalendarDate
    /// The day it takes place (a moved meeting's new day).
    public var date: CalendarDate
    public var time: TimeRange?
    public var title: String
    public var venue: String?
    public var onlineURL: String?
    /// The businesses asked: a meeting's invitees, a slot's targets.
    public var invited: [BusinessID]
    public var deadline: ReplyDeadline
    public var cancelled: Bool
    /// A meeting's `Occurrence.issue` or a slot's `RotationSlot.issue` (its UID depends on it).
    public var issue: Int = 1

    public func key(_ business: BusinessID) -> Reply.Key {
        Reply.Key(subject: subject, originalDate: originalDate, business: business)
    }

    /// The meeting this is, for the attendance record; nil for a slot.
    public var meetingKey: MeetingKey? {
        guard case .meeting(let series) = subject else { return nil }
        return MeetingKey(series: series, originalDate: originalDate)
    }
}

/// One meeting's answers as the secretariat's console shows them: who said what, the head count, who has not answered.
public struct ReplyTally: Sendable {
    public var item: ReplyItem
    /// Each business asked (still open on the day), with its answer if it gave one.
    public var lines: [(business: Business, reply: Reply?)]

    public func count(_ choice: ReplyChoice) -> Int { lines.filter { $0.reply?.choice == choice }.count }

    /// The businesses asked that have not answered (for 個別の声掛け).
    public var unanswered: [Business] { lines.filter { $0.reply == nil }.map(\.business) }
}

extension CouncilYear {
    /// Every meeting and slot of the year that `business` is asked to, in date order: meetings it is invited to and
    /// slots it is the target of.
    public func replyItems(for business: BusinessID) -> [ReplyItem] {
        allReplyItems.filter { $0.invited.contains(business) }
    }

    /// Every meeting and slot of the year that businesses may answer, in date order.
    public var allReplyItems: [ReplyItem] {
        let meetings = self.meetings.filter { year.contains($0.occurrence.originalDate) }.map { meeting in
            let series = council.series(meeting.series)
            return ReplyItem(
                subject: .meeting(meeting.series), originalDate: meeting.occurrence.originalDate, date: meeting.date,
                time: meeting.occurrence.time,
                title: meeting.announcement.title, venue: meeting.announcement.venue,
                onlineURL: meeting.announcement.onlineURL,
                invited: meeting.announcement.invited,
                deadline: ReplyDeadline(
                    date: meeting.date, time: meeting.occurrence.time, daysBefore: series?.answerDays),
                cancelled: meeting.occurrence.status == .cancelled, issue: meeting.occurrence.issue)
        }
        let slots = council.rotations.flatMap { rotation in
            assignments(of: rotation.id).filter { !$0.targets.isEmpty }.map { assignment in
                ReplyItem(
                    subject: .slot(rotation.id), originalDate: assignment.slot.originalDate, date: assignment.slot.date,
                    time: assignment.slot.time,
                    title: rotation.title, venue: rotation.venue, onlineURL: nil, invited: assignment.targets,
                    deadline: ReplyDeadline(date: assignment.slot.date, time: assignment.slot.time, daysBefore: nil),
                    cancelled: assignment.outcome.map { $0 != .held && $0 != .postponed } ?? false,
                    issue: assignment.slot.issue)
            }
        }
        return (meetings + slots).sorted {
            ($0.date, $0.time?.start ?? ClockTime(hour: 0, minute: 0), $0.subject) < (
                $1.date, $1.time?.start ?? ClockTime(hour: 0, minute: 0), $1.subject
            )
        }
    }

    /// The item answers are given to under `subject` and `originalDate`, if the year has it.
    public func replyItem(_ subject: ReplySubject, originalDate: CalendarDate) -> ReplyItem? {
        allReplyItems.first { $0.subject == subject && $0.originalDate == originalDate }
    }

    /// The answers to one item, business by business in roster order (businesses closed on its day left out).
    public func tally(_ item: ReplyItem) -> ReplyTally {
        let asked = Set(item.invited)
        let lines = council.businesses.filter { asked.contains($0.id) && $0.isOpen(on: item.date) }.map { business in
            (business: business, reply: replies.latest(item.key(business.id)))
        }
        return ReplyTally(item: item, lines: lines)
    }
}

extension CouncilYears {
    /// The meetings and slots that take place from `day` through `end`, across fiscal years, in date order.
    public func replyItems(from day: CalendarDate, through end: CalendarDate) -> [ReplyItem] {
        var fiscal = FiscalYear(containing: day)
        var found: [ReplyItem] = []
        while fiscal.firstDay <= end {
            found += year(fiscal).allReplyItems.filter { $0.date >= day && $0.date <= end }
            fiscal = fiscal.next
        }
        return found
    }

    /// The item answers name by `subject` and `originalDate`, in the fiscal year that date falls in.
    public func replyItem(_ subject: ReplySubject, originalDate: CalendarDate) -> ReplyItem? {
        year(FiscalYear(containing: originalDate)).replyItem(subject, originalDate: originalDate)
    }

    /// The answers to one item, from the record of its fiscal year.
    public func tally(_ item: ReplyItem) -> ReplyTally {
        year(FiscalYear(containing: item.originalDate)).tally(item)
    }
}
