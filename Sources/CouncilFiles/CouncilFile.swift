import CouncilCore
import Yams

/// `council.yaml`: the council, its secretariat and its meeting series.
struct CouncilFile {
    static let keys = ["id", "name", "short_name", "time_zone", "secretariat", "series"]
    static let seriesKeys = ["id", "title", "kind", "schedule", "time", "venue", "online", "invite"]
    static let inviteKeys = ["kinds", "businesses", "exclude"]

    /// A series with the places of the references that can only be checked against the roster.
    struct SeriesEntry {
        var series: MeetingSeries
        var businessNodes: [(BusinessID, Node)]
    }

    var council: Council
    var seriesEntries: [SeriesEntry]

    static func read(_ text: String, reader: YAMLReader, directoryName: String) -> CouncilFile? {
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
        var entries: [SeriesEntry] = []
        var seen: [SeriesID: Node] = [:]
        for item in map["series"].flatMap({ reader.sequence($0, "series") }) ?? [] {
            guard let entry = readSeries(item, reader: reader) else { continue }
            if let first = seen[entry.series.id] {
                reader.report(.duplicateID, at: item, "会議体のid「\(entry.series.id)」が重複しています / duplicate series id (first on line \(first.mark?.line ?? 0))", expected: "a different id for each series")
                continue
            }
            seen[entry.series.id] = item
            entries.append(entry)
        }
        guard let id, let name else { return nil }
        let council = Council(id: id, name: name, shortName: shortName ?? name, timeZone: timeZone, secretariat: secretariat, series: entries.map(\.series))
        return CouncilFile(council: council, seriesEntries: entries)
    }

    private static func readSeries(_ node: Node, reader: YAMLReader) -> SeriesEntry? {
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
        let schedule = map.required("schedule").flatMap { reader.nonEmptyString($0, "series.schedule") }
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
        guard let id, let title, let kind, let schedule else { return nil }
        let series = MeetingSeries(id: SeriesID(id), title: title, kind: kind, schedule: schedule, time: time, venue: venue, onlineURL: online, invitation: invitation)
        return SeriesEntry(series: series, businessNodes: businessNodes)
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

/// `14:00` → 14:00; nil unless hour 0–23 and minute 0–59.
func clockTime(_ text: String) -> ClockTime? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
          let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2 else { return nil }
    let time = ClockTime(hour: hour, minute: minute)
    return time.isValid ? time : nil
}
