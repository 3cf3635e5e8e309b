import CouncilCore
import HTMLTemplates

/// The 開催案内 of one meeting, as a secretariat sends it: dated, from the secretariat to the invited businesses,
/// with the 令和 date and weekday, the time, the venue and online link, the plan's 取組 on its agenda, how to answer
/// and whom to ask. A moved meeting says so; a cancelled one becomes a notice of cancellation.
///
/// Text form (an e-mail body):
///
/// ```
/// 相談支援事業所等連絡会議の開催について(ご案内)
///
/// 令和8年12月1日(火)
/// 案内先: 相談室ひろせ 様、…(18事業所)
/// 青葉区障害者自立支援協議会 事務局(青葉区障害高齢課 障害者支援係)
///
/// 1 日時   令和8年12月8日(火) 14:00〜16:00
/// 2 会場   青葉区役所 4階 第1会議室
/// …
/// ```
public struct MeetingNotice: Sendable {
    public var council: Council
    public var meeting: Meeting
    /// The day the notice is sent.
    public var issued: CalendarDate

    public init(council: Council, meeting: Meeting, issued: CalendarDate) {
        self.council = council
        self.meeting = meeting
        self.issued = issued
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, html
    }

    var isCancelled: Bool { meeting.occurrence.status == .cancelled }

    public var title: String {
        "\(meeting.announcement.title)" + (isCancelled ? "の中止について(お知らせ)" : "の開催について(ご案内)")
    }

    /// The day to answer by: as the series says (`answer_by: 3日前`), else the last business day at least a week
    /// before the meeting; never before the notice.
    var answerBy: CalendarDate? {
        if let days = council.series(meeting.series)?.answerDays {
            let date = meeting.date.adding(days: -days)
            return date >= issued ? date : nil
        }
        let date = council.calendar.businessDay(from: meeting.date.adding(days: -6), step: -1)
        return date.flatMap { $0 >= issued ? $0 : nil }
    }

    var invitedNames: [String] {
        meeting.announcement.invited.compactMap { council.business($0)?.name }
    }

    /// The council, then its secretariat.
    var sender: [String] {
        [council.name, council.secretariat.map { "事務局: \($0.name)" } ?? "事務局"]
    }

    var lead: String {
        let reason = meeting.occurrence.note.map { "(\($0))" } ?? ""
        let asked = "ご多忙のところ恐れ入りますが、ご参加くださいますようお願いいたします。"
        switch meeting.occurrence.status {
        case .cancelled:
            return "\(meeting.date.japaneseDescription)に予定していた標記の会議は、中止します\(reason)。ご予定くださっていた皆様にはご迷惑をおかけしますが、ご了承ください。"
        case .moved:
            return
                "\(meeting.occurrence.movedFrom.japaneseDescription)に予定していた標記の会議は、日程を変更し、\(meeting.date.japaneseDescription)に開催します\(reason)。"
                + asked
        case .scheduled:
            return "標記の会議を下記のとおり開催します。" + asked
        }
    }

    /// 記: each item's label and lines.
    var items: [(label: String, lines: [String])] {
        var items: [(String, [String])] = [
            (
                "日時",
                [meeting.date.japaneseDescription + (meeting.occurrence.time.map { " \($0.start)〜\($0.end)" } ?? "")]
            )
        ]
        if isCancelled { return items }
        var place = meeting.announcement.venue.map { [$0] } ?? []
        if let online = meeting.announcement.onlineURL { place.append("オンライン参加: \(online)") }
        if !place.isEmpty { items.append(("会場", place)) }
        let agenda = MeetingAnnouncement.agenda(of: meeting.occurrence, in: council)
        if !agenda.isEmpty {
            let year = FiscalYear(containing: meeting.occurrence.originalDate)
            items.append(("内容", ["この回の取組(\(year.japaneseName)計画)"] + agenda.map { "\($0.numberLabel) \($0.title)" }))
        }
        let names = invitedNames
        items.append(("案内先", names.isEmpty ? ["なし"] : ["\(names.count)事業所: " + names.joined(separator: "、")]))
        let answer =
            "出席・オンライン・欠席を" + (answerBy.map { "\($0.japaneseDescription)までに" } ?? "") + "事務局へご連絡ください。欠席の場合も、ご連絡をお願いします。"
        items.append(("出欠の回答", [answer]))
        return items
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return text()
        case .html:
            return HTMLTemplate.render(
                .noticePage, ["title": title, "style": DocumentStyle.portrait + Self.style, "notice": html()])
        }
    }

    func text() -> String {
        var out =
            [title, "", issued.japaneseDescription, "案内先の事業所(\(invitedNames.count)事業所) 各位"] + sender + [
                "", lead, "", "記", "",
            ]
        for (index, item) in items.enumerated() {
            out.append("\(index + 1) \(DisplayWidth().padded(item.label, to: 10)) \(item.lines[0])")
            out += item.lines.dropFirst().map { "  \(String(repeating: " ", count: 10)) \($0)" }
        }
        out += ["", council.secretariat?.contactLine ?? "問合せ: \(council.name) 事務局", ""]
        return out.joined(separator: "\n")
    }

    /// The notice's own block (`HTMLTemplate.Name.notice`); several make one page of notices, each printed on its
    /// own sheet. `level` is the heading level of the notice's title: 1 alone, 2 under a page of notices.
    func html(level: Int = 1) -> [String: Any] {
        [
            "issued": issued.japaneseDescription,
            "invitedCount": invitedNames.count,
            "sender": sender,
            "level": level,
            "title": title,
            "lead": lead,
            "items": items.map { label, lines -> [String: Any] in ["label": label, "lines": lines] },
            "contact": HTMLTemplate.section(council.secretariat?.contactLine),
        ]
    }

    static let style = """
        article.notice { max-width: 46rem; margin: 0 auto 3rem; }
        article.notice + article.notice { break-before: page; }
        p.date, p.from { text-align: right; margin: 0.2rem 0; }
        .notice-title { text-align: center; font-size: 1.3rem; margin: 1.5rem 0; }
        p.ki { text-align: center; }
        table.items th { width: 7rem; background: #eef2f7; text-align: left; }
        p.contact { margin-top: 2rem; border-top: 1px solid #999; padding-top: 0.5rem; }
        .notice-title { border: none; padding: 0; }
        @media print { .screen-only { display: none; } }
        """

    /// Several notices as one page, each on its own printed sheet (none: a page that says so).
    public static func page(_ notices: [MeetingNotice], title: String) -> String {
        HTMLTemplate.render(
            .noticesPage,
            [
                "title": title,
                "style": DocumentStyle.portrait + style,
                "hasNotices": !notices.isEmpty,
                "notices": notices.map { $0.html(level: 2) },
            ])
    }
}
