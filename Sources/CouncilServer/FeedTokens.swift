import CouncilCore
import Crypto
import Foundation

/// Unguessable per-business URLs, derived rather than stored: each token is HMAC-SHA256 of what it is for, the
/// council, the business and its revision under a secret key, so no token table can leak, and raising a business's
/// `feed_revision` revokes a leaked URL.
///
/// A business has two: its feed's (which only reads, and is handed to Google Calendar and other services to fetch)
/// and its page's (where it answers, which writes). Neither can be made from the other without the key.
public struct FeedTokens: Sendable {
    private let key: [UInt8]

    /// The key: at least 32 bytes (e.g. `head -c 32 /dev/urandom > feed.key`).
    public init(key: [UInt8]) throws(KeyError) {
        guard key.count >= 32 else { throw .tooShort(key.count) }
        self.key = key
    }

    public enum KeyError: Error, CustomStringConvertible {
        case tooShort(Int)
        public var description: String {
            switch self {
            case .tooShort(let count):
                return
                    "配信鍵が短すぎます / the feed key has \(count) bytes; at least 32 are needed (head -c 32 /dev/urandom > feed.key)"
            }
        }
    }

    /// What a business's token opens.
    public enum Use: Sendable {
        /// Its feed: `<token>.ics`.
        case feed
        /// Its page, where it answers (`<token>.html`, or `<token>`), and its year (`<token>-year.html`).
        case page
    }

    /// Where a business's feed is served, under the site's root: `<council>/feeds/<token>.ics`.
    public func feedPath(council: String, business: Business) -> String {
        "\(council)/feeds/\(token(.feed, council: council, business: business)).ics"
    }

    /// A business's own page (`<council>/feeds/<token>.html`) and its year (`<token>-year.html`), at its page token.
    public func pagePath(council: String, business: Business, year: Bool = false) -> String {
        "\(council)/feeds/\(token(.page, council: council, business: business))\(year ? "-year" : "").html"
    }

    public func token(_ use: Use, council: String, business: Business) -> String {
        switch use {
        case .feed: return mac("council-feed/v1/\(council)/\(business.id)/\(business.feedRevision)")
        case .page: return mac("council-page/v1/\(council)/\(business.id)/\(business.feedRevision)")
        }
    }

    /// The secretariat's console of a council, at `<council>/secretariat/<token>`: its own token, revoked by raising
    /// `secretariat_revision` in council.yaml. No business's page holds it.
    public func secretariatToken(_ council: Council) -> String {
        mac("council-secretariat/v1/\(council.id)/\(council.secretariatRevision)")
    }

    public func secretariatPath(_ council: Council) -> String {
        "\(council.id)/secretariat/\(secretariatToken(council))"
    }

    /// The token every form of a page carries (CSRF): tied to the page's URL token and to what the form does (the
    /// one meeting it answers or checks in), so a form of one business's page is refused on another's, a captured POST
    /// replays only on its own meeting, and nobody without the key can make one.
    public func formToken(page urlToken: String, purpose: String) -> String {
        mac("council-form/v1/\(purpose)/\(urlToken)")
    }

    /// 32 lower-case hex characters (128 bits) of HMAC-SHA256 under the key.
    private func mac(_ message: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key))
        return code.prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether two tokens are equal, in time that does not depend on where they differ.
    public static func same(_ given: String, _ expected: String) -> Bool {
        let given = Array(given.utf8)
        let expected = Array(expected.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<expected.count {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// The business whose `use` token `candidate` is, comparing against every business in constant time so that
    /// response timing says nothing about how much of a guess was right.
    public func business(for candidate: String, use: Use, council: String, among businesses: [Business]) -> Business? {
        var found: Business?
        for business in businesses
        where Self.same(candidate, token(use, council: council, business: business)) && found == nil {
            found = business
        }
        return found
    }
}
