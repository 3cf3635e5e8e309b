/// The rules of RFC 5545 §3.1 for the lines of a text as written, which a reader may forgive but a writer must
/// keep: every line ends with CRLF, has at most 75 octets, holds no control character but TAB and no piece of a
/// split UTF-8 character, and a continuation line holds more than its leading space.
///
/// `ICalendarDecoder` reads what other programs write and forgives what it can; this is the strict check of what
/// this package writes, before it is written.
public enum ContentLineRules {
    /// Every line of `bytes` that breaks a rule, at `source:line:column`; `firstLine` is the number of the text's
    /// first line in its source (a component checked on its own, before it goes into a feed).
    public static func problems(in bytes: some Collection<UInt8>, source: String, firstLine: Int = 1)
        -> [ICalendarProblem]
    {
        let bytes = Array(bytes)
        var problems: [ICalendarProblem] = []
        func problem(_ id: ICalendarProblem.ID, _ line: Int, _ column: Int, _ message: String, _ expected: String) {
            problems.append(
                ICalendarProblem(
                    id: id, source: source, line: line, column: column, message: message, expected: expected))
        }
        var line = firstLine
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var content = end
            if end == bytes.count {
                problem(.bareLineBreak, line, 1, "the last line does not end with CRLF", "CRLF after every line")
            } else if end > start, bytes[end - 1] == 0x0D {
                content = end - 1
            } else {
                problem(
                    .bareLineBreak, line, column(of: content, in: bytes[start..<content]), "a line ends with LF alone",
                    "CRLF line ends (RFC 5545 §3.1)")
            }
            let text = bytes[start..<content]
            if let control = text.firstIndex(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) {
                let code = String(bytes[control], radix: 16, uppercase: true)
                problem(
                    .controlCharacter, line, column(of: control, in: text),
                    "control character U+\(pad(code, 4)) in a line", "no control character but TAB; CR only before LF")
            }
            if text.count > LineFolding.limit {
                problem(
                    .lineTooLong, line, LineFolding.limit + 1, "the line has \(text.count) octets",
                    "at most 75 octets, longer lines folded")
            }
            if String(validating: text, as: UTF8.self) == nil {
                problem(
                    .notUTF8, line, 1, "the line is not whole UTF-8 (a fold splits a character?)",
                    "folds between characters, never inside one")
            }
            if let first = text.first, first == 0x20 || first == 0x09, text.count == 1 {
                problem(
                    .emptyContinuation, line, 1, "a continuation line holds only its leading space",
                    "a fold only where the line goes on")
            }
            line += 1
            start = end + 1
        }
        return problems
    }

    /// The 1-based column of `index` in `line`, counted in characters of the valid UTF-8 before it.
    private static func column(of index: Int, in line: ArraySlice<UInt8>) -> Int {
        (String(validating: line[line.startIndex..<index], as: UTF8.self)?.unicodeScalars.count ?? index
            - line.startIndex) + 1
    }
}
