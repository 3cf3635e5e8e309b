import CouncilCore
import TextFormats

/// The Japanese pages that tell a business how to subscribe.
enum SubscriptionPages {
    static func index(councils: [Council]) -> String {
        let items = councils.map { "<li><a href=\"/\(escape($0.id))/\">\(escape($0.name))</a></li>" }.joined(separator: "\n")
        return page(title: "自立支援協議会 カレンダー配信", body: """
        <h1>自立支援協議会 カレンダー配信</h1>
        <ul>
        \(items)
        </ul>
        """)
    }

    static func council(_ council: Council, base: String) -> String {
        let links = SubscriptionLinks(base: base, path: "\(council.id)/council.ics")
        return page(title: "\(council.name) カレンダー配信", body: """
        <h1>\(escape(council.name)) カレンダー配信</h1>
        <p>協議会の会議日程(連絡会・ケースレビュー・研修会など)をカレンダーアプリで購読できます。日程の変更や中止も自動で反映されます。</p>
        <h2>協議会全体のカレンダー</h2>
        \(subscribe(links, qrLabel: "\(council.name)のカレンダーのQRコード(webcal)"))
        <p>iPhone・iPadはカメラでQRコードを読み取ると購読できます。</p>
        \(howTo)
        <h2>事業所ごとのカレンダー</h2>
        <p>各事業所が案内されている会議と、その事業所のスーパービジョン・訪問の予定だけを載せた専用のURLを、事務局からお送りしています。専用URLは他の方と共有しないでください。</p>
        \(council.secretariat.map { "<p>\(escape($0.contactLine))</p>" } ?? "")
        """)
    }

    /// The index of the folder of business feeds and pages: it lists nothing, and says where each business's URL is.
    static func unlisted(_ council: Council) -> String {
        page(title: "\(council.name) 事業所ごとのカレンダー", body: """
        <h1>\(escape(council.name)) 事業所ごとのカレンダー</h1>
        <p>事業所ごとのカレンダーとページの一覧はありません。各事業所の専用URLは、事務局からお送りしている案内状に載っています。</p>
        <p><a href="../">協議会全体のカレンダー</a></p>
        \(council.secretariat.map { "<p>\(escape($0.contactLine))</p>" } ?? "")
        """)
    }

    /// A business's own page, behind its token: its feed's links and QR code, how to subscribe, and a link to its
    /// year (`yearPage`, relative to this page) when the records could be read.
    /// `answers` is the section where it answers (served by `council serve` only: a static site takes no answers).
    static func business(_ council: Council, _ business: Business, links: SubscriptionLinks, yearPage: String?, answers: String? = nil) -> String {
        page(title: "\(business.name) カレンダー配信(\(council.name))", body: """
        <h1>\(escape(business.name)) 専用カレンダー</h1>
        <p>\(escape(council.name))の会議のうち、\(escape(business.name))が案内されている会議と、対象または担当のスーパービジョン・訪問の予定を載せたカレンダーです。このページと専用URLは他の方と共有しないでください。</p>
        \(yearPage.map { "<p class=\"year\"><a href=\"\(escape($0))\">今年度の参加状況(出欠の記録と参加率、これからの会議)を見る</a></p>" } ?? "")
        \(answers ?? "")
        <h2>専用URL</h2>
        \(subscribe(links, qrLabel: "\(business.name)の専用URLのQRコード(webcal)"))
        \(howTo)
        \(council.secretariat.map { "<p>\(escape($0.contactLine))</p>" } ?? "")
        """)
    }

    /// A feed's URL, its webcal and Google Calendar links, and its QR code.
    private static func subscribe(_ links: SubscriptionLinks, qrLabel: String) -> String {
        """
        <p><code>\(escape(links.url))</code></p>
        <ul class="links">
        <li><a href="\(escape(links.webcal))">カレンダーアプリで開く(webcal)</a></li>
        <li><a href="\(escape(links.googleCalendar))">Googleカレンダーに追加</a></li>
        </ul>
        \(links.qrFigure(label: qrLabel))
        """
    }

    /// How to subscribe in each client, pointing at the URL above.
    private static let howTo = """
    <h2>購読のしかた</h2>
    <dl>
    \(SubscriptionHelp.steps(https: "上のURL", webcal: "上のURL(https:// を webcal:// にしたもの)"))
    </dl>
    """

    private static func page(title: String, body: String) -> String {
        htmlPage(title: title, style: """
        body { margin: 2rem auto; max-width: 760px; padding: 0 1rem; line-height: 1.7; }
        code { background: #f3f3f3; padding: 0.2rem 0.4rem; word-break: break-all; }
        dt { font-weight: bold; margin-top: 0.6rem; }
        .qr svg { width: 180px; height: 180px; }
        p.year a { font-weight: bold; }
        \(AnswerPages.itemStyle)
        @page { size: A4 portrait; margin: 16mm; }
        """, body: "<main>\n\(body)\n</main>")
    }

    private static func escape(_ text: String) -> String { htmlEscaped(text) }
}
