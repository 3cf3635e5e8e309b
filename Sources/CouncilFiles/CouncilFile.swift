import CouncilCore
import Foundation
import Yams

/// `council.yaml`: the council, its secretariat and its meeting series.
struct CouncilFile {
    static let keys = ["id", "name", "short_name", "time_zone", "secretariat", "business_days", "closures", "series"]
    static let seriesKeys = ["id", "title", "kind", "schedule", "time", "venue", "online", "invite", "holiday_policy", "exceptions"]
    static let inviteKeys = ["kinds", "businesses", "exclude"]
    static let exceptionKeys = ["date", "cancel", "move_to", "time", "reason"]

    /// A series with the places of the references that can only be checked against the roster.
    struct SeriesEntry {
        var series: MeetingSeries
        var businessNodes: [(BusinessID, Node)]
    }

    var council: Council
    var seriesEntries: [SeriesEntry]

    static func read(_ text: String, reader: YAMLReader, directoryName: String, expander: (any RecurrenceExpanding)?) -> CouncilFile? {
        guard let root = reader.root(of: text), let map = reader.mapping(root, "council.yaml", keys: keys) else { return nil }
        let id = map.required("id").flatMap { reader.identifier($0, "id") }
        if let id, id != directoryName, let node = map["id"] {
            reader.report(.idMismatch, at: node, "idがフォルダ名と違います / id \"\(id)\" differs from its folder \"\(directoryName)\"", expected: directoryName)
        }
        let name = map.required("name").flatMap { reader.nonEmptyString($0, "name") }
        let shortName = map["short_name"].flatMap { reader.nonEmptyString($0, "short_name") }
        let timeZone = map["time_zone"].flatMap { reader.nonEmptyString($0, "time_zone") } ?? "Asia/Tokyo"
        var secretariat: Secretariat?
        if let node = map["secretariat"], let office = reader.mapping(node, "secretariat", keys: ["name", "contact"]) {
            if let officeName = office.required("name").flatMap({ reader.nonEmptyString($0, "secretariat.name") }) {
                secretariat = Secretariat(name: officeName, contact: office["contact"].flatMap { reader.nonEmptyString($0, "secretariat.contact") })
            }
        }
        let calendar = readCalendar(map, reader: reader)
        var entries: [SeriesEntry] = []
        var seen: [SeriesID: Node] = [:]
        for item in map["series"].flatMap({ reader.sequence($0, "series") }) ?? [] {
            guard let entry = readSeries(item, reader: reader, scheduler: Scheduler(calendar: calendar, expander: expander)) else { continue }
            if let first = seen[entry.series.id] {
                reader.report(.duplicateID, at: item, "会議体のid「\(entry.series.id)」が重複しています / duplicate series id (first on line \(first.mark?.line ?? 0))", expected: "a different id for each series")
                continue
            }
            seen[entry.series.id] = item
            entries.append(entry)
        }
        guard let id, let name else { return nil }
        let council = Council(id: id, name: name, shortName: shortName ?? name, timeZone: timeZone, secretariat: secretariat, calendar: calendar, series: entries.map(\.series))
        return CouncilFile(council: council, seriesEntries: entries)
    }

    /// `business_days: [月, 火, 水, 木, 金]` and `closures: ["12-29..01-03", 2026-08-14, "2026-08-13..2026-08-15"]`.
    private static func readCalendar(_ map: MappingReader, reader: YAMLReader) -> BusinessCalendar {
        var calendar = BusinessCalendar()
        if let node = map["business_days"], let items = reader.sequence(node, "business_days") {
            var days: Set<Int> = []
            for item in items {
                guard let text = reader.nonEmptyString(item, "business_days") else { continue }
                let name = text.hasSuffix("曜日") ? String(text.dropLast(2)) : text
                guard name.count == 1, let index = ["月", "火", "水", "木", "金", "土", "日"].firstIndex(of: name) else {
                    reader.report(.badSchedule, at: item, "曜日「\(text)」を読めません / not a weekday", expected: "月 火 水 木 金 土 日")
                    continue
                }
                days.insert(index + 1)
            }
            calendar.workingWeekdays = days
        }
        if let node = map["closures"], let items = reader.sequence(node, "closures") {
            calendar.closures = items.compactMap { reader.closure($0) }
        }
        return calendar
    }

    private static func readSeries(_ node: Node, reader: YAMLReader, scheduler: Scheduler) -> SeriesEntry? {
        guard let map = reader.mapping(node, "series", keys: seriesKeys) else { return nil }
        let id = map.required("id").flatMap { reader.identifier($0, "series.id") }
        let title = map.required("title").flatMap { reader.nonEmptyString($0, "series.title") }
        let kind = map.required("kind").flatMap { node -> MeetingKind? in
            guard let label = reader.nonEmptyString(node, "series.kind") else { return nil }
            guard let kind = MeetingKind(label: label) else {
                reader.report(.unknownKind, at: node, "会議体の種別「\(label)」はありません / unknown meeting kind", expected: MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))
                return nil
            }
            return kind
        }
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
                reader.report(.badSchedule, at: node, "holiday_policy「\(text)」はありません / unknown holiday policy.\(didYouMean(text, among: HolidayPolicy.allCases.map(\.rawValue)))", expected: HolidayPolicy.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let time = map["time"].flatMap { reader.timeRange($0) }
        let venue = map["venue"].flatMap { reader.nonEmptyString($0, "series.venue") }
        let online = map["online"].flatMap { reader.nonEmptyString($0, "series.online") }
        var invitation = Invitation()
        var businessNodes: [(BusinessID, Node)] = []
        if let node = map["invite"], let invite = reader.mapping(node, "invite", keys: inviteKeys) {
            for kindNode in invite["kinds"].flatMap({ reader.sequence($0, "invite.kinds") }) ?? [] {
                guard let label = reader.nonEmptyString(kindNode, "invite.kinds") else { continue }
                guard let kind = BusinessKind(label: label) else {
                    reader.report(.unknownKind, at: kindNode, "事業所の種別「\(label)」はありません / unknown business kind", expected: BusinessKind.allCases.map(\.rawValue).joined(separator: ", "))
                    continue
                }
                invitation.kinds.insert(kind)
            }
            for (key, exclude) in [("businesses", false), ("exclude", true)] {
                for item in invite[key].flatMap({ reader.sequence($0, "invite.\(key)") }) ?? [] {
                    guard let raw = reader.identifier(item, "invite.\(key)") else { continue }
                    let id = BusinessID(raw)
                    businessNodes.append((id, item))
                    if exclude { invitation.excluded.insert(id) } else { invitation.businesses.append(id) }
                }
            }
        }
        guard let id, let title, let kind, let schedule, let scheduleText else { return nil }
        var series = MeetingSeries(id: SeriesID(id), title: title, kind: kind, schedule: schedule, scheduleText: scheduleText, time: time, venue: venue, onlineURL: online, invitation: invitation, holidayPolicy: policy)
        if let node = map["exceptions"] {
            series.exceptions = readExceptions(node, of: series, reader: reader, scheduler: scheduler)
        }
        return SeriesEntry(series: series, businessNodes: businessNodes)
    }

    /// Each exception names a date the rule gives; a date the rule never gives is a mistake.
    private static func readExceptions(_ node: Node, of series: MeetingSeries, reader: YAMLReader, scheduler: Scheduler) -> [SeriesException] {
        var exceptions: [SeriesException] = []
        for item in reader.sequence(node, "exceptions") ?? [] {
            guard let map = reader.mapping(item, "exceptions", keys: exceptionKeys),
                  let dateNode = map.required("date"), let date = reader.date(dateNode, "exceptions.date") else { continue }
            let reason = map["reason"].flatMap { reader.nonEmptyString($0, "exceptions.reason") }
            let change: SeriesException.Change
            if let cancel = map["cancel"] {
                guard map["move_to"] == nil, map["time"] == nil else {
                    reader.report(.badSchedule, at: item, "cancelとmove_to/timeは同時に書けません / cancel cannot go with move_to or time", expected: "either cancel: 理由, or move_to: / time:")
                    continue
                }
                guard let why = reader.nonEmptyString(cancel, "exceptions.cancel") else { continue }
                exceptions.append(SeriesException(originalDate: date, change: .cancel, reason: reason ?? why))
            } else {
                let moveTo = map["move_to"].flatMap { reader.date($0, "exceptions.move_to") }
                let time = map["time"].flatMap { reader.timeRange($0) }
                guard moveTo != nil || time != nil else {
                    if map["move_to"] == nil && map["time"] == nil {
                        reader.report(.missingKey, at: item, "中止か変更かを書いてください / say whether the meeting is cancelled or moved", expected: "cancel: 理由, or move_to: YYYY-MM-DD and/or time: HH:MM-HH:MM")
                    }
                    continue
                }
                change = .move(date: moveTo, time: time)
                exceptions.append(SeriesException(originalDate: date, change: change, reason: reason))
            }
            let year = FiscalYear(containing: date)
            if let dates = try? series.schedule.dates(from: year.firstDay, through: year.lastDay, expander: scheduler.expander), !dates.contains(date) {
                let near = dates.filter { $0.year == date.year && $0.month == date.month }.map(\.description)
                reader.report(.badSchedule, at: dateNode, "\(date)は「\(series.scheduleText)」の開催日ではありません / \(date) is not a date of this series", expected: near.isEmpty ? "a date the schedule gives" : "a date the schedule gives, e.g. \(near.joined(separator: ", "))")
                exceptions.removeLast()
            }
        }
        return exceptions
    }
}

extension YAMLReader {
    /// Ids are what URLs and file names are made of: lower-case ASCII letters, digits, '-' and '_'.
    func identifier(_ node: Node, _ what: String) -> String? {
        guard let text = nonEmptyString(node, what) else { return nil }
        guard text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F }) else {
            report(.badID, at: node, "\(what)「\(text)」に使えない文字があります / \(what) has characters ids cannot have", expected: "lower-case letters a–z, digits, '-' and '_' (e.g. aoba-renrakukai)")
            return nil
        }
        return text
    }

    /// `14:00-16:00` (also with 〜, ～ or –).
    func timeRange(_ node: Node) -> TimeRange? {
        guard let text = nonEmptyString(node, "time") else { return nil }
        let parts = text.split(whereSeparator: { "-〜～–—".contains($0) }).map { String($0).trimmingSpaces }
        guard parts.count == 2, let start = clockTime(parts[0]), let end = clockTime(parts[1]), start < end else {
            report(.badTime, at: node, "時間「\(text)」を読めません / cannot read the time range", expected: "HH:MM-HH:MM with the end after the start, e.g. 14:00-16:00")
            return nil
        }
        return TimeRange(start: start, end: end)
    }
}

extension YAMLReader {
    func date(_ node: Node, _ what: String) -> CalendarDate? {
        guard let text = nonEmptyString(node, what) else { return nil }
        guard let date = isoDate(text) else {
            report(.badDate, at: node, "\(what)「\(text)」は日付として読めません / not a date", expected: "YYYY-MM-DD, a day that exists")
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
        if ends.count <= 2, let first = isoDate(ends[0]), let last = ends.count == 2 ? isoDate(ends[1]) : first, first <= last {
            return Closure(span: .dates(first, last), name: name)
        }
        let monthDays = ends.map { $0.split(separator: "-").compactMap { Int($0) } }
        if ends.count == 2, monthDays.allSatisfy({ $0.count == 2 && (1...12).contains($0[0]) && (1...31).contains($0[1]) }) {
            return Closure(span: .yearly(fromMonth: monthDays[0][0], fromDay: monthDays[0][1], toMonth: monthDays[1][0], toDay: monthDays[1][1]), name: parts.count > 1 ? name : "年末年始")
        }
        report(.badDate, at: node, "休館日「\(text)」を読めません / cannot read the closure", expected: "12-29..01-03 (every year), 2026-08-14, or 2026-08-13..2026-08-15, optionally followed by a name")
        return nil
    }
}

/// `14:00` → 14:00; nil unless hour 0–23 and minute 0–59.
func clockTime(_ text: String) -> ClockTime? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
          let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2 else { return nil }
    let time = ClockTime(hour: hour, minute: minute)
    return time.isValid ? time : nil
}
