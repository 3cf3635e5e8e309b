import CompressNIO
import CouncilCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP side of `council serve`, built on Hummingbird:
///
/// | route | what |
/// |---|---|
/// | `GET /` | the councils served (Japanese HTML) |
/// | `GET /healthz` | 200 while the plans publish, 503 while publishing fails (for a monitor) |
/// | `GET /<council>/` | how to subscribe to the council's public feed; business feeds are never listed |
/// | `GET /<council>/council.ics` | the council-wide feed |
/// | `GET /<council>/feeds/<feed token>.ics` | one business's feed, at its unguessable URL |
/// | `GET, POST /<council>/feeds/<page token>` | the business's page: how to subscribe, and its answers (`AnswerService`) |
/// | `GET /<council>/feeds/<page token>-year.html` | the business's year |
/// | `GET /<council>/secretariat/<token>` | the secretariat's console: answers, and what was held |
/// | `GET, POST /<council>/secretariat/<token>/checkin/<series>/<date>` | check-in of a held meeting |
///
/// Feeds are `text/calendar; charset=utf-8` with a strong ETag from their content and Last-Modified;
/// `If-None-Match` and `If-Modified-Since` give 304, HEAD gives the headers alone, `Accept-Encoding: gzip`
/// gives gzip. Only GET and HEAD are allowed, and POST where a form posts. An unknown council, an unknown or malformed token and any
/// other path all give the same 404, and tokens never reach the log.
public enum SubscriptionServer {
    public static let maximumURILength = 1024

    /// The server `council serve` runs and the tests run: the router, an HTTP/1.1 server keeping `limits`, and
    /// `services` (the plan watcher) run beside it.
    public static func buildApplication(
        store: FeedStore, tokens: FeedTokens?, publicURL: String,
        address: BindAddress = .hostname("127.0.0.1", port: 8080), limits: ConnectionLimits = ConnectionLimits(),
        services: [any Service] = [], logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(store: store, tokens: tokens, publicURL: publicURL),
            server: limits.server(),
            configuration: .init(address: address, serverName: "council"),
            services: services,
            logger: logger
        )
    }

    /// `publicURL` is the site's address as its users reach it (`https://calendar.example.jp`): every link the pages
    /// give starts there, never at a request's Host header, which a client chooses.
    public static func router(store: FeedStore, tokens: FeedTokens?, publicURL: String) -> Router<BasicRequestContext> {
        let root = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        let router = Router()
        ServerMiddleware.add(to: router)
        /// Every route answers GET and HEAD alike; the middleware drops HEAD's body.
        func route(
            _ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response
        ) {
            router.get(path, use: handler)
            router.head(path, use: handler)
        }
        route("/") { request, context in
            HTML(
                page: SubscriptionPages.index(
                    councils: await store.councilIDs.asyncCompactMap { await store.council($0)?.council })
            )
            .response(from: request, context: context)
        }
        route("/healthz") { _, _ in
            guard let since = await store.failingSince else {
                return text(.ok, "ok\n", headers: [.cacheControl: "no-store"])
            }
            // What fails stays in the log and on the console: a plan problem may name a supervision's target.
            return text(
                .serviceUnavailable,
                "配信を更新できません(\(since.date.japaneseDescription) \(since.time)から)/ publishing fails since \(since.date) \(since.time) JST; see the log\n",
                headers: [.cacheControl: "no-store"])
        }
        route("/{council}/") { request, context in
            guard let served = await store.council(context.parameters.get("council") ?? "") else { return notFound() }
            return HTML(page: SubscriptionPages.council(served.council, base: root)).response(
                from: request, context: context)
        }
        route("/{council}/council.ics") { request, context in
            guard let served = await store.council(context.parameters.get("council") ?? "") else { return notFound() }
            return feed(served.publicFeed, request: request, cacheControl: "public, max-age=3600")
        }
        let answers = tokens.map { AnswerService(store: store, tokens: $0) }
        route("/{council}/feeds/{file}") { request, context in
            guard let tokens,
                let (served, business, token, kind) = await businessFile(context, store: store, tokens: tokens)
            else { return notFound() }
            let file = context.parameters.get("file") ?? ""
            switch kind {
            case .feed:
                guard let feed = served.businessFeeds[business.id] else { return notFound() }
                return self.feed(feed, request: request, cacheControl: "private, max-age=3600")
            case .year:
                guard let page = served.businessYears[business.id] else { return notFound() }
                return HTML(page: page, cacheControl: "private, no-store").response(from: request, context: context)
            case .page:
                let links = SubscriptionLinks(
                    base: root, path: tokens.feedPath(council: served.council.id, business: business))
                let year = served.businessYears[business.id] == nil ? nil : "\(token)-year.html"
                let saved = request.uri.queryParameters.get("saved")
                let section = await answers?.businessSection(
                    served, business: business, urlToken: token, page: file, saved: saved)
                return HTML(
                    page: SubscriptionPages.business(
                        served.council, business, links: links, yearPage: year, answers: section),
                    cacheControl: "private, no-store"
                )
                .response(from: request, context: context)
            }
        }
        router.post("/{council}/feeds/{file}") { request, context in
            guard let answers,
                let (served, business, token, kind) = await businessFile(context, store: store, tokens: tokens),
                kind == .page
            else { return notFound() }
            return try await answers.answer(
                request, served: served, business: business, urlToken: token,
                page: context.parameters.get("file") ?? "", logger: context.logger)
        }
        route("/{council}/secretariat/{token}") { _, context in
            guard let answers, let (served, token) = await console(context, store: store, tokens: tokens) else {
                return notFound()
            }
            return await answers.console(served, consoleToken: token)
        }
        route("/{council}/secretariat/{token}/checkin/{series}/{date}") { request, context in
            guard let answers, let (served, token) = await console(context, store: store, tokens: tokens) else {
                return notFound()
            }
            return await answers.checkInPage(
                served, consoleToken: token, series: context.parameters.get("series") ?? "",
                date: context.parameters.get("date") ?? "", saved: request.uri.queryParameters.get("saved") != nil)
        }
        router.post("/{council}/secretariat/{token}/checkin/{series}/{date}") { request, context in
            guard let answers, let (served, token) = await console(context, store: store, tokens: tokens) else {
                return notFound()
            }
            return try await answers.checkIn(
                request, served: served, consoleToken: token, series: context.parameters.get("series") ?? "",
                date: context.parameters.get("date") ?? "", logger: context.logger)
        }
        return router
    }

    /// The council, business, token and kind of file a `/<council>/feeds/<file>` request names, or nil for any path
    /// that is not a served business's (a member council's business is served at its own council only).
    static func businessFile(_ context: BasicRequestContext, store: FeedStore, tokens: FeedTokens?) async -> (
        ServedCouncil, Business, String, TokenFile
    )? {
        guard let tokens, let served = await store.council(context.parameters.get("council") ?? ""),
            let (token, kind) = context.parameters.get("file").flatMap(TokenFile.parse),
            let business = tokens.business(
                for: token, use: kind == .feed ? .feed : .page, council: served.council.id,
                among: served.council.businesses.filter { $0.home == nil }),
            served.businessFeeds[business.id] != nil,
            // A business that has closed has no feed or page from its closing day on.
            await !business.hasClosed(by: store.moment().date)
        else { return nil }
        return (served, business, token, kind)
    }

    /// The council whose console `/<council>/secretariat/<token>` is, and the token; nil for a wrong or old token.
    static func console(_ context: BasicRequestContext, store: FeedStore, tokens: FeedTokens?) async -> (
        ServedCouncil, String
    )? {
        guard let tokens, let served = await store.council(context.parameters.get("council") ?? ""),
            let token = context.parameters.get("token"),
            FeedTokens.same(token, tokens.secretariatToken(served.council))
        else { return nil }
        return (served, token)
    }

    static func notFound() -> Response {
        text(.notFound, "見つかりません / not found\n")
    }

    static func text(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// What a file under `/<council>/feeds/` is: `<feed token>.ics`, `<page token>.html` (or the bare
    /// `<page token>`) or `<page token>-year.html`. A feed's URL without `.ics` is no page: its token is the feed's.
    enum TokenFile {
        case feed, page, year

        static func parse(_ file: String) -> (token: String, kind: TokenFile)? {
            for (suffix, kind) in [("-year.html", TokenFile.year), (".html", .page), (".ics", .feed)]
            where file.hasSuffix(suffix) {
                return (String(file.dropLast(suffix.count)), kind)
            }
            return file.contains(".") ? nil : (file, .page)
        }
    }

    static func feed(_ feed: ServedFeed, request: Request, cacheControl: String) -> Response {
        let gzip = (request.headers[.acceptEncoding] ?? "").split(separator: ",").contains {
            $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("gzip")
        }
        let etag = gzip ? String(feed.etag.dropLast()) + "-gzip\"" : feed.etag
        var headers: HTTPFields = [
            .contentType: "text/calendar; charset=utf-8",
            .eTag: etag,
            .lastModified: httpDate(feed.lastModified),
            .cacheControl: cacheControl,
            .vary: "Accept-Encoding",
        ]
        if let match = request.headers[.ifNoneMatch] {
            let candidates = match.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
            }
            if candidates.contains(etag) || candidates.contains("*") {
                return Response(status: .notModified, headers: headers)
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(parseHTTPDate), feed.lastModified <= since {
            return Response(status: .notModified, headers: headers)
        }
        var body = feed.bytes
        if gzip {
            var plain = feed.bytes
            body = (try? plain.compress(with: .gzip)) ?? feed.bytes
            headers[.contentEncoding] = "gzip"
        }
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()

    static func httpDate(_ date: Date) -> String { dateFormatter.string(from: date) }
    static func parseHTTPDate(_ text: String) -> Date? { dateFormatter.date(from: text) }
}

/// Each request passes these, outermost first: its log line, HEAD's empty body, `PagePolicy`'s headers, what a feed
/// server refuses before any route, the trailing-slash redirect, and the pages for a route's errors.
enum ServerMiddleware {
    static func add(to router: Router<BasicRequestContext>) {
        router.add(middleware: RequestLog())
        router.add(middleware: HeadWithoutBody())
        router.add(middleware: PolicyHeaders())
        router.add(middleware: RequestGuard())
        router.add(middleware: TrailingSlashRedirect())
        router.add(middleware: ErrorPages())
    }
}

/// Logs each request once, with its status and time, without its path beyond the council: tokens stay out of the log.
struct RequestLog: RouterMiddleware {
    func handle(
        _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let kept = request.uri.path.split(separator: "/").prefix(2).map {
            $0 == "feeds" || $0 == "secretariat" ? "\($0)/…" : String($0)
        }
        let elapsed = (ContinuousClock.now - started).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        context.logger.info(
            "\(request.method) /\(kept.joined(separator: "/")) \(response.status.code)",
            metadata: ["ms": "\(milliseconds)"])
        return response
    }
}

/// A HEAD gets the headers of the GET, Content-Length included, and no body: every route answers both alike.
struct HeadWithoutBody: RouterMiddleware {
    func handle(
        _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .head else { return response }
        var head = response
        head.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
        return head
    }
}

/// Every response carries `PagePolicy`'s headers, and a Content-Security-Policy (none allowed, unless a page set its own).
struct PolicyHeaders: RouterMiddleware {
    func handle(
        _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers.append(contentsOf: PagePolicy.headers)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = PagePolicy.nothing
        }
        return response
    }
}

/// Refuses, before any route runs, methods other than GET and HEAD and POST but to a form's page (405), and over-long
/// URIs (414).
struct RequestGuard: RouterMiddleware {
    func handle(
        _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        // Forms post to a business's page and to a check-in page; nothing else takes a POST.
        let takesForms =
            (segments.count == 3 && segments.dropFirst().first == "feeds")
            || (segments.count == 6 && segments.dropFirst().first == "secretariat"
                && segments.dropFirst(3).first == "checkin")
        if request.method != .get && request.method != .head && !(request.method == .post && takesForms) {
            return SubscriptionServer.text(
                .methodNotAllowed, "GETとHEADのみ / only GET and HEAD\n",
                headers: [.allow: takesForms ? "GET, HEAD, POST" : "GET, HEAD"])
        }
        if request.uri.description.utf8.count > SubscriptionServer.maximumURILength {
            return SubscriptionServer.text(.uriTooLong, "URIが長すぎます / URI too long\n")
        }
        return try await next(request, context)
    }
}

/// A path below a council that ends in one `/` (`/<council>/feeds/<token>/`) is sent to itself without it.
struct TrailingSlashRedirect: RouterMiddleware {
    func handle(
        _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let location = Self.withoutTrailingSlash(request.uri.path, query: request.uri.query) else {
            return try await next(request, context)
        }
        return Response(status: .permanentRedirect, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Where a path below a council that ends in one `/` (`/<council>/feeds/<token>/`) is without it: `../<token>`.
    /// Served as it is, its page's relative links would resolve under the token as under a folder. Relative, so that
    /// it leads nowhere but this site.
    static func withoutTrailingSlash(_ path: String, query: String?) -> String? {
        let segments = path.split(separator: "/")
        guard path.hasSuffix("/"), !path.hasSuffix("//"), segments.count >= 2, let last = segments.last else {
            return nil
        }
        return "../\(last)" + (query.map { "?\($0)" } ?? "")
    }
}

/// A path no route has gets the one 404 page (an unknown token gets the same); a form's body over its limit, 413.
struct ErrorPages: RouterMiddleware {
    func handle(
        _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return SubscriptionServer.notFound()
        } catch let error where error is NIOTooManyBytesError || (error as? HTTPError)?.status == .contentTooLarge {
            return SubscriptionServer.text(.contentTooLarge, "送信された内容が大きすぎます / the form is too large\n")
        }
    }
}

extension Array {
    func asyncCompactMap<T>(_ transform: (Element) async -> T?) async -> [T] {
        var result: [T] = []
        for element in self {
            if let value = await transform(element) { result.append(value) }
        }
        return result
    }
}
