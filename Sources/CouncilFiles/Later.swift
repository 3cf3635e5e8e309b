import Dispatch
import Synchronization

/// A value another thread is working out, waited for where it is needed: the loader reads a council's
/// published schedules and splits its records into rows while it reads the plan files itself.
final class Later<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let value = Mutex<Value?>(nil)

    init() {}

    /// Gives the value; called once.
    func fulfil(_ result: Value) {
        value.withLock { $0 = result }
        done.signal()
    }

    /// The value, once it is given; asked again, the same value at once.
    func wait() -> Value {
        if let known = value.withLock({ $0 }) { return known }
        done.wait()
        done.signal()
        return value.withLock { $0! }
    }
}

/// Jobs two threads share: each is done once, by whichever thread claims it first, and the other waits for
/// it. The loader's other thread splits a council's records in year order while the plan files are read; the
/// loader, reaching the records, splits those not started yet itself instead of waiting.
final class SharedJobs<Value: Sendable>: Sendable {
    private let claimed: Mutex<[Bool]>
    private let results: [Later<Value>]
    private let job: @Sendable (Int) -> Value

    init(count: Int, _ job: @escaping @Sendable (Int) -> Value) {
        claimed = Mutex([Bool](repeating: false, count: count))
        results = (0..<count).map { _ in Later() }
        self.job = job
    }

    var count: Int { results.count }

    /// Does every job no thread has claimed yet, in order.
    func doUnclaimed() {
        for index in results.indices where claim(index) { results[index].fulfil(job(index)) }
    }

    /// Job `index`'s value: done here if no thread has claimed it, else waited for.
    func value(_ index: Int) -> Value {
        guard claim(index) else { return results[index].wait() }
        let value = job(index)
        results[index].fulfil(value)
        return value
    }

    private func claim(_ index: Int) -> Bool {
        claimed.withLock { claimed in
            defer { claimed[index] = true }
            return !claimed[index]
        }
    }
}
