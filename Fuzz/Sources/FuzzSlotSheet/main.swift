import CouncilCore
import CouncilFiles
import FuzzSupport

/// A sheet of rotation slots' outcomes beside a small council with a rotation record: it reads with located
/// problems or not at all, and the records it gives write out and load back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlotSheet(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let council = Array(
        """
        id: demo
        name: 見本
        rotations:
          - {id: houmon, title: 事業所訪問, kind: 訪問, schedule: 毎月第3火曜日, pool: {kinds: [指定特定]}, leads: [{id: ito, name: 伊藤, ward_office: true}]}

        """.utf8)
    let roster = Array("id,name,kind\nkita,きた相談室,指定特定\n".utf8)
    let record = Array(
        "slot,date,start,end,targets,leads,status,note\n2026-04-21,2026-04-21,,,kita,ito,,\n2026-05-19,2026-05-19,,,kita,ito,実施,\n2026-06-16,2026-06-16,,,kita,ito,,\n"
            .utf8)
    var files = ["council.yaml": council, "businesses.csv": roster, "rotation-houmon-2026.csv": record]
    let today = CalendarDate(year: 2026, month: 6, day: 1)
    guard
        case .success(let loaded) = awaited({ [files] in
            await PlanDirectory.load(PlanFiles(folder: "fuzz/demo", files: files), today: today)
        })
    else {
        preconditionFailure("the fixture loads")
    }
    let sheet = Array(UnsafeRawBufferPointer(start: start, count: count))
    let standing = CouncilYears(council: loaded, today: today, expander: nil).rotationRecords
    switch SlotSheet.read(sheet, file: "slots.csv", council: loaded, standing: standing, today: today) {
    case .failure(let problems):
        requireLocated(problems.problems, line: \.line, column: \.column)
    case .success(let reading):
        for written in reading.records {
            files[RotationRecordFile.fileName(written.rotation, written.year)] = RotationRecordFile.bytes(
                for: written.assignments)
        }
        guard
            case .success(let again) = awaited({ [files] in
                await PlanDirectory.load(PlanFiles(folder: "fuzz/demo", files: files), today: today)
            })
        else {
            preconditionFailure("what the sheet records loads back")
        }
        for written in reading.records {
            precondition(
                again.rotationRecord(written.rotation, year: written.year)?.assignments == written.assignments,
                "the record reads back as written")
        }
    }
    return 0
}

@_cdecl("FuzzSlotSheet_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzSlotSheet($0, $1) }
}
