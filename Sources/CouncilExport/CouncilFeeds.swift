import CouncilCore
import ICalendar

/// Maps a council's meetings, as announced, onto iCalendar feeds: one for the whole council and one for each
/// business, holding exactly what that business is invited to.
///
/// Layout under the output folder:
///
/// ```
/// <council-id>/council.ics                   everything, for the public and the secretariat
/// <council-id>/businesses/<business-id>.ics  one business's invitations
/// ```
///
/// A meeting's event is made from its announcement alone, so a past meeting's event is what was published.
/// The feeds built here carry no SEQUENCE or DTSTAMP: `FeedReconciler` gives them those from the previous
/// export.
public struct CouncilFeeds: Sendable {
    public var council: Council
    /// The meetings of every year exported, as `CouncilYear` gives them.
    public var meetings: [Meeting]
    /// UIDs already published (the previous export's council-wide feed): an event published as
    /// `…@council` before the council had a `uid_domain` keeps that UID, so no subscriber sees it twice.
    public var publishedUIDs: Set<String>
    /// The councils above this one (仙台市 above a ward): their meetings go into the feeds of the businesses
    /// they invite, under their own UIDs.
    public var above: [SharedFeed] = []
    /// Businesses of the roster whose one feed is at another council (listed there too, and at home there).
    public var elsewhere: Set<BusinessID> = []
    /// The rotation records whose slots are published, as they stand: `CouncilYear.rotationRecords` for each year
    /// exported, so that a slot follows its moved meeting.
    public var rotationRecords: [RotationRecord]

    /// How often subscribers should refresh.
    public static let refreshInterval = DurationValue.hours(12)
    public static let productID = "-//council//council 0.1//JA"

    /// The feeds of `years` (each year's meetings and rotation records as it gives them; a record of another
    /// year as it was written).
    public init(council: Council, years: [CouncilYear], publishedUIDs: Set<String> = []) {
        let dated = Set(years.map(\.year))
        let records = years.flatMap(\.rotationRecords) + council.rotationRecords.filter { !dated.contains($0.year) }
        self.init(
            council: council, meetings: years.flatMap(\.meetings), rotationRecords: records,
            publishedUIDs: publishedUIDs)
    }

    public init(
        council: Council, meetings: [Meeting], rotationRecords: [RotationRecord]? = nil, publishedUIDs: Set<String> = []
    ) {
        self.council = council
        self.meetings = meetings
        self.rotationRecords = rotationRecords ?? council.rotationRecords
        self.publishedUIDs = publishedUIDs
    }

    /// The UID of the thing named `name` (council, series or rotation, and date): `name@uid_domain`, unless it
    /// was published as `name@council` before the council had a domain.
    private func uid(_ name: String) -> String {
        let legacy = "\(name)@council"
        guard let domain = council.uidDomain, !publishedUIDs.contains(legacy) else { return legacy }
        return "\(name)@\(domain)"
    }

    /// The council-wide feed and every business feed, by path relative to the output folder; the council-wide
    /// feed comes first.
    ///
    /// A meeting is in the feed of each business it was announced to (for a meeting whose day has passed,
    /// those invited when it was published), under one UID with the same content everywhere. Rotation slots
    /// (supervision, visits) name their target businesses and leads only in the feeds of those involved: the
    /// targets, the leads' businesses, and the ward-office section of each 区職員 lead. The council-wide feed
    /// shows the slot without names under the slot's UID; each business involved gets its own copy under its
    /// own UID (`readerUID`), so no UID has two versions and a business taken off the slot can be told why.
    public func feeds() -> [Feed] {
        let slots = rotationRecords.flatMap { record in
            record.assignments.map { (rotation: record.rotation, assignment: $0) }
        }
        // Each meeting's event is made once and shared by every feed it appears in.
        let meetingEvents = meetings.map(event(for:))
        let namedSlots = slots.map { event(for: $0.assignment, of: $0.rotation, naming: true) }
        func copy(_ index: Int, for business: BusinessID) -> VEvent? {
            guard var event = namedSlots[index] else { return nil }
            event.uid = readerUID(slotName(slots[index].rotation, slots[index].assignment), business)
            return event
        }
        // A joint meeting this council co-hosts is in its council-wide feed too, as its council above publishes it.
        let hosted = above.flatMap { city in (city.hosted[council.id] ?? []).compactMap { city.events[$0] } }
        var publicEvents =
            meetingEvents + slots.compactMap { event(for: $0.assignment, of: $0.rotation, naming: false) }
        if !hosted.isEmpty { publicEvents = (publicEvents + hosted).sorted { ($0.start, $0.uid) < ($1.start, $1.uid) } }
        var feeds = [
            Feed(
                path: "\(council.id)/council.ics",
                calendar: calendar(
                    name: council.name,
                    description: "\(council.name)の会議日程(連絡会・ケースレビュー・研修会など)。",
                    events: publicEvents
                ))
        ]
        var invited: [BusinessID: [Int]] = [:]
        for (index, meeting) in meetings.enumerated() {
            for business in meeting.announcement.invited { invited[business, default: []].append(index) }
        }
        // A member council's business has its one feed at its own council, which holds this council's meetings too.
        for business in council.businesses where business.home == nil && !elsewhere.contains(business.id) {
            let involved = slots.indices.filter { involves(business, in: slots[$0].assignment, of: slots[$0].rotation) }
                .compactMap { copy($0, for: business.id) }
            var events = (invited[business.id] ?? []).map { meetingEvents[$0] } + involved
            let fromAbove = above.flatMap { $0.events(for: business.id) }
            if !fromAbove.isEmpty {
                events = (events + fromAbove).sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
            }
            feeds.append(
                Feed(
                    path: "\(council.id)/businesses/\(business.id).ics",
                    calendar: calendar(
                        name: "\(council.shortName)自立支援協議会(\(business.name))",
                        // Its council and the councils above, and another ward whose meetings it has here.
                        description:
                            "\(business.name)が案内されている\(([council.name] + above.filter { !$0.members.isEmpty || !$0.events(for: business.id).isEmpty }.map(\.name)).joined(separator: "・"))の会議日程。",
                        events: events
                    )))
        }
        return feeds
    }

    /// What this council gives its members' feeds: its reconciled council-wide events, and for each business
    /// the UIDs of the meetings announced to it (`feeds[0]` is the fresh council-wide feed, `reconciled` the same
    /// after reconciliation).
    public func shared(fresh: Feed, reconciled: Feed) -> SharedFeed {
        let uids = meetings.map { uid(for: $0.occurrence) }
        var invitations: [BusinessID: [String]] = [:]
        var hosted: [String: [String]] = [:]
        for (index, meeting) in meetings.enumerated() {
            for business in meeting.announcement.invited { invitations[business, default: []].append(uids[index]) }
            for host in council.series(meeting.series)?.hosts ?? [] { hosted[host, default: []].append(uids[index]) }
        }
        return SharedFeed(
            council: council.id, name: council.name, members: council.members,
            events: Dictionary(
                reconciled.calendar.events.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first }),
            planned: Set(fresh.calendar.events.map(\.uid)), invitations: invitations, hosted: hosted,
            homes: Dictionary(
                uniqueKeysWithValues: council.businesses.compactMap { business in
                    business.home.flatMap { business.alsoIn.isEmpty ? nil : (business.id, ($0, business.alsoIn)) }
                }))
    }

    private func involves(_ business: Business, in assignment: SlotAssignment, of rotationID: RotationID) -> Bool {
        council.rotation(rotationID)?.involves(business.id, in: assignment) ?? false
    }

    /// A rotation slot; `naming` puts the targets and leads in, for the feeds of those involved.
    private func event(for assignment: SlotAssignment, of rotationID: RotationID, naming: Bool) -> VEvent? {
        guard let rotation = council.rotation(rotationID) else { return nil }
        let slot = assignment.slot
        let (start, end) = span(slot.date, slot.time)
        let targets = assignment.targets.map { council.business($0)?.name ?? $0.rawValue }
        var lines: [String] = []
        if naming {
            lines.append("対象: \(targets.joined(separator: "、"))")
            let leads = assignment.leads.compactMap { rotation.lead($0)?.name }
            if !leads.isEmpty { lines.append("担当: \(leads.joined(separator: "・"))") }
        } else {
            lines.append("対象事業所と担当者は、関係する事業所の配信にのみ表示されます。")
        }
        // A visit takes place at the business: its address, but only where the business is named.
        let addresses =
            rotation.kind == .visit && naming ? assignment.targets.compactMap { council.business($0)?.address } : []
        let location = addresses.isEmpty ? rotation.venue : addresses.joined(separator: " / ")
        if let location { lines.append("\(addresses.isEmpty ? "会場" : "訪問先"): \(location)") }
        if let outcome = assignment.outcome, outcome != .held {
            // The note may name the business: only where the business is named.
            lines.insert("【\(outcome.rawValue)】" + (naming ? assignment.note.map { " \($0)" } ?? "" : ""), at: 0)
        }
        if let secretariat = council.secretariat {
            lines.append("")
            lines.append(secretariat.contactLine)
        }
        let event = VEvent(
            uid: uid(slotName(rotationID, assignment)),
            timestamp: FeedReconciler.placeholderTimestamp,
            start: start,
            end: end,
            summary: naming ? "\(rotation.title)(\(targets.joined(separator: "、")))" : rotation.title,
            location: location,
            description: lines.joined(separator: "\n"),
            categories: [rotation.kind.rawValue],
            status: .confirmed
        )
        guard let outcome = assignment.outcome, outcome.isCancelled else { return event }
        return event.markedCancelled(outcome.rawValue)
    }

    /// A meeting's or slot's name in UIDs: council, series or rotation, and the date its rule gave it.
    private func name(_ id: some CustomStringConvertible, _ originalDate: CalendarDate) -> String {
        "\(council.id)-\(id)-\(compact(originalDate))"
    }

    private func slotName(_ rotation: RotationID, _ assignment: SlotAssignment) -> String {
        issued(name(rotation, assignment.slot.originalDate), assignment.slot.issue)
    }

    /// `name`, and `-2`, `-3` … for a later issue (`Occurrence.issue`, `RotationSlot.issue`).
    private func issued(_ name: String, _ issue: Int) -> String {
        issue > 1 ? "\(name)-\(issue)" : name
    }

    /// The name of one business's copy of a slot: the slot's name and a tag made from the business id (the
    /// first 48 bits of its FNV-1a hash, in hex), so that no UID names a business.
    private func readerName(_ slotName: String, _ business: BusinessID) -> String {
        "\(slotName)-\(Self.readerTag(business))"
    }

    private func readerUID(_ slotName: String, _ business: BusinessID) -> String {
        uid(readerName(slotName, business))
    }

    static func readerTag(_ business: BusinessID) -> String {
        var hash = FNV1a()
        hash.mix(business.rawValue.utf8)
        let hex = String(hash.value >> 16, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }

    /// How a business's copy of a slot that is no longer in its feed is written: cancelled, and, when the slot
    /// itself is still planned, with a SUMMARY that says the business was taken off it, so that it never reads
    /// as the meeting itself being called off.
    public func withdrawn(_ event: VEvent) -> VEvent {
        guard let rotation = plannedRotation(ofReaderUID: event.uid) else { return event.markedCancelled() }
        var cancelled = event
        cancelled.status = .cancelled
        cancelled.alarms = []
        cancelled.summary = "\(rotation.title)(担当変更のため取消)"
        var lines = ["担当の変更により、この事業所の予定ではなくなりました。"]
        if let secretariat = council.secretariat {
            lines += ["", secretariat.contactLine]
        }
        cancelled.description = lines.joined(separator: "\n")
        return cancelled
    }

    /// The rotation of the slot, still in the record, of which `uid` names a business's copy.
    private func plannedRotation(ofReaderUID uid: String) -> Rotation? {
        guard let at = uid.lastIndex(of: "@") else { return nil }
        let name = uid[..<at]
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let slotName = name[..<dash]
        for record in rotationRecords {
            let prefix = "\(council.id)-\(record.rotation)-"
            guard slotName.hasPrefix(prefix), let rotation = council.rotation(record.rotation) else { continue }
            let date = slotName.dropFirst(prefix.count)
            if record.assignments.contains(where: { issued(compact($0.slot.originalDate), $0.slot.issue) == date }) {
                return rotation
            }
        }
        return nil
    }

    /// DTSTART and DTEND: zoned times, or an all-day event when there is no time.
    private func span(_ date: CalendarDate, _ time: TimeRange?) -> (DateTimeValue, DateTimeValue) {
        guard let time else { return (.date(date), .date(date.adding(days: 1))) }
        return (
            .dateTime(date, time.start, .zone(council.timeZone)), .dateTime(date, time.end, .zone(council.timeZone))
        )
    }

    /// The stable identity of an occurrence: council, series and the date its rule gave it, at the council's domain.
    ///
    /// A series that moved here (`formerly:`) keeps the UIDs of the council it came from.
    /// A meeting given again under the identity of one withdrawn (`Occurrence.issue` 2 or more) has `-2`, `-3` … after
    /// the date.
    public func uid(for occurrence: Occurrence) -> String {
        formerUID(occurrence.series, occurrence.originalDate, issue: occurrence.issue)
            ?? uid(meetingName(occurrence.series, occurrence.originalDate, issue: occurrence.issue))
    }

    /// A meeting's name in UIDs: `name`, and its issue when it is not the first.
    private func meetingName(_ series: SeriesID, _ originalDate: CalendarDate, issue: Int) -> String {
        issued(name(series, originalDate), issue)
    }

    /// The UID, in the council it came from, of a meeting of a series that moved here (`formerly:`).
    private func formerUID(_ series: SeriesID, _ originalDate: CalendarDate, issue: Int) -> String? {
        guard let origin = council.series(series)?.formerly,
            let domain = council.memberCouncils[origin.council]?.uidDomain
        else { return nil }
        return "\(issued("\(origin.council)-\(origin.series)-\(compact(originalDate))", issue))@\(domain)"
    }

    /// The UIDs under which what `business` answers on its page (`item`, a meeting it is invited to or a slot it is
    /// the target of) can stand in its feed: at the council's domain, or as published before the council had one.
    public func uids(answering item: ReplyItem, by business: BusinessID) -> [String] {
        let written: String
        switch item.subject {
        case .meeting(let series):
            if let former = formerUID(series, item.originalDate, issue: item.issue) { return [former] }
            written = meetingName(series, item.originalDate, issue: item.issue)
        case .slot(let rotation):
            written = readerName(issued(name(rotation, item.originalDate), item.issue), business)
        }
        return ["\(written)@council"] + (council.uidDomain.map { ["\(written)@\($0)"] } ?? [])
    }

    private func calendar(name: String, description: String, events: [VEvent]) -> VCalendar {
        VCalendar(
            productID: Self.productID,
            method: "PUBLISH",
            name: name,
            calendarDescription: description,
            timeZoneHint: council.timeZone,
            refreshInterval: Self.refreshInterval,
            timeZones: council.timeZone == VTimeZone.asiaTokyo.id ? [.asiaTokyo] : [],
            events: Self.inOrder(events)
        )
    }

    /// By start, then UID; most feeds are in order already, and events are large to move.
    static func inOrder(_ events: [VEvent]) -> [VEvent] {
        func before(_ a: VEvent, _ b: VEvent) -> Bool { (a.start, a.uid) < (b.start, b.uid) }
        let sorted = events.indices.dropFirst().allSatisfy { !before(events[$0], events[$0 - 1]) }
        return sorted ? events : events.sorted(by: before)
    }

    /// A meeting as announced: what subscribers read is the announcement, so a past meeting keeps its bytes.
    private func event(for meeting: Meeting) -> VEvent {
        let occurrence = meeting.occurrence
        let announcement = meeting.announcement
        let (start, end) = span(occurrence.date, occurrence.time)
        let event = VEvent(
            uid: uid(for: occurrence),
            timestamp: FeedReconciler.placeholderTimestamp,
            start: start,
            end: end,
            summary: announcement.title,
            location: announcement.venue ?? announcement.onlineURL,
            description: announcement.notice,
            url: announcement.onlineURL,
            categories: [announcement.kind.rawValue],
            status: .confirmed,
            alarms: announcement.remindMinutes.map { minutes in
                [
                    VAlarm(
                        minutesBefore: minutes,
                        description:
                            "\(announcement.title) \(occurrence.date.shortJapaneseDescription)\(occurrence.time.map { " \($0.start)から" } ?? "")(\(Self.reminderText(minutes)))"
                    )
                ]
            } ?? []
        )
        return occurrence.status == .cancelled ? event.markedCancelled() : event
    }

    /// `1日前`, `2時間前`, `30分前`.
    static func reminderText(_ minutes: Int) -> String {
        if minutes % (24 * 60) == 0, minutes > 0 { return "\(minutes / (24 * 60))日前のお知らせ" }
        if minutes % 60 == 0, minutes > 0 { return "\(minutes / 60)時間前のお知らせ" }
        return "\(minutes)分前のお知らせ"
    }

    private func compact(_ date: CalendarDate) -> String {
        date.basicDescription
    }
}

/// One feed file: where it goes under the output folder, and what it holds.
public struct Feed: Hashable, Sendable {
    public var path: String
    public var calendar: VCalendar

    public init(path: String, calendar: VCalendar) {
        self.path = path
        self.calendar = calendar
    }
}
