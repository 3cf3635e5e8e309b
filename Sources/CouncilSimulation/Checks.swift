import CivilCalendar
import CouncilCore
import CouncilExport
import CouncilFiles
import CouncilRendering
import ExportJob
import Foundation
import ICalendar

/// A meeting's identity in every feed: its series and the day its rule gave it when it was first published, and
/// which meeting of that day it is when an earlier one was withdrawn and its day passed (the UID is made from them).
public struct Identity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var series: String
    public var slot: CalendarDate
    public var issue = 1
    public static func < (a: Identity, b: Identity) -> Bool {
        (a.series, a.slot, a.issue) < (b.series, b.slot, b.issue)
    }
    public var uid: String {
        "\(GeneratedCouncil.id)-\(series)-\(slot.basicDescription)\(issue > 1 ? "-\(issue)" : "")@sim.example.jp"
    }
    public var description: String { "\(series) \(slot)\(issue > 1 ? " (\(issue))" : "")" }
}

extension Simulator {
    /// The identity of each meeting the plan gives now: a published meeting's when the product pairs them (the
    /// same rule day first, then the others of the month in order of their rule days, as docs/plan-format.md says),
    /// else its own.
    ///
    /// A meeting withdrawn from the plan pairs only by its identity: with a meeting of its rule day when both its day
    /// and the meeting's are still to come (it comes back), else the meeting is a new issue of that identity.
    func identities(series position: Int, today: CalendarDate) -> [ModelMeeting.Key: Identity] {
        let series = council.series[position]
        let meetings = series.meetings(year: council.year, calendar: council.calendar)
        var result: [ModelMeeting.Key: Identity] = [:]
        let published = shown.filter { $0.key.series == series.id && !$0.value.withdrawn }.map(\.key)
        let withdrawn = shown.filter { $0.key.series == series.id && $0.value.withdrawn }
        for (month, group) in Dictionary(grouping: meetings, by: { $0.ruleDate.year * 100 + $0.ruleDate.month }) {
            var left = published.filter { $0.slot.year * 100 + $0.slot.month == month }.sorted { $0.slot < $1.slot }
            var unpaired: [(meeting: ModelMeeting, own: Identity)] = []
            for meeting in group.sorted(by: { $0.ruleDate < $1.ruleDate }) {
                if let same = left.firstIndex(where: { $0.slot == meeting.ruleDate }) {
                    result[meeting.key] = left.remove(at: same)
                    continue
                }
                var own = Identity(series: series.id, slot: meeting.ruleDate)
                if let last = withdrawn.filter({ $0.key.slot == meeting.ruleDate }).max(by: { $0.key < $1.key }) {
                    if last.value.date >= today, meeting.date >= today {
                        result[meeting.key] = last.key
                        continue
                    }
                    own.issue = last.key.issue + 1
                }
                unpaired.append((meeting, own))
            }
            for (meeting, own) in unpaired {
                result[meeting.key] = left.isEmpty ? own : left.removeFirst()
            }
        }
        return result
    }

    /// What every feed must show now, by identity; `uncertain` are meetings the documents leave open (one published
    /// for a day still to come that the plan now puts on a day gone).
    func expectations(today: CalendarDate) -> (
        expected: [Identity: (shown: Shown, series: Int, keep: Bool)], uncertain: Set<Identity>
    ) {
        var expected: [Identity: (shown: Shown, series: Int, keep: Bool)] = [:]
        var uncertain: Set<Identity> = []
        for position in council.series.indices {
            let series = council.series[position]
            let identities = identities(series: position, today: today)
            var given: Set<Identity> = []
            for meeting in series.meetings(year: council.year, calendar: council.calendar) {
                let identity = identities[meeting.key]!
                given.insert(identity)
                // A withdrawn meeting here is one coming back (`identities`), shown cancelled on its day till now.
                let before = shown[identity]
                if let before, fixed.contains(identity) || before.date < today {
                    expected[identity] = (before, position, true)
                    continue
                }
                // The first publish of a council holds its year so far; after it, the past is not rewritten: a meeting
                // never published is not added on a day gone.
                if meeting.date < today, !shown.isEmpty {
                    // Published for a day to come, now planned for a day past.
                    if before != nil { uncertain.insert(identity) }
                    continue
                }
                var now = Shown(date: meeting.date, cancelled: meeting.cancelled, movedFrom: nil, invited: [])
                if meeting.cancelled {
                    // Cancelled on the day subscribers were last shown.
                    if let before { now.date = before.date }
                } else if let before, before.date != meeting.date {
                    now.movedFrom = before.date  // the day subscribers had, cancelled there or not
                } else if let before, before.date == meeting.date, !before.cancelled {
                    now.movedFrom = before.movedFrom
                } else if meeting.date != meeting.ruleDate {
                    now.movedFrom = meeting.ruleDate
                }
                now.invited = Set(council.businesses.filter { series.invites($0) && $0.isOpen(on: now.date) }.map(\.id))
                expected[identity] = (now, position, series.policy == .keep || meeting.movedByException)
            }
            for identity in shown.keys
            where identity.series == series.id && !given.contains(identity) && expected[identity] == nil {
                guard var before = shown[identity], !(before.withdrawn && Self.pastRetention(before.date, today: today))
                else { continue }
                // A published meeting the plan no longer gives: history if its day has passed, else cancelled there;
                // a cancellation withdrawn from the plan stays in the feeds until 90 days after its day.
                if !(before.date < today || fixed.contains(identity)) {
                    before.cancelled = true
                    before.movedFrom = nil
                    before.withdrawn = true
                }
                expected[identity] = (before, position, true)
            }
        }
        return (expected, uncertain)
    }

    struct Event {
        var uid: String
        var start: CalendarDate
        var cancelled: Bool
        var description: String
        var bytes: String
    }

    /// Exports as on `today` and checks every feed; returns the number of events read.
    mutating func export(today: CalendarDate) async throws -> Int {
        let now = DateTimeValue.dateTime(today.adding(days: -1), ClockTime(hour: 23, minute: 0), .utc)
        if case .failure(let failure) = await FeedExport(outputDirectory: out, now: now, today: today).run(
            councilDirectories: [folder])
        {
            throw Problems(list: ["the export failed: \(failure.description)"])
        }
        var problems: [String] = []
        var feeds: [String: [String: Event]] = [:]
        let base = "\(out)/\(GeneratedCouncil.id)"
        let files =
            ["council.ics"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: "\(base)/businesses")) ?? []).filter {
                $0.hasSuffix(".ics")
            }.sorted().map { "businesses/\($0)" }
        var events = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: "\(base)/\(file)") else {
                problems.append("\(file): cannot be read")
                continue
            }
            let bytes = Array(data)
            let lineProblems = ContentLineRules.problems(in: bytes, source: file)
            problems += lineProblems.prefix(3).map { "not RFC 5545: \($0)" }
            let calendar: VCalendar
            do { calendar = try ICalendarDecoder().decode(bytes: bytes, source: file) } catch {
                problems.append("libical cannot read \(file): \(error)")
                continue
            }
            let blocks = Self.eventBlocks(bytes)
            var byUID: [String: Event] = [:]
            for event in calendar.events {
                if byUID[event.uid] != nil { problems.append("\(file): UID \(event.uid) twice") }
                byUID[event.uid] = Event(
                    uid: event.uid, start: event.start.date, cancelled: event.status == .cancelled,
                    description: event.description ?? "", bytes: blocks[event.uid] ?? "")
            }
            events += byUID.count
            feeds[file] = byUID
        }
        // One UID, one version, in every feed that holds it.
        var versions: [String: (file: String, bytes: String)] = [:]
        for (file, byUID) in feeds.sorted(by: { $0.key < $1.key }) {
            for (uid, event) in byUID {
                if let first = versions[uid], first.bytes != event.bytes {
                    problems.append("UID \(uid) differs between \(first.file) and \(file)")
                } else {
                    versions[uid] = (file, event.bytes)
                }
            }
        }
        let (expected, uncertain) = expectations(today: today)
        let retired = Set(shown.filter { $0.value.withdrawn && expected[$0.key] == nil }.map(\.key.uid))
        // What was published for a past day never changes, byte for byte, wherever the plan would put it now.
        for (file, byUID) in feeds {
            for (uid, event) in byUID {
                if let before = history[file]?[uid] {
                    if before != event.bytes {
                        problems.append(
                            "\(file): the past event \(uid) (now \(event.start)) changed:\n--- before\n\(before)--- now\n\(event.bytes)"
                        )
                    }
                } else if event.start < today {
                    history[file, default: [:]][uid] = event.bytes
                }
            }
            // An event that left the plan leaves a feed 90 days after its day (FeedReconciler's retention).
            for (uid, bytes) in history[file] ?? [:]
            where byUID[uid] == nil && !retired.contains(uid) && !Self.leftByRetention(bytes, today: today) {
                problems.append("\(file): the past event \(uid) is gone")
            }
        }
        // Every feed holds exactly what its reader was invited to, on the day last announced.
        let year = FiscalYearSpan(year: council.year)
        for (file, byUID) in feeds {
            let business =
                file.hasPrefix("businesses/") ? council.businesses.first { "businesses/\($0.id).ics" == file } : nil
            if file.hasPrefix("businesses/") && business == nil {
                problems.append("\(file): a feed for a business not in the roster")
                continue
            }
            var wanted: [String: (shown: Shown, series: Int, keep: Bool)] = [:]
            for (identity, value) in expected {
                if let business, !value.shown.invited.contains(business.id) { continue }
                wanted[identity.uid] = value
            }
            let uncertainUIDs = Set(uncertain.map(\.uid))
            let seriesIDs = Set(council.series.map { "\(GeneratedCouncil.id)-\($0.id)-" })
            // Meetings here; rotation slots are checked by the byte, version and decoding rules above.
            for (uid, event) in byUID
            where year.contains(slotOf: uid) && seriesIDs.contains(where: { uid.hasPrefix($0) }) {
                if uncertainUIDs.contains(uid) { continue }
                guard let want = wanted[uid] else {
                    problems.append(
                        "\(file): \(uid) on \(event.start)\(event.cancelled ? " (cancelled)" : "") should not be there")
                    continue
                }
                if event.start != want.shown.date || event.cancelled != want.shown.cancelled {
                    problems.append(
                        "\(file): \(uid) is on \(event.start)\(event.cancelled ? " cancelled" : ""), expected \(want.shown.date)\(want.shown.cancelled ? " cancelled" : "")"
                    )
                }
                if !event.cancelled, let from = want.shown.movedFrom,
                    !event.description.contains("\(from.japaneseDescription)から変更")
                {
                    problems.append(
                        "\(file): \(uid) moved to \(event.start) should say it moved from \(from.japaneseDescription): \(event.description.prefix(80))"
                    )
                }
                if !event.cancelled, !want.keep, !council.calendar.isBusinessDay(event.start) {
                    problems.append(
                        "\(file): \(uid) is on \(event.start), not a business day, and its series does not keep holidays"
                    )
                }
            }
            for (uid, want) in wanted where byUID[uid] == nil {
                problems.append(
                    "\(file): \(uid) (\(want.shown.date)\(want.shown.cancelled ? " cancelled" : "")) is missing")
            }
        }
        await problems += reviewProblems(today: today)
        if !problems.isEmpty { throw Problems(list: problems) }
        for (identity, value) in expected {
            shown[identity] = value.shown
            if value.shown.date < today { fixed.insert(identity) }
        }
        return events
    }
}

extension Simulator {
    /// Whether an event that left the plan on `day` is past the 90 days feeds keep it (FeedReconciler's retention,
    /// counted from the export's "now", the evening before `today`).
    static func pastRetention(_ day: CalendarDate, today: CalendarDate) -> Bool { day.adding(days: 91) < today }

    /// Whether an event, as last written, may have left its feed by the retention; a meeting kept as history is
    /// checked by `expectations`, which never lets one go.
    static func leftByRetention(_ bytes: String, today: CalendarDate) -> Bool {
        guard let line = bytes.split(separator: "\r\n").first(where: { $0.hasPrefix("DTSTART") }),
            let value = line.split(separator: ":").last, let day = CalendarDate(basicDigits: value.prefix(8))
        else { return false }
        return pastRetention(day, today: today)
    }

    /// Each VEVENT's lines as written (BEGIN to END, CRLFs included), by UID; split on bytes, as a feed is CRLF
    /// lines whatever its texts.
    static func eventBlocks(_ bytes: [UInt8]) -> [String: String] {
        var blocks: [String: String] = [:]
        var start: Int?
        var uid: String?
        var lineStart = 0
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 13, bytes[index + 1] == 10 else {
                index += 1
                continue
            }
            let line = bytes[lineStart..<index]
            if line.elementsEqual("BEGIN:VEVENT".utf8) {
                start = lineStart
                uid = nil
            }
            if start != nil, uid == nil, line.starts(with: "UID:".utf8) {
                uid = String(decoding: line.dropFirst(4), as: UTF8.self)
            }
            if line.elementsEqual("END:VEVENT".utf8), let from = start {
                if let uid { blocks[uid] = String(decoding: bytes[from..<(index + 2)], as: UTF8.self) }
                start = nil
            }
            index += 2
            lineStart = index
        }
        return blocks
    }
}

/// April to March of one fiscal year, for telling a UID's slot day.
struct FiscalYearSpan {
    var year: Int
    func contains(slotOf uid: String) -> Bool {
        guard let at = uid.firstIndex(of: "@") else { return false }
        var name = uid[..<at]
        // A later issue's `-2`, `-3` … after the date.
        if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].count < 8 { name = name[..<dash] }
        guard let date = CalendarDate(basicDigits: name.suffix(8)) else { return false }
        return date >= CalendarDate(year: year, month: 4, day: 1)
            && date < CalendarDate(year: year + 1, month: 4, day: 1)
    }
}

extension Simulator {
    /// The review's figures as `council review --format json` prints them, against the model's tally: the council's
    /// 参加率 and 回答率 counts, each business's, the reach; no closed business among those to call.
    func reviewProblems(today: CalendarDate) async -> [String] {
        let json: String
        do {
            let council = try await PlanDirectory.load(folder, expander: LibicalRecurrence(), today: today).get()
            let year = try CouncilYears(council: council, today: today, expander: LibicalRecurrence()).year(
                FiscalYear(self.council.year)
            ).complete()
            json = ReviewReport(
                review: ParticipationReview(year, asOf: today), progress: PlanProgress(year, asOf: today)
            ).render(.json)
        } catch {
            return ["the review cannot be made: \(error)"]
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let figures = object["figures"] as? [[String: Any]]
        else {
            return ["the review's JSON does not read back"]
        }
        struct Tally: Equatable, CustomStringConvertible {
            var invited = 0, attended = 0, online = 0, excused = 0, absent = 0, replied = 0
            var description: String {
                "案内\(invited) 出席\(attended)(オンライン\(online)) 欠席連絡あり\(excused) 欠席\(absent) 回答\(replied)"
            }
            mutating func add(_ status: AttendanceStatus?) {
                invited += 1
                guard let status else { return }
                replied += 1
                switch status {
                case .present: attended += 1
                case .online:
                    attended += 1
                    online += 1
                case .excused: excused += 1
                case .absent: absent += 1
                }
            }
            init() {}
            init(_ figure: [String: Any]) {
                func count(_ key: String) -> Int { (figure[key] as? NSNumber)?.intValue ?? 0 }
                (invited, attended, online, excused, absent, replied) = (
                    count("invited"), count("attended"), count("online"), count("excused"), count("absent"),
                    count("replied")
                )
            }
        }
        var overall = Tally()
        var businesses: [String: Tally] = [:]
        for (identity, lines) in attendance where shown[identity].map({ !$0.cancelled && $0.date <= today }) ?? false {
            // Invited as published, and open that day by the roster as it is now (docs/review.md).
            for business in shown[identity]!.invited
            where council.businesses.first(where: { $0.id == business })?.isOpen(on: shown[identity]!.date) ?? false {
                overall.add(lines[business])
                businesses[business, default: Tally()].add(lines[business])
            }
        }
        var problems: [String] = []
        func figure(_ section: String, _ key: String? = nil) -> [String: Any]? {
            figures.first { $0["section"] as? String == section && (key == nil || $0["key"] as? String == key) }
        }
        if overall.invited > 0 {
            let product = figure("overall").map(Tally.init) ?? Tally()
            if product != overall {
                problems.append("review: the council's figures are \(product), the tally \(overall)")
            }
            for (business, tally) in businesses {
                let product = figure("business", business).map(Tally.init) ?? Tally()
                if product != tally { problems.append("review: \(business) is \(product), the tally \(tally)") }
            }
            let reach = figure("reach").map {
                (($0["attended"] as? NSNumber)?.intValue ?? -1, ($0["invited"] as? NSNumber)?.intValue ?? -1)
            }
            let tallied = (businesses.values.filter { $0.attended > 0 }.count, businesses.count)
            if reach.map({ $0 != tallied }) ?? true {
                problems.append("review: reach \(String(describing: reach)), the tally \(tallied)")
            }
        }
        for entry in figures where entry["section"] as? String == "follow-up" {
            if let id = entry["key"] as? String, let business = council.businesses.first(where: { $0.id == id }),
                let closed = business.closedOn, closed <= today
            {
                problems.append("review: \(id), closed on \(closed), is among those to call")
            }
        }
        return problems
    }
}

extension CalendarDate {
    /// `YYYYMMDD`, as a UID's slot and a DTSTART write it.
    init?(basicDigits digits: Substring) {
        guard digits.count == 8, let number = Int(digits) else { return nil }
        self.init(year: number / 10000, month: number / 100 % 100, day: number % 100)
    }
}
