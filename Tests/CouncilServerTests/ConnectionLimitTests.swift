import CouncilServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Half-sent requests and greedy clients against a live server on a real socket.
@Suite("council serve closes idle and half-sent connections, and bounds each client")
struct ConnectionLimitTests {
    /// A raw TCP connection to the server on loopback.
    final class RawConnection {
        let descriptor: Int32

        /// From `source` (another loopback address than the test client's, so that its own connections count apart).
        init(port: Int, from source: String = "127.0.0.2") throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        func send(_ text: String) {
            _ = Array(text.utf8).withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
        }

        /// Whether the server has closed it (end of stream, or reset), waiting at most `milliseconds`.
        func isClosed(within milliseconds: Int32) -> Bool {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, milliseconds) > 0 else { return false }
            var byte: UInt8 = 0
            return recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT)) <= 0
        }

        /// Everything the server sends until it closes, waiting at most 5 s.
        func response() -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while poll(&poller, 1, 5_000) > 0 {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else { break }
                bytes += buffer[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// What the server sends until it closes, `deadline` passes or what it sent ends with `end`, and whether it
        /// closed. It waits by sleeping, not in poll: a test blocking a thread of the small cooperative pool can
        /// starve the very server it waits for.
        func read(until deadline: ContinuousClock.Instant, endingWith end: String? = nil) async throws -> (
            text: String, closed: Bool
        ) {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while ContinuousClock.now < deadline,
                end.map({ !String(decoding: bytes, as: UTF8.self).hasSuffix($0) }) ?? true
            {
                guard poll(&poller, 1, 0) > 0 else {
                    try await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else { return (String(decoding: bytes, as: UTF8.self), true) }
                bytes += buffer[..<count]
            }
            return (String(decoding: bytes, as: UTF8.self), false)
        }

        deinit { close(descriptor) }
    }

    func app(_ limits: ConnectionLimits) -> some ApplicationProtocol {
        let router = Router()
        router.get("/ping") { _, _ in "pong" }
        router.post("/echo") { request, _ in String(buffer: try await request.body.collect(upTo: 200_000)) }
        return Application(
            router: router, server: limits.server(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: .quiet)
    }

    @Test("200 half-sent requests are closed after the idle timeout, and a whole request is answered meanwhile")
    func halfSent() async throws {
        try await app(ConnectionLimits(idleTimeout: .seconds(2), perClient: 1000)).test(.live) { client in
            let port = try #require(client.port)
            let started = ContinuousClock.now
            let stuck = try (0..<200).map { _ in try RawConnection(port: port) }
            for connection in stuck { connection.send("GET /ping HTTP/1.1\r\nHost: example\r\nX-Slow: ") }
            let answer = try await client.execute(uri: "/ping", method: .get)
            #expect(answer.status == .ok && String(buffer: answer.body) == "pong", "others are still answered")
            // One deadline for all, so a server that never closes them fails in 25 s, not 200 × 25 s.
            let deadline = started + .seconds(25)
            let open = stuck.filter { connection in
                let left = deadline - ContinuousClock.now
                return !connection.isClosed(
                    within: Int32(
                        max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            }
            #expect(open.count == 0, "every half-sent request is closed")
            // Not at once (the timeout closes them, nothing else), and well within 30 s however busy the machine.
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .seconds(1.5) && elapsed < .seconds(30), "closed by the 2 s timeout: \(elapsed)")
        }
    }

    @Test("a body that trickles in, a byte every 0.5 s under a 2 s idle timeout, is closed 2 s after its headers")
    func slowBody() async throws {
        try await app(ConnectionLimits(idleTimeout: .seconds(2), perClient: 1000)).test(.live) { client in
            let port = try #require(client.port)
            // A socket of its own, opened now: the test client's may have idled past the 2 s on a busy machine.
            let whole = try RawConnection(port: port)
            whole.send("POST /echo HTTP/1.1\r\nHost: example\r\nContent-Length: 5\r\nConnection: close\r\n\r\nwhole")
            #expect(
                try await whole.read(until: ContinuousClock.now + .seconds(25)).text.hasSuffix("\r\n\r\nwhole"),
                "a body sent at once is read")
            let slow = try RawConnection(port: port)
            slow.send(
                "POST /echo HTTP/1.1\r\nHost: example\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
            let started = ContinuousClock.now
            var closed = false
            // Each byte comes well within the idle timeout; only a limit on the whole request ends it.
            while !closed && ContinuousClock.now - started < .seconds(12) {
                slow.send("x")
                closed = slow.isClosed(within: 500)
            }
            let elapsed = ContinuousClock.now - started
            #expect(closed, "a trickling body is not held open past 12 s")
            #expect(elapsed >= .seconds(1.5) && elapsed < .seconds(8), "closed by the 2 s limit: \(elapsed)")
        }
    }

    @Test("an HTTP/1.0 request is answered and its connection closed after the response, not held for the idle timeout")
    func http10() async throws {
        // An idle timeout far longer than the wait: only closing after the response closes it in time, however busy
        // the machine is.
        try await app(ConnectionLimits(idleTimeout: .seconds(60), perClient: 1000)).test(.live) { client in
            let port = try #require(client.port)
            let old = try RawConnection(port: port)
            old.send("GET /ping HTTP/1.0\r\nHost: example\r\n\r\n")
            let (answer, closed) = try await old.read(until: ContinuousClock.now + .seconds(25))
            #expect(answer.contains(" 200 ") && answer.hasSuffix("pong"), "\(answer)")
            #expect(closed, "closed after the response")
            // HTTP/1.1 keeps its connection for the next request.
            let kept = try RawConnection(port: port)
            kept.send("GET /ping HTTP/1.1\r\nHost: example\r\n\r\n")
            let (again, keptClosed) = try await kept.read(until: ContinuousClock.now + .seconds(25), endingWith: "pong")
            #expect(
                again.hasSuffix("pong") && !keptClosed && !kept.isClosed(within: 1_000),
                "an HTTP/1.1 connection stays open: \(again)")
        }
    }

    @Test("a client holding its limit of connections has the next one closed as it opens; freed, it is answered again")
    func perClient() async throws {
        // Raw sockets from 127.0.0.2: the test client's own connections (from 127.0.0.1) count apart.
        try await app(ConnectionLimits(idleTimeout: .seconds(20), perClient: 5)).test(.live) { client in
            let port = try #require(client.port)
            var held = try (0..<5).map { _ in try RawConnection(port: port) }
            try await Task.sleep(for: .milliseconds(300))
            let extra = try (0..<3).map { _ in try RawConnection(port: port) }
            #expect(extra.allSatisfy { $0.isClosed(within: 2_000) }, "beyond 5, closed at once")
            #expect(held.allSatisfy { !$0.isClosed(within: 100) }, "the first 5 stay open")
            held.removeAll()
            // The server counts a connection out when it sees it close; on a busy machine that takes a moment.
            var answer = ""
            for _ in 0..<25 where !answer.hasPrefix("HTTP/1.1 200") {
                try await Task.sleep(for: .milliseconds(200))
                let request = try RawConnection(port: port)
                request.send("GET /ping HTTP/1.1\r\nHost: example\r\nConnection: close\r\n\r\n")
                answer = request.response()
            }
            #expect(answer.hasPrefix("HTTP/1.1 200") && answer.hasSuffix("pong"), "\(answer)")
        }
    }
}
