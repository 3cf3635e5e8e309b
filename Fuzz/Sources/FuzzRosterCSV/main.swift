import CouncilFiles
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRosterCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let council = Array("id: demo\nname: 見本\nseries: []\n".utf8)
    let files = ["council.yaml": council, "businesses.csv": Array(UnsafeRawBufferPointer(start: start, count: count))]
    if case .failure(let problems) = awaited { [files] in
        await PlanDirectory.load(PlanFiles(folder: "fuzz/demo", files: files))
    } {
        requireLocated(problems.problems, line: \.line, column: \.column)
    }
    return 0
}

@_cdecl("FuzzRosterCSV_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzRosterCSV($0, $1) }
}
