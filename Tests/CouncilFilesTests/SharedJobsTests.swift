@testable import CouncilFiles
import Dispatch
import Synchronization
import Testing

@Suite("Work shared between the loader's two threads")
struct SharedJobsTests {
    @Test("each job is done once, whichever thread claims it, and both threads get every value")
    func eachJobOnce() {
        let runs = Mutex([Int](repeating: 0, count: 200))
        let jobs = SharedJobs(count: 200) { index in
            runs.withLock { $0[index] += 1 }
            return index * index
        }
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            started.signal()
            jobs.doUnclaimed()
            finished.signal()
        }
        started.wait()
        // This thread asks from the end while the other works from the start.
        let values = (0..<200).reversed().map { jobs.value($0) }
        finished.wait()
        #expect(values == (0..<200).reversed().map { $0 * $0 })
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: 200))
        #expect(jobs.value(7) == 49)
    }

    @Test("a value waited for is the one given, at once when asked again")
    func laterValue() {
        let later = Later<[String]>()
        DispatchQueue.global().async { later.fulfil(["出席", "欠席"]) }
        #expect(later.wait() == ["出席", "欠席"])
        #expect(later.wait() == ["出席", "欠席"])
    }
}
