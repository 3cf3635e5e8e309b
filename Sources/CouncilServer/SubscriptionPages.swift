import CouncilCore
import CouncilRendering

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
        let https = "\(base)/\(council.id)/council.ics"
        let webcal = https.replacingOccurrences(of: "https://", with: "webcal://").replacingOccurrences(of: "http://", with: "webcal://")
        return page(title: "\(council.name) カレンダー配信", body: """
        <h1>\(escape(council.name)) カレンダー配信</h1>
        <p>協議会の会議日程(連絡会・ケースレビュー・研修会など)をカレンダーアプリで購読できます。日程の変更や中止も自動で反映されます。</p>
        <h2>協議会全体のカレンダー</h2>
        <p><code>\(escape(https))</code></p>
        <p><a href="\(escape(webcal))">カレンダーアプリで開く(webcal)</a></p>
        <h2>購読のしかた</h2>
        <dl>
        <dt>Googleカレンダー</dt><dd>左の「他のカレンダー」の「＋」→「URLで追加」に上のURLを貼り付けます。</dd>
        <dt>Outlook</dt><dd>「予定表を追加」→「インターネットから購読」(インターネット予定表)に上のURLを貼り付けます。</dd>
        <dt>Appleカレンダー(Mac・iPhone)</dt><dd>「ファイル」→「新規カレンダー照会」(iPhoneは「設定」→「カレンダー」→「アカウント」→「照会するカレンダーを追加」)に上のURLを入力します。</dd>
        <dt>Thunderbird</dt><dd>「新しいカレンダー」→「ネットワーク上」に上のURLを入力します。</dd>
        </dl>
        <h2>事業所ごとのカレンダー</h2>
        <p>各事業所が案内されている会議と、その事業所のスーパービジョン・訪問の予定だけを載せた専用のURLを、事務局からお送りしています。専用URLは他の方と共有しないでください。</p>
        \(council.secretariat.map { "<p>問合せ: \(escape($0.name))\($0.contact.map { " \(escape($0))" } ?? "")</p>" } ?? "")
        """)
    }

    private static func page(title: String, body: String) -> String {
        htmlPage(title: title, style: """
        body { margin: 2rem auto; max-width: 760px; padding: 0 1rem; line-height: 1.7; }
        code { background: #f3f3f3; padding: 0.2rem 0.4rem; word-break: break-all; }
        dt { font-weight: bold; margin-top: 0.6rem; }
        """, body: body)
    }

    private static func escape(_ text: String) -> String { htmlEscaped(text) }
}
