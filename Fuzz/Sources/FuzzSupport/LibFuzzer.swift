import Dispatch

/// libFuzzer's driver, for targets whose `main` SwiftPM names `<Target>_main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ body: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// Hands control to libFuzzer, which calls `body` with each input.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ body: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, body)
}

/// Every reported problem must say where: line and column from 1.
public func requireLocated<Problem>(_ problems: [Problem], line: (Problem) -> Int, column: (Problem) -> Int) {
    for problem in problems {
        precondition(line(problem) >= 1 && column(problem) >= 1, "not located: \(problem)")
    }
}

/// The value of async `work`, on the calling thread: libFuzzer calls each input synchronously (from its own thread,
/// not one of Swift's cooperative pool, so waiting here starves no task), and the plan loader is async.
public func awaited<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
    let box = Box<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value!
}

/// Handed from the task to the waiting thread once, ordered by the semaphore.
private final class Box<Value>: @unchecked Sendable {
    var value: Value?
}
