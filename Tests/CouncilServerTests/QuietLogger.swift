import Logging

extension Logger {
    /// A test's logger: critical messages only, so that a test's output is its results.
    static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }
}
