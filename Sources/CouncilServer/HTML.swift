import Hummingbird
import NIOCore

/// A page as a response, as hummingbird-examples' `HTML` generator: `text/html; charset=utf-8`, the page's own
/// Content-Security-Policy (`PagePolicy.header(for:)`, which lets exactly its `<style>` apply) and how long it may
/// be cached. A route returns `response(from:context:)`; a handler that answers other things too (a feed, not found)
/// and has no request at hand takes `response`.
struct HTML: ResponseGenerator {
    var page: String
    var status: HTTPResponse.Status = .ok
    var cacheControl = "no-cache"

    func response(from request: Request, context: some RequestContext) -> Response {
        response
    }

    var response: Response {
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: cacheControl,
            .contentSecurityPolicy: PagePolicy.header(for: page),
        ]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
