import CouncilCore
import Foundation

/// `council serve`'s answers as files, for a ward's own web server: the same pages and the same feed bytes at
/// the same paths.
///
/// ```
/// index.html                      the councils
/// <council>/index.html            how to subscribe (the page of GET /<council>/)
/// <council>/council.ics           the council-wide feed
/// <council>/feeds/index.html      says there is no list here: a web server that lists folders shows it instead
/// <council>/feeds/<feed token>.ics   each business's feed, at the token path `council feed-url` prints
/// <council>/feeds/<page token>.html  the business's own page: its feed's links, QR code and how to subscribe
/// <council>/feeds/<page token>-year.html  its year: meetings and what was recorded, its 参加率 beside the council's
/// ```
/// No path or file names a business id, and no manifest or record goes with them. Every folder has an index page,
/// so that a web server with listing on (python's http.server, nginx `autoindex on`, Apache `Options Indexes`) shows
/// it and never the tokens. Each page carries its `PagePolicy` as `<meta>`.
public enum StaticSite {
    /// Every file of the site, by path relative to its folder, from the feeds `store` serves.
    public static func files(store: FeedStore, tokens: FeedTokens, publicURL: String) async -> [(
        path: String, bytes: [UInt8]
    )] {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        var files: [(path: String, bytes: [UInt8])] = []
        var councils: [Council] = []
        for id in await store.councilIDs {
            guard let served = await store.council(id) else { continue }
            councils.append(served.council)
            files.append(("\(id)/index.html", Array(SubscriptionPages.council(served.council, base: base).utf8)))
            files.append(("\(id)/council.ics", Array(buffer: served.publicFeed.bytes)))
            files.append(("\(id)/feeds/index.html", Array(SubscriptionPages.unlisted(served.council).utf8)))
            let day = await store.moment().date
            for business in served.council.businesses where !business.hasClosed(by: day) {
                guard let feed = served.businessFeeds[business.id] else { continue }
                files.append((tokens.feedPath(council: id, business: business), Array(buffer: feed.bytes)))
                let year = served.businessYears[business.id]
                let links = SubscriptionLinks(base: base, path: tokens.feedPath(council: id, business: business))
                let yearPage =
                    year == nil
                    ? nil
                    : String(
                        tokens.pagePath(council: id, business: business, year: true).split(separator: "/").last ?? "")
                files.append(
                    (
                        tokens.pagePath(council: id, business: business),
                        Array(
                            SubscriptionPages.business(served.council, business, links: links, yearPage: yearPage).utf8)
                    ))
                if let year {
                    files.append((tokens.pagePath(council: id, business: business, year: true), Array(year.utf8)))
                }
            }
        }
        files.insert(("index.html", Array(SubscriptionPages.index(councils: councils).utf8)), at: 0)
        // A web server may send no headers of ours: each page carries its policy as <meta>.
        return files.map { file in
            file.path.hasSuffix(".html")
                ? (file.path, Array(PagePolicy.withMeta(String(decoding: file.bytes, as: UTF8.self)).utf8)) : file
        }
    }

    /// Files under `folder` that a site before this one may have left and this one does not have: feeds at
    /// tokens no longer given (a raised feed_revision, a business gone) and councils gone. Only files of the
    /// site's own kinds are named, never anything else in the folder.
    public static func stale(in folder: String, keeping files: [(path: String, bytes: [UInt8])]) -> [String] {
        let kept = Set(files.map(\.path))
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var stale: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let parts = relative.split(separator: "/")
            let ours =
                (parts.count == 3 && parts[1] == "feeds" && (parts[2].hasSuffix(".ics") || parts[2].hasSuffix(".html")))
                || (parts.count == 2 && (parts[1] == "council.ics" || parts[1] == "index.html"))
            if ours && !kept.contains(relative) { stale.append(relative) }
        }
        return stale.sorted()
    }
}
