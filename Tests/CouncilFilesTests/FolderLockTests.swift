import CouncilFiles
import Foundation
import Testing

@Suite("The folder's lock")
struct FolderLockTests {
    /// More waiters than the pool has threads: were each to block its thread in `flock`, nothing else could run until
    /// the lock is free, and the other work below would never be done.
    @Test("tasks waiting for a held lock leave the threads to other tasks, and each gets it once it is free")
    func acquireWaitsWithoutAThread() async throws {
        let folder = NSTemporaryDirectory() + "council-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var held: FolderLock? = try FolderLock(folder)
        let waiters = ProcessInfo.processInfo.activeProcessorCount * 2
        let got = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<waiters {
                group.addTask {
                    _ = try await FolderLock.acquire(folder)
                    return 1
                }
            }
            // Other work, on the same threads, while every waiter waits.
            let sum = await Task.detached { (1...1000).reduce(0, +) }.value
            #expect(sum == 500_500)
            #expect(held != nil, "the lock is still held while the other work is done")
            held = nil
            return try await group.reduce(0, +)
        }
        #expect(got == waiters, "each waiter had the lock in turn")
    }
}
