import BenchmarkSupport
import CivilCalendar

/// A council the simulator made up: its businesses and meeting series, as the model knows them. The plan files
/// are written from this value (`councilYAML`, `businessesCSV`), so the model never reads what the product wrote.
public struct GeneratedCouncil: Sendable {
    public static let id = "sim"

    public struct Business: Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var openedOn: CalendarDate?
        public var closedOn: CalendarDate?
        public var staff: Int

        /// Whether it is open on `day`: invited to that day's meetings.
        public func isOpen(on day: CalendarDate) -> Bool {
            (openedOn.map { $0 <= day } ?? true) && (closedOn.map { day < $0 } ?? true)
        }
    }

    public struct Series: Sendable {
        public var id: String
        public var title: String
        public var kind: String
        public var rule: ModelRule
        public var time: (start: ClockTime, end: ClockTime)?
        public var venue: String?
        public var online: String?
        public var remind: String?
        public var answerBy: String?
        public var policy: ModelRule.HolidayPolicy
        public var inviteKinds: [String]
        public var inviteBusinesses: [String]
        public var exclude: [String]
        /// By the date the schedule gives (the rule's date): a move or a cancellation.
        public var exceptions: [CalendarDate: ModelRule.Exception] = [:]

        public func invites(_ business: Business) -> Bool {
            (inviteKinds.contains(business.kind) || inviteBusinesses.contains(business.id))
                && !exclude.contains(business.id)
        }
    }

    /// A supervision round or visits: slots after a series' meetings, a pool of businesses, leads from businesses
    /// and from the ward office.
    public struct Rotation: Sendable {
        public struct Lead: Sendable {
            public var id: String
            public var name: String
            /// The business they belong to, or nil for 区職員 (with their section, a 区役所 business, if any).
            public var business: String?
            public var section: String?
        }

        public var id: String
        public var title: String
        public var kind: String
        public var after: String
        public var targetsPerSlot: Int
        public var poolKinds: [String]
        public var leads: [Lead]
        public var pair: Bool
    }

    public var name: String
    public var year: Int
    public var businesses: [Business]
    public var series: [Series]
    public var rotations: [Rotation] = []
    /// A local closed day every year (month, day, name), like 慰霊の日 (6/23) in 沖縄.
    public var localClosure: (month: Int, day: Int, name: String)?

    public var calendar: ModelCalendar { ModelCalendar(localClosure: localClosure.map { ($0.month, $0.day) }) }

    public static let businessKinds = ["指定特定", "障害児相談", "委託", "基幹", "地域包括", "区役所", "その他"]
    public static let meetingKinds = ["連絡会", "ケースレビュー", "情報交換会", "研修会", "運営会議", "その他"]

    /// 5–40 businesses of every kind, some opening or closing within the year, one-person ones; 1–4 series.
    public static func generate(_ random: inout SplitMix64, year: Int) -> GeneratedCouncil {
        let start = CalendarDate(year: year, month: 4, day: 1)
        var businesses: [Business] = []
        for index in 0..<(5 + random.below(36)) {
            var business = Business(
                id: "b\(index)", name: RandomText.make(&random, maxLength: 40),
                kind: businessKinds[random.below(businessKinds.count)],
                openedOn: CalendarDate(
                    year: year - 1 - random.below(15), month: 1 + random.below(12), day: 1 + random.below(28)),
                closedOn: nil, staff: random.below(3) == 0 ? 1 : 2 + random.below(8)
            )
            switch random.below(10) {
            case 0: business.openedOn = start.adding(days: 1 + random.below(360))  // opens within the year
            case 1: business.closedOn = start.adding(days: 1 + random.below(360))  // closes within the year
            case 2: business.openedOn = nil
            default: break
            }
            businesses.append(business)
        }
        var series: [Series] = []
        for index in 0..<(1 + random.below(4)) {
            let kinds = businessKinds.filter { _ in random.below(2) == 0 }
            let named = businesses.filter { _ in random.below(8) == 0 }.map(\.id)
            let excluded = businesses.filter { _ in random.below(12) == 0 }.map(\.id)
            let startHour = 9 + random.below(7)
            series.append(
                Series(
                    id: "s\(index)", title: RandomText.make(&random, maxLength: 90),
                    kind: meetingKinds[random.below(meetingKinds.count)],
                    rule: ModelRule.generate(&random, year: year),
                    time: random.below(6) == 0
                        ? nil
                        : (
                            ClockTime(hour: startHour, minute: [0, 30][random.below(2)]),
                            ClockTime(hour: startHour + 1 + random.below(3), minute: 0)
                        ),
                    venue: random.below(4) == 0 ? nil : RandomText.make(&random, maxLength: 120),
                    online: random.below(3) == 0
                        ? "https://meet.example.jp/\(RandomText.ascii(&random, length: 1 + random.below(60)))" : nil,
                    remind: random.below(3) == 0 ? ["1日前", "2時間前", "30分前"][random.below(3)] : nil,
                    answerBy: random.below(3) == 0 ? ["3日前", "前日", "当日"][random.below(3)] : nil,
                    policy: ModelRule.HolidayPolicy.allCases[random.below(ModelRule.HolidayPolicy.allCases.count)],
                    inviteKinds: kinds.isEmpty ? ["指定特定"] : kinds, inviteBusinesses: named, exclude: excluded
                ))
        }
        var rotations: [Rotation] = []
        for index in 0..<random.below(3) {
            let wardOffices = businesses.filter { $0.kind == "区役所" }
            var leads: [Rotation.Lead] = []
            for lead in 0..<(1 + random.below(4)) {
                let fromBusiness = random.below(3) > 0
                leads.append(
                    Rotation.Lead(
                        id: "l\(index)x\(lead)", name: RandomText.make(&random, maxLength: 20),
                        business: fromBusiness ? businesses[random.below(businesses.count)].id : nil,
                        section: !fromBusiness && !wardOffices.isEmpty
                            ? wardOffices[random.below(wardOffices.count)].id : nil
                    ))
            }
            let pair =
                leads.contains { $0.business == nil } && leads.contains { $0.business != nil } && random.below(3) == 0
            rotations.append(
                Rotation(
                    id: "r\(index)", title: RandomText.make(&random, maxLength: 30),
                    kind: ["個別SV", "GSV", "訪問"][random.below(3)],
                    after: series[random.below(series.count)].id, targetsPerSlot: 1 + random.below(2),
                    poolKinds: [["指定特定"], ["指定特定", "障害児相談"], ["委託", "基幹", "その他"]][random.below(3)], leads: leads,
                    pair: pair
                ))
        }
        return GeneratedCouncil(
            name: RandomText.make(&random, maxLength: 60), year: year, businesses: businesses, series: series,
            rotations: rotations,
            localClosure: random.below(4) == 0 ? (6, 23, "慰霊の日") : nil
        )
    }

    // MARK: - The plan files

    public var councilYAML: String {
        var lines = [
            "id: \(Self.id)", "name: \(yaml(name))", "uid_domain: sim.example.jp", "secretariat:",
            "  name: \(yaml("事務局"))",
        ]
        if let localClosure {
            lines += [
                "closures:", "  - 12-29..01-03",
                "  - \(String(format: "%02d-%02d..%02d-%02d", localClosure.month, localClosure.day, localClosure.month, localClosure.day)) \(localClosure.name)",
            ]
        }
        lines.append("series:")
        for series in series {
            lines += [
                "  - id: \(series.id)", "    title: \(yaml(series.title))", "    kind: \(series.kind)",
                "    schedule: \(yaml(series.rule.text))",
            ]
            if let time = series.time {
                lines.append(
                    "    time: \(String(format: "%02d:%02d-%02d:%02d", time.start.hour, time.start.minute, time.end.hour, time.end.minute))"
                )
            }
            if let venue = series.venue { lines.append("    venue: \(yaml(venue))") }
            if let online = series.online { lines.append("    online: \(yaml(online))") }
            if let remind = series.remind { lines.append("    remind: \(remind)") }
            if let answerBy = series.answerBy { lines.append("    answer_by: \(answerBy)") }
            lines.append("    holiday_policy: \(series.policy.rawValue)")
            lines.append("    invite:")
            lines.append("      kinds: [\(series.inviteKinds.joined(separator: ", "))]")
            if !series.inviteBusinesses.isEmpty {
                lines.append("      businesses: [\(series.inviteBusinesses.joined(separator: ", "))]")
            }
            if !series.exclude.isEmpty { lines.append("      exclude: [\(series.exclude.joined(separator: ", "))]") }
            if !series.exceptions.isEmpty {
                lines.append("    exceptions:")
                for (date, exception) in series.exceptions.sorted(by: { $0.key < $1.key }) {
                    lines.append("      - date: \(date)")
                    switch exception {
                    case .move(let to, let reason):
                        lines += ["        move_to: \(to)", "        reason: \(yaml(reason))"]
                    case .cancel(let reason): lines.append("        cancel: \(yaml(reason))")
                    }
                }
            }
        }
        if !rotations.isEmpty { lines.append("rotations:") }
        for rotation in rotations {
            lines += [
                "  - id: \(rotation.id)", "    title: \(yaml(rotation.title))", "    kind: \(rotation.kind)",
                "    after: \(rotation.after)",
                "    targets_per_slot: \(rotation.targetsPerSlot)", "    pool:",
                "      kinds: [\(rotation.poolKinds.joined(separator: ", "))]", "    leads:",
            ]
            for lead in rotation.leads {
                if let business = lead.business {
                    lines.append("      - {id: \(lead.id), name: \(yaml(lead.name)), business: \(business)}")
                } else {
                    lines.append(
                        "      - {id: \(lead.id), name: \(yaml(lead.name)), ward_office: true\(lead.section.map { ", section: \($0)" } ?? "")}"
                    )
                }
            }
            if rotation.pair { lines.append("    pair: true") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var businessesCSV: String {
        var lines = ["id,name,kind,opened_on,closed_on,staff"]
        for business in businesses {
            lines.append(
                [
                    business.id, business.name, business.kind, business.openedOn?.description ?? "",
                    business.closedOn?.description ?? "", "\(business.staff)",
                ].map(csv).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public var planYAML: String {
        "year: \(year)\ntitle: \(yaml("令和\(year - 2018)年度 計画"))\ntasks:\n"
            + series.map { "  - title: \(yaml($0.title))\n    months: 毎月\n    series: \($0.id)\n" }.joined()
    }

    /// A YAML double-quoted scalar.
    func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A CSV field, always quoted.
    func csv(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Texts of random lengths and scripts: ASCII, kana, kanji, 𠮷 (outside the BMP), emoji with modifiers, combining
/// marks, spaces, commas and quotes — never blank, never a control character (lint refuses those).
public enum RandomText {
    static let pieces: [[String]] = [
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").map(String.init),
        Array("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコ").map(String.init),
        Array("相談支援事業所連絡会議区障害者自立協議検討研修情報交換計画").map(String.init),
        ["𠮷", "👍🏽", "e\u{301}", "é", "（", "）", "・", "〜", "　"],
        [" ", ",", "\"", "'", ";", ":", "\\", "#", "&", "<", ">", "-", "/"],
    ]

    public static func make(_ random: inout SplitMix64, maxLength: Int) -> String {
        let length = 1 + random.below(maxLength)
        var text = ""
        for _ in 0..<length {
            let piece = pieces[random.below(pieces.count)]
            text += piece[random.below(piece.count)]
        }
        // Never blank at either end (the product trims those, and the model compares no text), never empty.
        return "「" + text + "」"
    }

    public static func ascii(_ random: inout SplitMix64, length: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<length).map { _ in letters[random.below(letters.count)] })
    }
}
