import CouncilCore
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import CouncilFiles

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

    @Test("a handed-over value is nothing until given, then the value given")
    func handover() {
        let years = Handover<Int>()
        #expect(years.given == nil)
        years.give(2026)
        #expect(years.given == 2026)
    }

    @Test(
        "a council's records read by both threads in whatever order they meet are the records read by one: eight years loaded 30 times, every book the same"
    )
    func recordsReadByBoth() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("plans/aoba").path
        var files: [String: [UInt8]] = [:]
        for name in ["council.yaml", "businesses.csv"] {
            files[name] = Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
        }
        // Every invited business at every meeting of eight years, present or absent by turns.
        let plain = try PlanDirectory.load(PlanFiles(folder: folder, files: files)).get()
        let years = CouncilYears(council: plain, today: CalendarDate(year: 2027, month: 3, day: 31), expander: nil)
        for start in 2019...2026 {
            let year = years.year(FiscalYear(start))
            let entries = year.meetings.filter { $0.occurrence.status != .cancelled }.flatMap { meeting in
                meeting.announcement.invited.enumerated().map {
                    AttendanceEntry(
                        series: meeting.series, originalDate: meeting.occurrence.originalDate, business: $0.element,
                        status: $0.offset % 2 == 0 ? .present : .absent)
                }
            }
            files["attendance-\(start).csv"] = AttendanceFile.bytes(
                AttendanceBook(entries), occurrences: year.occurrences)
        }
        let first = try PlanDirectory.load(PlanFiles(folder: folder, files: files)).get().attendance
        #expect(first.count == 8 && first.values.allSatisfy { $0.count > 20 }, "\(first.mapValues(\.count))")
        for _ in 0..<30 {
            #expect(try PlanDirectory.load(PlanFiles(folder: folder, files: files)).get().attendance == first)
        }
    }
}
