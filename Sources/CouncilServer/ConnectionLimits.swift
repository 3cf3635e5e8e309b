import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Synchronization

/// How long a connection may stay idle (or half-sent) and how many one client may hold: a subscription
/// server faces calendar clients that poll and the odd client that opens connections and never finishes.
public struct ConnectionLimits: Sendable {
    /// A connection with no complete request for this long is closed (nginx's default is 60 s), and so is one whose
    /// request has not sent its whole body this long after its headers.
    public var idleTimeout: Duration
    /// Connections one client address may hold at once; a further one is closed as it opens.
    public var perClient: Int

    public static let defaultIdleTimeout: Duration = .seconds(20)
    public static let defaultPerClient = 32

    public init(idleTimeout: Duration = Self.defaultIdleTimeout, perClient: Int = Self.defaultPerClient) {
        self.idleTimeout = idleTimeout
        self.perClient = perClient
    }

    /// An HTTP/1.1 server that keeps these limits.
    public func server() -> HTTPServerBuilder {
        let counter = ConnectionCounter(limit: perClient)
        let components = idleTimeout.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        return .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionLimiter(counter: counter), RequestDeadline(timeout: .nanoseconds(nanoseconds)),
                    HTTP10Close.Placer(),
                ],
                idleTimeout: .nanoseconds(nanoseconds)))
    }
}

/// Connections open per client address, shared by every connection's limiter.
final class ConnectionCounter: Sendable {
    let limit: Int
    private let open = Mutex([String: Int]())

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more for `client`; false (and not counted) when it has `limit` open already.
    func admit(_ client: String) -> Bool {
        open.withLock { counts in
            guard counts[client, default: 0] < limit else { return false }
            counts[client, default: 0] += 1
            return true
        }
    }

    func release(_ client: String) {
        open.withLock { counts in
            let left = counts[client, default: 1] - 1
            counts[client] = left > 0 ? left : nil
        }
    }
}

/// Closes a connection as it opens when its client holds too many; counts it out when it closes.
final class ConnectionLimiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let counter: ConnectionCounter
    private var client: String?

    init(counter: ConnectionCounter) {
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let client { counter.release(client) }
        client = nil
        context.fireChannelInactive()
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard client == nil else { return }
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if counter.admit(address) {
            client = address
        } else {
            context.close(promise: nil)
        }
    }
}

/// Closes a connection whose request has not arrived whole within the timeout of its headers. Hummingbird's idle
/// timeout starts again at every part it reads, so a body sent a byte at a time (under `Content-Length: 100000`)
/// would hold the connection, and a file, for as long as the client likes.
final class RequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            deadline?.cancel()
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { context.close(promise: nil) }
        case .body:
            break
        case .end:
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}

/// Marks an HTTP/1.0 request `Connection: close`, so that its connection is closed after the response as HTTP/1.0
/// has it: Hummingbird keeps a connection open unless the request says close, and so held an HTTP/1.0 client (which
/// reads until the close) for the whole idle timeout.
///
/// It must see the request before the HTTP/1 codec, which drops the version; `additionalChannelHandlers` come after
/// the codec, so a `Placer` goes there, puts an `HTTP10Close` in front of the codec and removes itself.
final class HTTP10Close: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.version.major == 1, head.version.minor == 0 else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    final class Placer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            if let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) {
                try? pipeline.addHandler(HTTP10Close(), position: .before(codec))
            }
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }
}
