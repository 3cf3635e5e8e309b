import CouncilCore
import HTMLTemplates

/// One A4 page per business, for the secretariat to print or send: the business's own feed URL as https and
/// webcal, a QR code of it, and how to subscribe in Google Calendar, Outlook and on an iPhone.
public enum FeedLetters {
    /// The letters of `businesses` of `council`, dated `date`, their URLs under `base` (the site's root).
    /// A council above councils has no letters of its own: the page names its members, each at `memberFolder(id)`.
    public static func html(
        council: Council, businesses: [Business], tokens: FeedTokens, base: String, date: CalendarDate,
        memberFolder: (String) -> String = { "plans/\($0)" }
    ) -> String {
        let letters = businesses.map { business in
            letter(
                council: council, business: business,
                links: SubscriptionLinks(base: base, path: tokens.feedPath(council: council.id, business: business)),
                page: SubscriptionLinks(base: base, path: tokens.pagePath(council: council.id, business: business)).url,
                date: date)
        }
        return HTMLTemplate.render(
            .lettersPage,
            [
                "title": "\(council.name) カレンダー配信のご案内",
                "style": style,
                "letters": letters,
                "members": HTMLTemplate.section(letters.isEmpty ? membersNote(council, memberFolder) : nil),
            ])
    }

    /// A council above councils has no letters of its own: its businesses' feeds are at their own councils, which
    /// hold its meetings too. The page says so and names those councils (`HTMLTemplate.Name.membersNote`).
    private static func membersNote(_ council: Council, _ folder: (String) -> String) -> [String: Any] {
        let members = council.members.map { id -> [String: Any] in
            ["member": council.memberCouncils[id]?.name ?? id, "folder": folder(id)]
        }
        return [
            "name": council.name, "shortName": council.shortName, "hasMembers": !members.isEmpty, "members": members,
        ]
    }

    /// One business's letter (`HTMLTemplate.Name.letter`).
    private static func letter(
        council: Council, business: Business, links: SubscriptionLinks, page: String, date: CalendarDate
    ) -> [String: Any] {
        [
            "id": business.id.rawValue,
            "date": "\(JapaneseEra.yearName(of: date))\(date.month)月\(date.day)日",
            "name": business.name,
            "council": council.name,
            "from": council.secretariat?.name ?? "\(council.name) 事務局",
            "qr": links.qr(label: "\(business.name)の専用URLのQRコード(webcal)"),
            "url": links.url,
            "webcal": links.webcal,
            "google": links.googleCalendar,
            "page": page,
            "steps": SubscriptionHelp.steps(https: "専用URL(https)", webcal: "専用URL(webcal)"),
            "contact": HTMLTemplate.section(council.secretariat?.contactLine),
        ]
    }

    private static let style = """
        @page { size: A4; margin: 16mm 18mm; }
        body { margin: 0; line-height: 1.55; font-size: 10pt; }
        .letter { max-width: 174mm; margin: 0 auto; break-after: page; }
        .letter:last-child { break-after: auto; }
        .date, .from { text-align: right; margin: 0; }
        .to { font-size: 13pt; margin: 0 0 4mm; }
        h1 { font-size: 14pt; text-align: center; margin: 6mm 0 4mm; }
        h2 { font-size: 11pt; border-bottom: 1px solid #555; margin: 5mm 0 1mm; }
        .caution { font-weight: bold; }
        .qr-row { display: flex; gap: 6mm; align-items: center; border: 1px solid #555; padding: 4mm; }
        .qr svg { width: 38mm; height: 38mm; display: block; }
        .label { font-weight: bold; margin: 0; }
        code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; }
        dt { font-weight: bold; margin-top: 1.5mm; }
        dd { margin-left: 4mm; }
        .contact { margin-top: 5mm; }
        a { color: #0645ad; }
        @media screen { .letter { padding: 8mm 0; border-bottom: 2px dashed #999; } }
        """
}
