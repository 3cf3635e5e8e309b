import CouncilFiles
import FuzzSupport

/// The input is split at the first NUL: council.yaml before it, plan-2026.yaml after it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanYAML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let roster = Array("id,name,kind\nkita,きた相談室,指定特定\nminami,みなみ,委託\n".utf8)
    let files = [
        "council.yaml": Array(bytes[..<split]), "plan-2026.yaml": Array(bytes[min(split + 1, bytes.count)...]),
        "businesses.csv": roster,
    ]
    if case .failure(let problems) = awaited { [files] in
        await PlanDirectory.load(PlanFiles(folder: "fuzz/demo", files: files))
    } {
        precondition(!problems.problems.isEmpty, "a failure names at least one problem")
        requireLocated(problems.problems, line: \.line, column: \.column)
    }
    return 0
}

@_cdecl("FuzzPlanYAML_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzPlanYAML($0, $1) }
}
