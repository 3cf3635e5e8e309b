import CouncilCore
import CouncilFiles
import FuzzSupport

let council: Council = {
    let files = [
        "council.yaml": Array(
            "id: demo\nname: 見本\nseries:\n  - {id: renrakukai, title: 連絡会, kind: 連絡会, schedule: 偶数月の第2火曜日, time: 14:00-16:00, invite: {kinds: [指定特定]}}\n"
                .utf8),
        "businesses.csv": Array("id,name,kind\nkita,きた相談室,指定特定\nminami,みなみ,委託\n".utf8),
    ]
    guard
        case .success(let council) = awaited({ [files] in
            await PlanDirectory.load(PlanFiles(folder: "fuzz/demo", files: files))
        })
    else {
        fatalError("fixture")
    }
    return council
}()
// libFuzzer calls in from one thread.
nonisolated(unsafe) let meetings = CouncilYears(
    council: council, today: CalendarDate(year: 2026, month: 12, day: 1), expander: nil)

/// UTF-8, BOM and Shift_JIS sheets: as the council's record, and as a form's sheet with and without a
/// column mapping and a meeting given for the whole sheet.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAttendanceCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let mapping = AttendanceSheet.ColumnMapping(parsing: "date=日付,series=会議,business=事業所,status=出欠") ?? .init()
    let sheets: [AttendanceSheet.Options?] = [
        nil, .init(), .init(mapping: mapping),
        .init(series: "renrakukai", date: CalendarDate(year: 2026, month: 6, day: 9), walkIn: true),
    ]
    for options in sheets {
        switch AttendanceSheet.read(bytes, file: "sheet.csv", years: meetings, options: options) {
        case .success(let reading):
            let plan = AttendanceBook().merge(reading.entries)
            precondition(plan.conflicts.isEmpty, "a reading holds one answer per meeting and business")
        case .failure(let problems):
            requireLocated(problems.problems, line: \.line, column: \.column)
        }
    }
    return 0
}

@_cdecl("FuzzAttendanceCSV_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzAttendanceCSV($0, $1) }
}
