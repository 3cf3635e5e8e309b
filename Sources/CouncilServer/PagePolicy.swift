import Crypto
import Foundation
import HTMLTemplates
import HTTPTypes
import Hummingbird

/// What a browser may do with a page of the site, served or published: run no script at all, apply only the page's
/// own `<style>` (allowed by its hash, so an injected one would not apply), post forms back to the site only, never
/// show the page in another site's frame (no clickjacking of an answer or a check-in), never guess a type, and never
/// send a page's URL, which holds a token, on to another site as a Referer.
public enum PagePolicy {
    /// `X-Content-Type-Options`, `Referrer-Policy` and `X-Frame-Options` (for browsers before CSP's frame-ancestors):
    /// the same on every response.
    static let headers: HTTPFields = [
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    /// The policy of anything that is not a page (a feed, a plain-text answer): nothing may load from it.
    static let nothing = "default-src 'none'; frame-ancestors 'none'"

    /// The Content-Security-Policy header of `page`.
    static func header(for page: String) -> String {
        policy(for: page) + "; frame-ancestors 'none'"
    }

    /// The policy without frame-ancestors, which a browser obeys only in a header.
    private static func policy(for page: String) -> String {
        let styles = styleHashes(page)
        return
            "default-src 'self'; script-src 'none'; style-src \(styles.isEmpty ? "'none'" : styles.joined(separator: " ")); object-src 'none'; base-uri 'none'; form-action 'self'"
    }

    /// `'sha256-…'` of the text of each `<style>` element, as CSP hashes it (the UTF-8 bytes between the tags).
    static func styleHashes(_ page: String) -> [String] {
        var hashes: [String] = []
        var rest = page[...]
        while let open = rest.range(of: "<style>"), let close = rest[open.upperBound...].range(of: "</style>") {
            let digest = SHA256.hash(data: Data(rest[open.upperBound..<close.lowerBound].utf8))
            hashes.append("'sha256-\(Data(digest).base64EncodedString())'")
            rest = rest[close.upperBound...]
        }
        return hashes
    }

    /// `page` with its policy and referrer rule as `<meta>`, for a static site whose web server may not send the
    /// headers. A `<meta>` policy cannot forbid framing: the web server's config does (docs/deploy.md).
    public static func withMeta(_ page: String) -> String {
        let charset = "<meta charset=\"utf-8\">\n"
        guard let at = page.range(of: charset) else { return page }
        let meta = HTMLTemplate.render(.policyMeta, ["policy": policy(for: page)])
        return page.replacingCharacters(in: at, with: charset + meta)
    }
}
