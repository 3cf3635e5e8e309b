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
