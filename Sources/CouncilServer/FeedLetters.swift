import CouncilCore
import TextFormats

/// One A4 page per business, for the secretariat to print or send: the business's own feed URL as https and
/// webcal, a QR code of it, and how to subscribe in Google Calendar, Outlook and on an iPhone.
public enum FeedLetters {
    /// The letters of `businesses` of `council`, dated `date`, their URLs under `base` (the site's root).
    /// A council above councils has no letters of its own: the page names its members, each at `memberFolder(id)`.
    public static func html(council: Council, businesses: [Business], tokens: FeedTokens, base: String, date: CalendarDate, memberFolder: (String) -> String = { "plans/\($0)" }) -> String {
        let pages = businesses.map { business in
            letter(council: council, business: business, links: SubscriptionLinks(base: base, path: tokens.feedPath(council: council.id, business: business)),
                   page: SubscriptionLinks(base: base, path: tokens.pagePath(council: council.id, business: business)).url, date: date)
        }
        return htmlPage(title: "\(council.name) カレンダー配信のご案内", style: style, body: "<main>\n" + (pages.isEmpty ? membersNote(council, memberFolder) : pages.joined(separator: "\n")) + "\n</main>")
    }

    /// A council above councils has no letters of its own: its businesses' feeds are at their own councils, which
    /// hold its meetings too. The page says so and names those councils.
    private static func membersNote(_ council: Council, _ folder: (String) -> String) -> String {
        let members = council.members.map { id in "<li>\(htmlEscaped(council.memberCouncils[id]?.name ?? id))(<code>council feed-url \(htmlEscaped(folder(id))) --format html</code>)</li>" }
        guard !members.isEmpty else { return "<h1>\(htmlEscaped(council.name))</h1>\n<p>案内状を出す事業所がありません。</p>" }
        return """
        <h1>\(htmlEscaped(council.name)) カレンダー配信のご案内</h1>
        <p>\(htmlEscaped(council.name))の会議は、各事業所が所属する協議会の配信に載ります。事業所への案内状は、次の協議会ごとに出してください(それぞれの案内状のURLに\(htmlEscaped(council.shortName))の会議も含まれます)。</p>
        <ul>
        \(members.joined(separator: "\n"))
        </ul>
        """
    }

    private static func letter(council: Council, business: Business, links: SubscriptionLinks, page: String, date: CalendarDate) -> String {
        let from = council.secretariat?.name ?? "\(council.name) 事務局"
        let contact = council.secretariat.map { "<p class=\"contact\">\(htmlEscaped($0.contactLine))</p>" } ?? ""
        return """
        <section class="letter" aria-labelledby="to-\(htmlEscaped(business.id.rawValue))">
        <p class="date">\(JapaneseEra.yearName(of: date))\(date.month)月\(date.day)日</p>
        <p class="to" id="to-\(htmlEscaped(business.id.rawValue))">\(htmlEscaped(business.name)) 御中</p>
        <p class="from">\(htmlEscaped(council.name))<br>\(htmlEscaped(from))</p>
        <h1>会議日程のカレンダー配信(事業所専用URL)のご案内</h1>
        <p>\(htmlEscaped(council.name))の会議日程を、お使いのカレンダーアプリで購読できます。下の専用URLには、貴事業所が案内されている会議(連絡会・ケースレビュー・研修会など)と、貴事業所が対象または担当のスーパービジョン・訪問の予定が載ります。日程の変更や中止は自動で反映されます。</p>
        <p class="caution">この専用URLは貴事業所のためのものです。事業所の外の方とは共有しないでください。</p>
        <div class="qr-row">
        \(links.qrFigure(label: "\(business.name)の専用URLのQRコード(webcal)"))
        <div>
        <p class="label">専用URL(https)</p>
        <p><code>\(htmlEscaped(links.url))</code></p>
        <p class="label">専用URL(webcal)</p>
        <p><code>\(htmlEscaped(links.webcal))</code></p>
        <p class="links"><a href="\(htmlEscaped(links.webcal))">カレンダーアプリで開く</a> ・ <a href="\(htmlEscaped(links.googleCalendar))">Googleカレンダーに追加</a></p>
        </div>
        </div>
        <p>貴事業所専用のページ(購読のしかたと、今年度の出欠の記録・参加率): <code>\(htmlEscaped(page))</code></p>
        <h2>購読のしかた</h2>
        <dl>
        \(SubscriptionHelp.steps(https: "専用URL(https)", webcal: "専用URL(webcal)"))
        </dl>
        \(contact)
        </section>
        """
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
