import Logging
import Synchronization

extension Logger {
    /// A test's logger: critical messages only, so that a test's output is its results.
    static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }
}

/// A log handler that keeps every message with its metadata, for a test to read what was logged.
final class LogRecorder: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    subscript(metadataKey _: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    /// Each message as `message key=value …`.
    var logged: [String] { lines.withLock { $0 } }

    var logger: Logger { Logger(label: "test") { _ in self } }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.withLock { $0.append(([event.message.description] + fields).joined(separator: " ")) }
    }
}
