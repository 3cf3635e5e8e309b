@testable import CouncilFiles
import Dispatch
import Synchronization
import Testing

@Suite("Work shared between the loader's two threads")
struct SharedJobTests {
    @Test("each job is done once, whichever thread comes to it first, and both threads get every value")
    func eachJobOnce() {
        let runs = Mutex([Int](repeating: 0, count: 200))
        let jobs = (0..<200).map { index in
            SharedJob {
                runs.withLock { $0[index] += 1 }
                return index * index
            }
        }
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for job in jobs { job.start() }
            finished.signal()
        }
        // This thread asks from the end while the other starts from the beginning.
        let values = jobs.reversed().map(\.value)
        finished.wait()
        #expect(values == (0..<200).reversed().map { $0 * $0 })
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: 200))
        #expect(jobs[7].value == 49)
    }

    @Test("a job nobody started is done by the thread that needs it, without waiting for another")
    func neededBeforeStarted() {
        let job = SharedJob { ["出席", "欠席"] }
        #expect(job.value == ["出席", "欠席"])
        job.start()
        #expect(job.value == ["出席", "欠席"])
    }
}
