import Foundation
import QRCode
import TextFormats

/// The ways to reach one feed: its URL, the same as `webcal://` (which calendar apps open as a subscription),
/// Google Calendar's add-by-URL link, and a QR code of the webcal URL for a phone's camera.
public struct SubscriptionLinks: Sendable {
    /// `https://…/council.ics` or `http://…` as served.
    public var url: String

    public init(url: String) {
        self.url = url
    }

    /// The feed's URL, feed path under the site's root `base` (`https://calendar.example.jp`).
    public init(base: String, path: String) {
        self.url = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/" + path
    }

    public var webcal: String {
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) {
            return "webcal://" + url.dropFirst(scheme.count)
        }
        return url
    }

    /// Opens Google Calendar's 「URLで追加」 with the feed filled in (the signed-in user confirms).
    public var googleCalendar: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "https://calendar.google.com/calendar/render?cid=" + (webcal.addingPercentEncoding(withAllowedCharacters: allowed) ?? webcal)
    }

    /// The QR code of the webcal URL as an image with an accessible name; if the URL is too long for a QR code
    /// (thousands of characters), a sentence saying so instead.
    public func qrFigure(label: String, module: Int = 4) -> String {
        do {
            let code = try QRCode(encoding: webcal)
            return "<div class=\"qr\" role=\"img\" aria-label=\"\(htmlEscaped(label))\">\(code.svg(module: module))</div>"
        } catch {
            return "<p class=\"qr\">QRコードを作れません(URLが長すぎます) / \(htmlEscaped(error.description))</p>"
        }
    }
}

/// How to subscribe in each common client, as the subscription page and the letters say it.
enum SubscriptionHelp {
    /// `<dt>`/`<dd>` pairs; `https` and `webcal` name where the URL to paste is shown.
    static func steps(https: String, webcal: String) -> String {
        """
        <dt>Googleカレンダー(パソコン)</dt><dd>左の「他のカレンダー」の「＋」→「URLで追加」に\(https)を貼り付け、「カレンダーを追加」を押します。スマートフォンのGoogleカレンダーにも、同じアカウントなら自動で表示されます。</dd>
        <dt>Outlook</dt><dd>「予定表を追加」→「インターネットから購読」(デスクトップ版は「予定表を開く」→「インターネットから」)に\(https)を貼り付けます。</dd>
        <dt>iPhone・iPad</dt><dd>カメラでQRコードを読み取り、表示される「照会」を選びます。または「設定」→「カレンダー」(iOS 18以降は「設定」→「アプリ」→「カレンダー」)→「カレンダーアカウント」→「アカウントを追加」→「その他」→「照会するカレンダーを追加」に\(webcal)を入力します。</dd>
        <dt>Macのカレンダー・Thunderbird</dt><dd>「ファイル」→「新規カレンダー照会」(Thunderbirdは「新しいカレンダー」→「ネットワーク上」)に\(https)を入力します。</dd>
        """
    }
}
