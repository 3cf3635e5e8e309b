import Dispatch
import Synchronization

/// Work done once, by whichever thread comes to it first. The loader's other thread starts a council's
/// published schedules, plans and records early (`start`); the loader, needing one before then, does it itself
/// (`value`) rather than wait for a thread that may not have been given a core — as when every core already
/// exports a council of its own.
final class SharedJob<Value: Sendable>: Sendable {
    private enum State {
        case waiting(@Sendable () -> Value)
        case running
        case done(Value)
    }

    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        state = Mutex(.waiting(work))
    }

    /// Does the work unless another thread has started it.
    func start() {
        _ = claimAndRun()
    }

    /// The value: worked out here if no thread has started it, else waited for.
    var value: Value {
        if let value = claimAndRun() { return value }
        if case .done(let value) = state.withLock({ $0 }) { return value }
        finished.wait()
        finished.signal()
        guard case .done(let value) = state.withLock({ $0 }) else {
            preconditionFailure("a job signalled before it was done")
        }
        return value
    }

    /// Runs the work if it was waiting, and gives its value; nil when another thread has it or had it.
    private func claimAndRun() -> Value? {
        let work: (@Sendable () -> Value)? = state.withLock { state in
            guard case .waiting(let work) = state else { return nil }
            state = .running
            return work
        }
        guard let work else { return nil }
        let value = work()
        state.withLock { $0 = .done(value) }
        finished.signal()
        return value
    }
}

/// A value one thread gives and others look for, not waiting for it: the dated years the loader hands its other
/// thread once they exist.
final class Handover<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func give(_ given: Value) {
        value.withLock { $0 = given }
    }

    /// The value, if given by now.
    var given: Value? { value.withLock { $0 } }
}
