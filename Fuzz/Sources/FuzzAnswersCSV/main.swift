import CouncilCore
import CouncilFiles
import FuzzSupport

/// The record of answers (`answers-2026.csv`): it reads with located problems or not at all, what reads writes back
/// to the same answers, and the latest answer per business and meeting is the last line of it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswersCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    switch ReplyFile.read(bytes, file: "answers-2026.csv") {
    case .failure(let problems):
        requireLocated(problems.problems, line: \.line, column: \.column)
    case .success(let book):
        guard case .success(let again) = ReplyFile.read(ReplyFile.bytes(book), file: "again") else {
            preconditionFailure("what reads writes back readable")
        }
        precondition(again == book, "what reads writes back to the same answers")
        for reply in book.history {
            precondition(
                book.latest(reply.key) == book.history.last { $0.key == reply.key },
                "the latest answer is the last line")
        }
    }
    return 0
}

@_cdecl("FuzzAnswersCSV_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { fuzzAnswersCSV($0, $1) }
}
