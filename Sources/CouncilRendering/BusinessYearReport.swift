import CouncilCore
import Foundation
import TextFormats

/// One business's year for itself and for the secretariat: the meetings it was invited to and what was recorded,
/// its supervision and visit slots, and its 参加率 beside the council's.
///
/// Text form:
///
/// ```
/// 令和8年度 青葉区障害者自立支援協議会 ひろせ相談支援センターの一年
/// (令和8年12月1日時点・指定特定)
///
/// 参加率      67%(出席 4 / 案内 6)
/// 協議会全体  53%(出席 64 / 案内 120)
/// ■ 会議と出欠
///   開催日              会議                      記録
///   令和8年4月14日(火)  相談支援事業所等連絡会議  出席
/// …
/// ```
public struct BusinessYearReport: Sendable {
    public var year: BusinessYear

    public init(year: BusinessYear) {
        self.year = year
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json, html
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return BusinessYearTextRenderer(report: self, markdown: false).render()
        case .markdown: return BusinessYearTextRenderer(report: self, markdown: true).render()
        case .json: return json()
        case .html: return BusinessYearHTMLRenderer(report: self).render()
        }
    }

    var review: ParticipationReview { year.review }

    var title: String {
        "\(review.year.japaneseName) \(review.council.name) \(year.business.name)の一年"
    }

    var subtitle: String {
        "\(review.asOf.japaneseDescription)時点・\(year.business.kindName)"
    }

    /// 出席, 欠席連絡あり, 無回答, 未記録, 中止, 予定, 飛び入り(出席).
    static func label(_ state: BusinessYear.State) -> String {
        switch state {
        case .recorded(let status): return status.rawValue
        case .noReply: return "無回答"
        case .unrecorded: return "未記録"
        case .cancelled: return "中止"
        case .upcoming: return "予定"
        case .walkIn(let status): return "飛び入り(\(status.rawValue))"
        }
    }

    /// What the label means for the figures, where it is not plain.
    static func meaning(_ state: BusinessYear.State) -> String {
        switch state {
        case .recorded(let status): return status.attended ? "参加率に数えます(参加)" : "参加率に数えます(不参加)"
        case .noReply: return "記録された会議に、この事業所の出欠がありません(不参加として数えます)"
        case .unrecorded: return "開催済み・会議の出欠が未記録(記録されるまで数えません)"
        case .cancelled: return "中止(数えません)"
        case .upcoming: return "これから"
        case .walkIn: return "案内していない会議への参加(参加率には数えません)"
        }
    }

    /// A state as JSON names it.
    static func identifier(_ state: BusinessYear.State) -> String {
        switch state {
        case .recorded(let status): return status.identifier
        case .noReply: return "no-reply"
        case .unrecorded: return "unrecorded"
        case .cancelled: return "cancelled"
        case .upcoming: return "upcoming"
        case .walkIn(let status): return "walk-in-" + status.identifier
        }
    }

    func time(_ meeting: Meeting) -> String {
        meeting.occurrence.time.map { "\($0.start)〜\($0.end)" } ?? ""
    }

    func place(_ meeting: Meeting) -> String {
        [meeting.announcement.venue, meeting.announcement.onlineURL.map { _ in "オンライン併用" }].compactMap { $0 }.joined(
            separator: "・")
    }

    /// `個別スーパービジョン`, `対象`, `主任 青葉`, `実施`.
    func slotCells(_ line: BusinessYear.SlotLine) -> [String] {
        let assignment = line.assignment
        let state = assignment.outcome?.rawValue ?? (assignment.slot.date > review.asOf ? "予定" : "開催日を過ぎた・未記録")
        return [
            assignment.slot.date.japaneseDescription, line.rotation.title, line.isTarget ? "対象(受ける)" : "担当(職員が担当)",
            line.leads.joined(separator: "・"), state,
        ]
    }

    /// The figures' lines: the business, the council, its kind.
    var rateLines: [(label: String, figure: String, counts: String)] {
        var lines = [
            (
                "参加率", year.rate.percent,
                "出席 \(year.rate.attended) / 案内 \(year.rate.invited)・うちオンライン \(year.rate.online)"
            ),
            ("回答率", year.rate.replyPercent, "回答 \(year.rate.replied) / 案内 \(year.rate.invited)"),
            ("協議会全体", year.councilRate.percent, "出席 \(year.councilRate.attended) / 案内 \(year.councilRate.invited)"),
        ]
        if let kind = year.kindRate {
            lines.append(("\(year.business.kindName)全体", kind.percent, "出席 \(kind.attended) / 案内 \(kind.invited)"))
        }
        return lines
    }

    func json() -> String {
        struct Rate: Encodable {
            var attended, invited, online, excused, absent, replied: Int
            var rate: Double?
            init(_ rate: ParticipationReview.Rate) {
                (attended, invited, online, excused, absent, replied, self.rate) = (
                    rate.attended, rate.invited, rate.online, rate.excused, rate.absent, rate.replied, rate.ratio
                )
            }
        }
        struct MeetingLine: Encodable {
            var date, originalDate, series, title, state: String
            var counted: Bool
            var headCount: Int?
            var note: String?
        }
        struct SlotLine: Encodable {
            var date, rotation, title, role: String
            var leads: [String]
            var outcome: String?
        }
        struct Document: Encodable {
            var council: String
            var year: Int
            var asOf: String
            var business: [String: String]
            var rate: Rate
            var councilRate: Rate
            var kindRate: Rate?
            var meetings: [MeetingLine]
            var slots: [SlotLine]
        }
        let business = year.business
        let document = Document(
            council: review.council.id, year: review.year.startYear, asOf: review.asOf.description,
            business: ["id": business.id.rawValue, "name": business.name, "kind": business.kindName],
            rate: Rate(year.rate), councilRate: Rate(year.councilRate), kindRate: year.kindRate.map(Rate.init),
            meetings: year.meetings.map {
                MeetingLine(
                    date: $0.meeting.date.description, originalDate: $0.meeting.occurrence.originalDate.description,
                    series: $0.meeting.series.rawValue,
                    title: $0.meeting.announcement.title, state: Self.identifier($0.state), counted: $0.isCounted,
                    headCount: $0.entry?.headCount, note: $0.entry?.note)
            },
            slots: year.slots.map {
                SlotLine(
                    date: $0.assignment.slot.date.description, rotation: $0.rotation.id.rawValue,
                    title: $0.rotation.title,
                    role: $0.isTarget ? "target" : "lead", leads: $0.leads, outcome: $0.assignment.outcome?.identifier)
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, numbers and optionals cannot fail.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }
}

/// Text and Markdown of a business's year.
struct BusinessYearTextRenderer {
    let report: BusinessYearReport
    let markdown: Bool

    func render() -> String {
        let sections = TextSections(markdown: markdown)
        let year = report.year
        var out: [String] = [
            markdown ? "# \(report.title)" : report.title,
            markdown ? "\n\(report.subtitle)\n" : "(\(report.subtitle))\n",
        ]
        out += report.rateLines.map { sections.line($0.label, "\($0.figure)(\($0.counts))") }
        out.append("")
        let past = year.meetings.filter { $0.state != .upcoming }
        out += sections.table(
            "会議と出欠", ["開催日", "会議", "記録"],
            past.map {
                [
                    $0.meeting.date.japaneseDescription, $0.meeting.announcement.title,
                    BusinessYearReport.label($0.state),
                ]
            }, empty: "まだありません")
        out += sections.table(
            "これからの会議", ["開催日", "時間", "会議", "会場"],
            year.upcoming.map {
                [
                    $0.meeting.date.japaneseDescription, report.time($0.meeting), $0.meeting.announcement.title,
                    report.place($0.meeting),
                ]
            }, empty: "今年度はもうありません")
        out += sections.table(
            "スーパービジョン・訪問", ["日付", "種類", "役割", "担当", "状況"], year.slots.map(report.slotCells), empty: "今年度はありません")
        out.append(
            markdown
                ? "記録の意味: 無回答 = 出欠の記録された会議に、この事業所の記録がないもの(不参加として数えます)。未記録 = 会議そのものの出欠が未記録(まだ数えません)。"
                : "無回答: 出欠の記録された会議に、この事業所の記録がないもの(不参加として数えます)。未記録: 会議そのものの出欠が未記録(まだ数えません)。")
        return out.joined(separator: "\n") + "\n"
    }
}
