import Foundation
import HTMLTemplates
import QRCode

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
        return "https://calendar.google.com/calendar/render?cid="
            + (webcal.addingPercentEncoding(withAllowedCharacters: allowed) ?? webcal)
    }

    /// The QR code of the webcal URL as an image with an accessible name; if the URL is too long for a QR code
    /// (thousands of characters), a sentence saying so instead.
    public func qrFigure(label: String, module: Int = 4) -> String {
        HTMLTemplate.render(.qr, qr(label: label, module: module))
    }

    /// `qrFigure` as the context of `HTMLTemplate.Name.qr`, for the pages that show it.
    func qr(label: String, module: Int = 4) -> [String: Any] {
        do {
            return ["label": label, "svg": try QRCode(encoding: webcal).svg(module: module)]
        } catch {
            return ["label": label, "svg": false, "error": error.description]
        }
    }

    /// The context of `HTMLTemplate.Name.subscribe`: the URL, its webcal and Google Calendar links, the QR code.
    func subscribe(qrLabel: String) -> [String: Any] {
        ["url": url, "webcal": webcal, "google": googleCalendar, "qr": qr(label: qrLabel)]
    }
}

/// How to subscribe in each common client, as the subscription page and the letters say it
/// (`HTMLTemplate.Name.subscriptionSteps`).
enum SubscriptionHelp {
    /// Where the URL to paste is shown: `https` and `webcal`.
    static func steps(https: String, webcal: String) -> [String: Any] {
        ["https": https, "webcal": webcal]
    }
}
