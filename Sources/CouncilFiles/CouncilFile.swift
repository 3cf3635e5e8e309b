import CouncilCore
import Foundation
import Yams

/// `council.yaml`: the council, its secretariat and its meeting series.
struct CouncilFile {
    static let keys = [
        "id", "name", "short_name", "uid_domain", "time_zone", "secretariat", "business_days", "closures",
        "attendance_answers", "business_kinds", "members", "secretariat_revision", "series", "rotations",
    ]
    static let rotationKeys = [
        "id", "title", "kind", "after", "minutes", "schedule", "time", "venue", "targets_per_slot", "pool", "leads",
        "leads_per_slot", "pair", "max_per_lead", "unavailable",
    ]
    static let leadKeys = ["id", "name", "business", "ward_office", "section"]
    static let unavailableKeys = ["business", "months"]
    static let seriesKeys = [
        "id", "title", "kind", "schedule", "from", "until", "time", "venue", "online", "invite", "holiday_policy",
        "exceptions", "spare_days", "remind", "answer_by", "hosts", "formerly",
    ]
    static let inviteKeys = ["kinds", "businesses", "exclude"]
    static let exceptionKeys = ["date", "cancel", "move_to", "time", "reason"]

    /// A series with the places of the references that can only be checked against the roster.
    struct SeriesEntry {
        var series: MeetingSeries
        var businessNodes: [(BusinessID, Node)]
        /// `hosts:` each with its place, checked against `members:`.
        var hostNodes: [(String, Node)] = []
        /// Where `formerly:` is, for a series still defined where it came from.
        var formerlyNode: Node?
    }

    var council: Council
    var seriesEntries: [SeriesEntry]
    /// Every business a rotation names (pool, leads, unavailable), checked against the roster.
    var rotationBusinessNodes: [(BusinessID, Node)]
    /// `members:` each with its place, checked against the folders beside this one.
    var memberNodes: [(String, Node)] = []

    /// `publishedSlots` gives the identities (and days) of a series' published meetings: an exception may name one
    /// even after a change of rule. It is asked only for an exception on a day the rule does not give.
    static func read(
        _ text: String, reader: YAMLReader, directoryName: String, expander: (any RecurrenceExpanding)?,
        publishedSlots: (SeriesID) -> Set<CalendarDate> = { _ in [] }
    ) -> CouncilFile? {
        guard let root = reader.root(of: text), let map = reader.mapping(root, "council.yaml", keys: keys) else {
            return nil
        }
        let id = map.required("id").flatMap { reader.identifier($0, "id") }
        if let id, id != directoryName, let node = map["id"] {
            reader.report(
                .idMismatch, at: node, "idがフォルダ名と違います / id \"\(id)\" differs from its folder \"\(directoryName)\"",
                expected: directoryName)
        }
        let name = map.required("name").flatMap { reader.nonEmptyString($0, "name") }
        let shortName = map["short_name"].flatMap { reader.nonEmptyString($0, "short_name") }
        let timeZone =
            map["time_zone"].flatMap { node in
                reader.nonEmptyString(node, "time_zone").flatMap { zone in
                    guard Council.timeZones[zone] == nil else { return zone }
                    reader.report(
                        .badValue, at: node, "time_zone「\(zone)」には対応していません / time zone \(zone) is not supported",
                        expected: Council.timeZones.keys.sorted().joined(separator: ", "))
                    return nil
                }
            } ?? "Asia/Tokyo"
        let uidDomain = map["uid_domain"].flatMap { readDomain($0, reader: reader) }
        var secretariat: Secretariat?
        if let node = map["secretariat"], let office = reader.mapping(node, "secretariat", keys: ["name", "contact"]) {
            if let officeName = office.required("name").flatMap({ reader.nonEmptyString($0, "secretariat.name") }) {
                secretariat = Secretariat(
                    name: officeName,
                    contact: office["contact"].flatMap { reader.nonEmptyString($0, "secretariat.contact") })
            }
        }
        let calendar = readCalendar(map, reader: reader)
        // Read before the series, whose invitations may name them.
        reader.businessKinds = map["business_kinds"].map { readKinds($0, reader: reader) } ?? [:]
        let entries = readSeriesList(map["series"], reader: reader, expander: expander, publishedSlots: publishedSlots)
        let (rotations, rotationBusinessNodes) = readRotations(
            map["rotations"], reader: reader, seriesIDs: Set(entries.map(\.series.id)))
        let answers = map["attendance_answers"].map { readAnswers($0, reader: reader) } ?? [:]
        let memberNodes = map["members"].map { readMembers($0, reader: reader, own: id) } ?? []
        guard let id, let name else { return nil }
        var council = Council(
            id: id, name: name, shortName: shortName ?? name, timeZone: timeZone, secretariat: secretariat,
            calendar: calendar, series: entries.map(\.series), rotations: rotations)
        council.answerWords = answers
        // Raised to revoke the secretariat console's URL.
        council.secretariatRevision =
            map["secretariat_revision"].flatMap { reader.integer($0, "secretariat_revision", in: 0...1_000_000) } ?? 0
        council.uidDomain = uidDomain
        if uidDomain == nil {
            reader.warn(
                .missingUIDDomain, at: root,
                "uid_domain がありません。UIDが他の協議会と重なりえます(初めて配信するときは必須) / no uid_domain: event UIDs may collide with another council's (required before first publishing)"
            )
        }
        council.businessKinds = reader.businessKinds
        council.members = memberNodes.map(\.0)
        for entry in entries {
            guard let origin = entry.series.formerly, !council.members.contains(origin.council),
                let node = entry.formerlyNode
            else { continue }
            reader.report(
                .unknownCouncil, at: node,
                "「\(origin.council)」はmembersにありません / \(origin.council) is not a member council",
                expected: "formerly: <a member council>/<its series id>")
        }
        for (host, node) in entries.flatMap(\.hostNodes) where !council.members.contains(host) {
            reader.report(
                .unknownCouncil, at: node,
                "「\(host)」はmembersにありません / \(host) is not a member council.\(didYouMean(host, among: council.members))",
                expected: "one of members: \(council.members.joined(separator: ", "))")
        }
        return CouncilFile(
            council: council, seriesEntries: entries, rotationBusinessNodes: rotationBusinessNodes,
            memberNodes: memberNodes)
    }

    /// `members: [aoba, miyagino]`: the ids of the councils below this one, each once, never itself.
    private static func readMembers(_ node: Node, reader: YAMLReader, own: String?) -> [(String, Node)] {
        guard case .sequence(let items) = node else {
            reader.report(
                .wrongType, at: node, "membersは協議会のidの一覧です / members must be a list of council ids",
                expected: "e.g. members: [aoba, miyagino]")
            return []
        }
        var seen: Set<String> = []
        var members: [(String, Node)] = []
        for item in items {
            guard let id = reader.identifier(item, "members") else { continue }
            if id == own || !seen.insert(id).inserted {
                reader.report(
                    .duplicateID, at: item,
                    id == own
                        ? "協議会は自分自身を members にできません / a council cannot be its own member"
                        : "「\(id)」が二度あります / \(id) is listed twice", expected: "each member council once")
                continue
            }
            members.append((id, item))
        }
        return members
    }

    /// `uid_domain: city.sendai.jp`: a domain name in lower case, two labels or more.
    private static func readDomain(_ node: Node, reader: YAMLReader) -> String? {
        guard let text = reader.nonEmptyString(node, "uid_domain") else { return nil }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            }
        if valid { return text }
        reader.report(
            .badValue, at: node, "uid_domain「\(text)」はドメイン名ではありません / not a domain name",
            expected: "the ward's or city's own domain in lower case, e.g. city.sendai.jp")
        return nil
    }

    /// `series:`, each id once.
    private static func readSeriesList(
        _ node: Node?, reader: YAMLReader, expander: (any RecurrenceExpanding)?,
        publishedSlots: (SeriesID) -> Set<CalendarDate>
    ) -> [SeriesEntry] {
        var entries: [SeriesEntry] = []
        var seen: [SeriesID: Node] = [:]
        for item in node.flatMap({ reader.sequence($0, "series") }) ?? [] {
            guard let entry = readSeries(item, reader: reader, expander: expander, publishedSlots: publishedSlots)
            else { continue }
            if let first = seen[entry.series.id] {
                reader.report(
                    .duplicateID, at: item,
                    "会議体のid「\(entry.series.id)」が重複しています / duplicate series id (first on line \(first.mark?.line ?? 0))",
                    expected: "a different id for each series")
                continue
            }
            seen[entry.series.id] = item
            entries.append(entry)
        }
        return entries
    }

    /// `rotations:`, each id once among series and rotations, and every business they name.
    private static func readRotations(_ node: Node?, reader: YAMLReader, seriesIDs: Set<SeriesID>) -> (
        [Rotation], [(BusinessID, Node)]
    ) {
        var rotations: [Rotation] = []
        var businessNodes: [(BusinessID, Node)] = []
        for item in node.flatMap({ reader.sequence($0, "rotations") }) ?? [] {
            guard let (rotation, nodes) = readRotation(item, reader: reader, seriesIDs: seriesIDs) else { continue }
            if rotations.contains(where: { $0.id == rotation.id }) || seriesIDs.contains(SeriesID(rotation.id.rawValue))
            {
                reader.report(
                    .duplicateID, at: item, "id「\(rotation.id)」が重複しています / duplicate id among series and rotations",
                    expected: "a different id")
                continue
            }
            rotations.append(rotation)
            businessNodes += nodes
        }
        return (rotations, businessNodes)
    }

    /// `attendance_answers: {会場で参加します: 出席, 後日視聴: 欠席連絡あり}`: the council's own form's wording.
    private static func readAnswers(_ node: Node, reader: YAMLReader) -> [String: AttendanceStatus] {
        guard let mapping = node.mapping else {
            reader.report(
                .wrongType, at: node, "attendance_answersは「回答: 出欠」の組で書きます / attendance_answers must be a mapping",
                expected: "e.g. attendance_answers: {会場で参加します: 出席}")
            return [:]
        }
        var answers: [String: AttendanceStatus] = [:]
        for (key, value) in mapping {
            guard let word = reader.nonEmptyString(key, "attendance_answers"),
                let label = reader.nonEmptyString(value, "attendance_answers")
            else { continue }
            guard let status = AttendanceStatus(label: label) else {
                reader.report(
                    .badValue, at: value, "出欠「\(label)」はありません / unknown status",
                    expected: AttendanceStatus.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            answers[word] = status
        }
        return answers
    }

    /// `business_kinds: {障がい児相談: 障害児相談, 指定一般: その他}`: the council's own kinds and spellings, each
    /// mapped onto a built-in kind.
    private static func readKinds(_ node: Node, reader: YAMLReader) -> [String: BusinessKind] {
        guard let mapping = node.mapping else {
            reader.report(
                .wrongType, at: node, "business_kindsは「種別: 既定の種別」の組で書きます / business_kinds must be a mapping",
                expected: "e.g. business_kinds: {障がい児相談: 障害児相談, 指定一般: その他}")
            return [:]
        }
        var kinds: [String: BusinessKind] = [:]
        for (key, value) in mapping {
            guard let label = reader.nonEmptyString(key, "business_kinds"),
                let builtIn = reader.nonEmptyString(value, "business_kinds")
            else { continue }
            if BusinessKind(label: label) != nil {
                reader.report(
                    .duplicateKey, at: key, "「\(label)」は既定の種別です / \(label) is a built-in kind already",
                    expected: "a kind of the council's own")
                continue
            }
            guard let kind = BusinessKind(label: builtIn) else {
                reader.report(
                    .unknownKind, at: value, "既定の種別「\(builtIn)」はありません / unknown built-in kind",
                    expected: BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            kinds[label] = kind
        }
        return kinds
    }

    /// `business_days: [月, 火, 水, 木, 金]` and `closures: ["12-29..01-03", 2026-08-14, "2026-08-13..2026-08-15"]`.
    private static func readCalendar(_ map: MappingReader, reader: YAMLReader) -> BusinessCalendar {
        var calendar = BusinessCalendar()
        if let node = map["business_days"], let items = reader.sequence(node, "business_days") {
            var days: Set<Int> = []
            for item in items {
                guard let text = reader.nonEmptyString(item, "business_days") else { continue }
                guard let weekday = CalendarDate.isoWeekday(japanese: text) else {
                    reader.report(
                        .badSchedule, at: item, "曜日「\(text)」を読めません / not a weekday", expected: "月 火 水 木 金 土 日")
                    continue
                }
                days.insert(weekday)
            }
            calendar.workingWeekdays = days
        }
        if let node = map["closures"], let items = reader.sequence(node, "closures") {
            calendar.closures = items.compactMap { reader.closure($0) }
        }
        return calendar
    }

    /// `remind: 1日前` and `answer_by: 3日前`: how long before each meeting its reminder sounds and its answers close.
    private static func readBefore(_ map: MappingReader, into series: inout MeetingSeries, reader: YAMLReader) {
        if let node = map["remind"], let text = reader.nonEmptyString(node, "series.remind") {
            if let minutes = MeetingSeries.reminder(text) {
                series.remindMinutes = minutes
            } else {
                reader.report(
                    .badValue, at: node, "remind「\(text)」を読めません / cannot read the reminder",
                    expected: "1日前, 2時間前 or 30分前 (at most 28日前)")
            }
        }
        if let node = map["answer_by"], let text = reader.nonEmptyString(node, "series.answer_by") {
            if let days = MeetingSeries.answerDays(parsing: text) {
                series.answerDays = days
            } else {
                reader.report(
                    .badValue, at: node, "answer_by「\(text)」を読めません / cannot read the answer deadline",
                    expected: "3日前, 前日 or 当日 (at most 28日前)")
            }
        }
    }

    private static func readSeries(
        _ node: Node, reader: YAMLReader, expander: (any RecurrenceExpanding)?,
        publishedSlots: (SeriesID) -> Set<CalendarDate>
    ) -> SeriesEntry? {
        guard let map = reader.mapping(node, "series", keys: seriesKeys) else { return nil }
        let id = map.required("id").flatMap { reader.identifier($0, "series.id") }
        let title = map.required("title").flatMap { reader.nonEmptyString($0, "series.title") }
        let kind = map.required("kind").flatMap { reader.meetingKind($0, "series.kind") }
        let scheduleText = map.required("schedule").flatMap { reader.nonEmptyString($0, "series.schedule") }
        var schedule: ScheduleRule?
        if let scheduleText, let node = map["schedule"] {
            switch ScheduleRule.parse(scheduleText) {
            case .success(let rule): schedule = rule
            case .failure(let error): reader.report(.badSchedule, at: node, error.reason, expected: error.expected)
            }
        }
        var policy = HolidayPolicy.nextBusinessDay
        if let node = map["holiday_policy"], let text = reader.nonEmptyString(node, "holiday_policy") {
            if let chosen = HolidayPolicy(rawValue: text) {
                policy = chosen
            } else {
                reader.report(
                    .badSchedule, at: node,
                    "holiday_policy「\(text)」はありません / unknown holiday policy.\(didYouMean(text, among: HolidayPolicy.allCases.map(\.rawValue)))",
                    expected: HolidayPolicy.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let time = map["time"].flatMap { reader.timeRange($0) }
        let venue = map["venue"].flatMap { reader.nonEmptyString($0, "series.venue") }
        let online = map["online"].flatMap { reader.webURL($0, "series.online") }
        let (invitation, businessNodes) = map["invite"].map { reader.invitation($0, "invite") } ?? (Invitation(), [])
        let from = map["from"].flatMap { reader.activeBound($0, "from") }
        let until = map["until"].flatMap { reader.activeBound($0, "until") }
        if let from, let until, until < from, let node = map["until"] {
            reader.report(
                .badDate, at: node, "untilがfromより前です / until is before from", expected: "a day on or after \(from)")
        }
        guard let id, let title, let kind, let schedule, let scheduleText else { return nil }
        var series = MeetingSeries(
            id: SeriesID(id), title: title, kind: kind, schedule: schedule, scheduleText: scheduleText, time: time,
            venue: venue, onlineURL: online, invitation: invitation, holidayPolicy: policy, activeFrom: from,
            activeUntil: until)
        readBefore(map, into: &series, reader: reader)
        if let node = map["spare_days"] {
            series.spareDays = readSpareDays(node, reader: reader)
        }
        if let node = map["exceptions"] {
            series.exceptions = readExceptions(
                node, of: series, reader: reader, expander: expander, publishedSlots: { publishedSlots(series.id) })
        }
        var hostNodes: [(String, Node)] = []
        if let node = map["hosts"], case .sequence(let items) = node {
            hostNodes = items.compactMap { item in reader.identifier(item, "series.hosts").map { ($0, item) } }
            series.hosts = hostNodes.map(\.0)
        } else if let node = map["hosts"] {
            reader.report(
                .wrongType, at: node, "hostsは共催する協議会のidの一覧です / hosts must be a list of member council ids",
                expected: "e.g. hosts: [aoba, miyagino]")
        }
        if let node = map["formerly"], let text = reader.nonEmptyString(node, "series.formerly") {
            let parts = text.split(separator: "/").map(String.init)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                series.formerly = SeriesOrigin(council: parts[0], series: SeriesID(parts[1]))
            } else {
                reader.report(
                    .badValue, at: node, "formerly「\(text)」を読めません / cannot read where the series was",
                    expected: "council/series, e.g. formerly: aoba/houkatsu-kyousai")
            }
        }
        return SeriesEntry(
            series: series, businessNodes: businessNodes, hostNodes: hostNodes, formerlyNode: map["formerly"])
    }

    private static func readRotation(_ node: Node, reader: YAMLReader, seriesIDs: Set<SeriesID>) -> (
        Rotation, [(BusinessID, Node)]
    )? {
        guard let map = reader.mapping(node, "rotation", keys: rotationKeys) else { return nil }
        let id = map.required("id").flatMap { reader.identifier($0, "rotations.id") }
        let title = map.required("title").flatMap { reader.nonEmptyString($0, "rotations.title") }
        let kind = map.required("kind").flatMap { reader.meetingKind($0, "rotations.kind") }
        let source = readSlotSource(map, of: node, reader: reader, seriesIDs: seriesIDs)
        var (pool, businessNodes) = map.required("pool").map { reader.invitation($0, "pool") } ?? (Invitation(), [])
        let leads = readLeads(map.required("leads"), reader: reader, businessNodes: &businessNodes)
        let unavailable = readUnavailable(map["unavailable"], reader: reader, businessNodes: &businessNodes)
        let targets = map["targets_per_slot"].flatMap { reader.integer($0, "targets_per_slot", in: 1...100) } ?? 1
        let leadsPerSlot = map["leads_per_slot"].flatMap { reader.integer($0, "leads_per_slot", in: 1...10) } ?? 1
        let pair = map["pair"].flatMap { reader.string($0, "pair") } == "true"
        let maxPerLead = map["max_per_lead"].flatMap { reader.integer($0, "max_per_lead", in: 1...1000) }
        let venue = map["venue"].flatMap { reader.nonEmptyString($0, "rotations.venue") }
        guard let id, let title, let kind, let source else { return nil }
        let rotation = Rotation(
            id: RotationID(id), title: title, kind: kind, slots: source, venue: venue, targetsPerSlot: targets,
            pool: pool, leads: leads, leadsPerSlot: leadsPerSlot, requiresPair: pair, maxPerLead: maxPerLead,
            unavailableMonths: unavailable)
        return (rotation, businessNodes)
    }

    /// Where a rotation's slots come from: `after: <series>` (after each of its meetings) or `schedule: 第3木曜日`.
    private static func readSlotSource(
        _ map: MappingReader, of node: Node, reader: YAMLReader, seriesIDs: Set<SeriesID>
    ) -> SlotSource? {
        var source: SlotSource?
        if let afterNode = map["after"] {
            if let series = reader.identifier(afterNode, "rotations.after").map({ SeriesID($0) }) {
                if seriesIDs.contains(series) {
                    let minutes = map["minutes"].flatMap { reader.integer($0, "rotations.minutes", in: 5...600) } ?? 60
                    source = .after(series: series, minutes: minutes)
                } else {
                    reader.report(
                        .unknownSeries, at: afterNode,
                        "会議体「\(series)」はありません / no series \"\(series)\".\(didYouMean(series.rawValue, among: seriesIDs.map(\.rawValue).sorted()))",
                        expected: "one of: \(seriesIDs.map(\.rawValue).sorted().joined(separator: ", "))")
                }
            }
        } else if let scheduleNode = map["schedule"],
            let text = reader.nonEmptyString(scheduleNode, "rotations.schedule")
        {
            switch ScheduleRule.parse(text) {
            case .success(let rule):
                source = .schedule(rule, text: text, time: map["time"].flatMap { reader.timeRange($0) })
            case .failure(let error):
                reader.report(.badSchedule, at: scheduleNode, error.reason, expected: error.expected)
            }
        } else {
            reader.report(
                .missingKey, at: node, "スロットの出どころがありません / a rotation needs after: or schedule:",
                expected: "after: <series id> (slots after each meeting) or schedule: 第3木曜日")
        }
        return source
    }

    /// `leads:`, each with business: or ward_office: (and its section:); the businesses named go to `businessNodes`.
    private static func readLeads(_ node: Node?, reader: YAMLReader, businessNodes: inout [(BusinessID, Node)])
        -> [Lead]
    {
        var leads: [Lead] = []
        for item in node.flatMap({ reader.sequence($0, "leads") }) ?? [] {
            guard let leadMap = reader.mapping(item, "lead", keys: leadKeys) else { continue }
            let leadID = leadMap.required("id").flatMap { reader.identifier($0, "leads.id") }
            let leadName = leadMap.required("name").flatMap { reader.nonEmptyString($0, "leads.name") }
            var affiliation: Lead.Affiliation?
            if let businessNode = leadMap["business"], let raw = reader.identifier(businessNode, "leads.business") {
                affiliation = .business(BusinessID(raw))
                businessNodes.append((BusinessID(raw), businessNode))
            } else if let wardNode = leadMap["ward_office"], reader.string(wardNode, "ward_office") == "true" {
                var section: BusinessID?
                if let sectionNode = leadMap["section"], let raw = reader.identifier(sectionNode, "leads.section") {
                    section = BusinessID(raw)
                    businessNodes.append((BusinessID(raw), sectionNode))
                }
                affiliation = .wardOffice(section: section)
                if section == nil {
                    reader.warn(
                        .leadWithoutSection, at: item,
                        "区職員の担当者に所属の課(section:)がないため、担当する枠はどの課の配信にも入りません / a 区職員 lead without section: reaches no section's feed (name the 区役所 business they belong to)"
                    )
                }
            } else if leadMap["business"] == nil {
                reader.report(
                    .missingKey, at: item, "担当者の所属がありません / a lead needs business: <id> or ward_office: true",
                    expected: "business: <business id> (事業所職員) or ward_office: true (区職員)")
            }
            guard let leadID, let leadName, let affiliation else { continue }
            if leads.contains(where: { $0.id.rawValue == leadID }) {
                reader.report(
                    .duplicateID, at: item, "担当者id「\(leadID)」が重複しています / duplicate lead id",
                    expected: "a different id for each lead")
                continue
            }
            leads.append(Lead(id: LeadID(leadID), name: leadName, affiliation: affiliation))
        }
        return leads
    }

    /// `unavailable: [{business: …, months: …}]`: months a business cannot take a slot.
    private static func readUnavailable(_ node: Node?, reader: YAMLReader, businessNodes: inout [(BusinessID, Node)])
        -> [BusinessID: Set<Int>]
    {
        var unavailable: [BusinessID: Set<Int>] = [:]
        for item in node.flatMap({ reader.sequence($0, "unavailable") }) ?? [] {
            guard let entry = reader.mapping(item, "unavailable", keys: unavailableKeys),
                let businessNode = entry.required("business"),
                let raw = reader.identifier(businessNode, "unavailable.business"),
                let monthsNode = entry.required("months"), case .months(let months)? = reader.taskSchedule(monthsNode)
            else { continue }
            businessNodes.append((BusinessID(raw), businessNode))
            unavailable[BusinessID(raw), default: []].formUnion(months)
        }
        return unavailable
    }

    /// `spare_days: [2026-08-28, 2026-09-29]`: days, each once.
    private static func readSpareDays(_ node: Node, reader: YAMLReader) -> [CalendarDate] {
        var days: [CalendarDate] = []
        for item in reader.sequence(node, "spare_days") ?? [] {
            guard let day = reader.date(item, "spare_days") else { continue }
            if days.contains(day) {
                reader.report(
                    .duplicateID, at: item, "予備日 \(day) が2回あります / the same spare day twice", expected: "each day once")
                continue
            }
            days.append(day)
        }
        return days
    }

    /// Each exception names a date the rule gives (or a published meeting's identity); any other date is a mistake.
    private static func readExceptions(
        _ node: Node, of series: MeetingSeries, reader: YAMLReader, expander: (any RecurrenceExpanding)?,
        publishedSlots: () -> Set<CalendarDate>
    ) -> [SeriesException] {
        var exceptions: [SeriesException] = []
        for item in reader.sequence(node, "exceptions") ?? [] {
            guard let map = reader.mapping(item, "exceptions", keys: exceptionKeys),
                let dateNode = map.required("date"), let date = reader.date(dateNode, "exceptions.date")
            else { continue }
            let reason = map["reason"].flatMap { reader.nonEmptyString($0, "exceptions.reason") }
            let change: SeriesException.Change
            if let cancel = map["cancel"] {
                guard map["move_to"] == nil, map["time"] == nil else {
                    reader.report(
                        .badSchedule, at: item, "cancelとmove_to/timeは同時に書けません / cancel cannot go with move_to or time",
                        expected: "either cancel: 理由, or move_to: / time:")
                    continue
                }
                guard let why = reader.nonEmptyString(cancel, "exceptions.cancel") else { continue }
                // `cancel: true` (YAML's yes) cancels without saying why; any other text is the reason.
                let given = ["true", "yes", "on"].contains(why.lowercased()) ? nil : why
                exceptions.append(SeriesException(originalDate: date, change: .cancel, reason: reason ?? given))
            } else {
                let moveTo = map["move_to"].flatMap { reader.date($0, "exceptions.move_to") }
                let time = map["time"].flatMap { reader.timeRange($0) }
                guard moveTo != nil || time != nil else {
                    if map["move_to"] == nil && map["time"] == nil {
                        reader.report(
                            .missingKey, at: item, "中止か変更かを書いてください / say whether the meeting is cancelled or moved",
                            expected: "cancel: 理由, or move_to: YYYY-MM-DD and/or time: HH:MM-HH:MM")
                    }
                    continue
                }
                change = .move(date: moveTo, time: time)
                exceptions.append(SeriesException(originalDate: date, change: change, reason: reason))
            }
            let year = FiscalYear(containing: date)
            if let dates = try? series.schedule.dates(from: year.firstDay, through: year.lastDay, expander: expander),
                !dates.contains(date), !publishedSlots().contains(date)
            {
                let near = dates.filter { $0.year == date.year && $0.month == date.month }.map(\.description)
                reader.report(
                    .badSchedule, at: dateNode,
                    "\(date)は「\(series.scheduleText)」の開催日ではありません / \(date) is not a date of this series",
                    expected: near.isEmpty
                        ? "a date the schedule gives"
                        : "a date the schedule gives, e.g. \(near.joined(separator: ", "))")
                exceptions.removeLast()
            }
        }
        return exceptions
    }
}

/// Ids are what URLs and file names are made of: lower-case ASCII letters, digits, '-' and '_', at least one.
func isIdentifier(_ text: String) -> Bool {
    !text.isEmpty
        && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }
}

extension YAMLReader {
    /// An id (see `isIdentifier`), or nil with the problem reported.
    func identifier(_ node: Node, _ what: String) -> String? {
        guard let text = nonEmptyString(node, what) else { return nil }
        guard isIdentifier(text) else {
            report(
                .badID, at: node, "\(what)「\(text)」に使えない文字があります / \(what) has characters ids cannot have",
                expected: "lower-case letters a–z, digits, '-' and '_' (e.g. aoba-renrakukai)")
            return nil
        }
        return text
    }

    /// `14:00-16:00` (also with 〜, ～ or –).
    func timeRange(_ node: Node) -> TimeRange? {
        guard let text = nonEmptyString(node, "time") else { return nil }
        // Of the dashes, only `-` is ASCII: ASCII text is split by its bytes.
        let parts =
            text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.utf8.split(separator: UInt8(ascii: "-")).map { String(decoding: $0, as: UTF8.self).trimmingSpaces }
            : text.split(whereSeparator: { "-〜～–—".contains($0) }).map { String($0).trimmingSpaces }
        guard parts.count == 2, let start = clockTime(parts[0]), let end = clockTime(parts[1]), start < end else {
            report(
                .badTime, at: node, "時間「\(text)」を読めません / cannot read the time range",
                expected: "HH:MM-HH:MM with the end after the start, e.g. 14:00-16:00")
            return nil
        }
        return TimeRange(start: start, end: end)
    }
}

extension YAMLReader {
    func meetingKind(_ node: Node, _ what: String) -> MeetingKind? {
        guard let label = nonEmptyString(node, what) else { return nil }
        guard let kind = MeetingKind(label: label) else {
            report(
                .unknownKind, at: node, "種別「\(label)」はありません / unknown meeting kind",
                expected: MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return kind
    }

    /// `kinds`, `businesses` and `exclude`, with the places of the business ids for checking against the roster.
    func invitation(_ node: Node, _ what: String) -> (Invitation, [(BusinessID, Node)]) {
        var invitation = Invitation()
        var businessNodes: [(BusinessID, Node)] = []
        guard let map = mapping(node, what, keys: CouncilFile.inviteKeys) else { return (invitation, businessNodes) }
        for kindNode in map["kinds"].flatMap({ sequence($0, "\(what).kinds") }) ?? [] {
            guard let label = nonEmptyString(kindNode, "\(what).kinds") else { continue }
            if let kind = BusinessKind(label: label) {
                invitation.kinds.insert(kind)
            } else if businessKinds[label] != nil {
                invitation.labels.insert(label)
            } else {
                report(
                    .unknownKind, at: kindNode, "事業所の種別「\(label)」はありません / unknown business kind",
                    expected: (BusinessKind.allCases.map(\.rawValue) + businessKinds.keys.sorted()).joined(
                        separator: ", ") + " (or declare it in business_kinds)")
            }
        }
        for (key, exclude) in [("businesses", false), ("exclude", true)] {
            for item in map[key].flatMap({ sequence($0, "\(what).\(key)") }) ?? [] {
                guard let raw = identifier(item, "\(what).\(key)") else { continue }
                let id = BusinessID(raw)
                businessNodes.append((id, item))
                if exclude { invitation.excluded.insert(id) } else { invitation.businesses.append(id) }
            }
        }
        return (invitation, businessNodes)
    }

    /// `from:` / `until:` of a series: a day, or a fiscal year (`from: 2027` is 2027-04-01, `until: 2027` 2028-03-31).
    func activeBound(_ node: Node, _ what: String) -> CalendarDate? {
        guard let text = nonEmptyString(node, what) else { return nil }
        if text.count == 4, let year = Int(text), (1989...2200).contains(year) {
            return what == "from" ? FiscalYear(year).firstDay : FiscalYear(year).lastDay
        }
        guard let date = isoDate(text) else {
            report(
                .badDate, at: node, "\(what)「\(text)」は日付として読めません / not a date",
                expected: "YYYY-MM-DD, or a fiscal year such as 2027")
            return nil
        }
        return date
    }

    func date(_ node: Node, _ what: String) -> CalendarDate? {
        guard let text = nonEmptyString(node, what) else { return nil }
        guard let date = isoDate(text) else {
            report(
                .badDate, at: node, "\(what)「\(text)」は日付として読めません / not a date",
                expected: "YYYY-MM-DD, a day that exists")
            return nil
        }
        return date
    }

    /// `12-29..01-03` every year, `2026-08-14`, or `2026-08-13..2026-08-15`; a name may follow after a space.
    func closure(_ node: Node) -> Closure? {
        guard let text = nonEmptyString(node, "closures") else { return nil }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let span = parts[0]
        let name = parts.count > 1 ? parts[1] : "休館日"
        let ends = span.components(separatedBy: "..")
        if ends.count <= 2, let first = isoDate(ends[0]), let last = ends.count == 2 ? isoDate(ends[1]) : first,
            first <= last
        {
            return Closure(span: .dates(first, last), name: name)
        }
        let monthDays = ends.map { $0.split(separator: "-").compactMap { Int($0) } }
        if ends.count == 2,
            monthDays.allSatisfy({ $0.count == 2 && (1...12).contains($0[0]) && (1...31).contains($0[1]) })
        {
            return Closure(
                span: .yearly(
                    fromMonth: monthDays[0][0], fromDay: monthDays[0][1], toMonth: monthDays[1][0],
                    toDay: monthDays[1][1]), name: parts.count > 1 ? name : "年末年始")
        }
        report(
            .badDate, at: node, "休館日「\(text)」を読めません / cannot read the closure",
            expected: "12-29..01-03 (every year), 2026-08-14, or 2026-08-13..2026-08-15, optionally followed by a name")
        return nil
    }
}
