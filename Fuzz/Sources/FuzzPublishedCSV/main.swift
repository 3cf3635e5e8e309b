import CouncilCore
import CouncilFiles
import FuzzSupport

/// A published schedule (`published-2026.csv`) beside a small council: it loads with located problems or
/// not at all, a year built on it keeps its past as read, and what loads writes back to the same bytes' meaning.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPublishedCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let council = Array(
        "id: demo\nname: 見本\nseries:\n  - {id: renrakukai, title: 連絡会, kind: 連絡会, schedule: 偶数月の第3火曜日, time: 14:00-16:00, invite: {kinds: [指定特定]}}\n"
            .utf8)
    let roster = Array("id,name,kind\nkita,きた相談室,指定特定\n".utf8)
    let published = Array(UnsafeRawBufferPointer(start: start, count: count))
    let files = [
        "council.yaml": council, "businesses.csv": roster, "plan-2026.yaml": Array("year: 2026\ntitle: 計画\n".utf8),
        "published-2026.csv": published,
    ]
    let today = CalendarDate(year: 2026, month: 12, day: 1)
    switch awaited({ await PlanDirectory.load(PlanFiles(folder: "fuzz/demo", files: files), today: today) }) {
    case .failure(let problems):
        requireLocated(problems.problems, line: \.line, column: \.column)
    case .success(let loaded):
        guard let schedule = loaded.published[FiscalYear(2026)] else { break }
        let year = CouncilYear(
            council: loaded, year: FiscalYear(2026), today: today, scheduler: Scheduler(calendar: loaded.calendar))
        let past = schedule.meetings.filter { $0.date < today }
        precondition(past.allSatisfy(year.meetings.contains), "a published past meeting is kept as read")
        let again = PublishedScheduleFile.read(
            String(decoding: PublishedScheduleFile.bytes(schedule), as: UTF8.self), file: "again",
            year: FiscalYear(2026))
        precondition(
            again.problems.isEmpty && again.schedule == schedule, "what loads writes back to the same schedule")
    }
    return 0
}

@_cdecl("FuzzPublishedCSV_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzPublishedCSV($0, $1) }
}
