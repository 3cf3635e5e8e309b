/// At most `limit` requests per key in any `window`: answers per token, so that a leaked or scripted page cannot
/// flood the record. Kept in memory only; keys are never logged.
actor RateLimiter {
    let limit: Int
    let window: Duration
    private var recent: [String: [ContinuousClock.Instant]] = [:]

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Whether one more request under `key` is allowed now; an allowed request is counted.
    func allow(_ key: String) -> Bool {
        let now = ContinuousClock.now
        var times = (recent[key] ?? []).filter { now - $0 < window }
        guard times.count < limit else {
            recent[key] = times
            return false
        }
        times.append(now)
        recent[key] = times
        if recent.count > 10_000 { recent = recent.filter { !$0.value.isEmpty && now - $0.value.last! < window } }
        return true
    }
}
