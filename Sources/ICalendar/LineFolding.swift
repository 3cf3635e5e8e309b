/// Content-line folding (RFC 5545 §3.1): lines of at most 75 octets, a continuation line begins with one space, a
/// fold never splits a UTF-8 character, and every line ends with CRLF.
///
/// libical folds what it writes, and this module keeps its folding wherever it is right, so that feeds written
/// before stay byte for byte. But libical 3.0.16 (Debian 12's) folds a property's line *with* its CRLF: where the
/// last piece of a line is 74 octets it writes `…\r\r\n \n` (a bare CR, then a line that is a lone LF), and where it
/// is 75 an empty continuation line `…\r\n \r\n`, which iCloud rejects. libical 4.0.3 fixed it (pull request #1338,
/// "do not combine line fold and CRLF line ending"). `repaired` finds each property libical folded badly and folds
/// that property again here; the rest of libical's bytes are kept as they are.
enum LineFolding {
    /// The most octets in a line, not counting its CRLF.
    static let limit = 75

    /// libical's text with every property that is not cleanly folded folded again; nil when unfolding it still
    /// leaves a CR or LF inside a line (something other than a fold went wrong: the text is not repaired).
    static func repaired(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 64)
        var start = 0
        while start < text.count {
            let end = endOfProperty(in: text, from: start)
            let property = text[start..<end.content]
            if isCleanlyFolded(property) {
                out += text[start..<end.next]
            } else {
                guard let lines = unfolded(property) else { return nil }
                for line in lines {
                    fold(line, into: &out)
                }
            }
            start = end.next
        }
        return out
    }

    /// Where the property starting at `start` ends: its content stops before the CRLF that is not followed by a
    /// space or tab (a fold), and the next property starts after that CRLF.
    private static func endOfProperty(in text: [UInt8], from start: Int) -> (content: Int, next: Int) {
        var index = start
        while index + 1 < text.count {
            if text[index] == 0x0D, text[index + 1] == 0x0A {
                let after = index + 2
                if after == text.count || (text[after] != 0x20 && text[after] != 0x09) {
                    return (index, after)
                }
            }
            index += 1
        }
        return (text.count, text.count)
    }

    /// Whether libical's lines for one property are right as they stand: each line at most 75 octets, whole UTF-8,
    /// with no CR or LF of its own; every line after the first a non-empty continuation.
    private static func isCleanlyFolded(_ property: ArraySlice<UInt8>) -> Bool {
        guard let first = property.first, first != 0x20, first != 0x09 else { return false }
        var lineStart = property.startIndex
        var index = property.startIndex
        while true {
            let lineEnd: Int
            if index == property.endIndex {
                lineEnd = index
            } else if property[index] == 0x0D, index + 1 < property.endIndex, property[index + 1] == 0x0A {
                lineEnd = index
            } else {
                if property[index] == 0x0D || property[index] == 0x0A { return false }
                index += 1
                continue
            }
            let line = property[lineStart..<lineEnd]
            if line.count > limit || String(validating: line, as: UTF8.self) == nil { return false }
            if lineStart != property.startIndex && line.count < 2 { return false }
            if lineEnd == property.endIndex { return true }
            index = lineEnd + 2
            lineStart = index
        }
    }

    /// The logical lines of a badly folded property: every CRLF followed by a space or tab removed, then split at
    /// the CRLFs left (libical's `\r\r\n \n` unfolds to a line end); nil if a lone CR or LF remains.
    private static func unfolded(_ property: ArraySlice<UInt8>) -> [ArraySlice<UInt8>]? {
        var joined: [UInt8] = []
        joined.reserveCapacity(property.count)
        var index = property.startIndex
        while index < property.endIndex {
            if property[index] == 0x0D, index + 2 < property.endIndex, property[index + 1] == 0x0A,
                property[index + 2] == 0x20 || property[index + 2] == 0x09
            {
                index += 3
                continue
            }
            joined.append(property[index])
            index += 1
        }
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        index = 0
        while index < joined.count {
            if joined[index] == 0x0D, index + 1 < joined.count, joined[index + 1] == 0x0A {
                lines.append(joined[lineStart..<index])
                index += 2
                lineStart = index
            } else if joined[index] == 0x0D || joined[index] == 0x0A {
                return nil
            } else {
                index += 1
            }
        }
        if lineStart < joined.count { lines.append(joined[lineStart...]) }
        return lines.filter { !$0.isEmpty }
    }

    /// Appends `line` folded: pieces of at most 75 octets (the leading space of a continuation counted), each ending
    /// at a character boundary and never between a backslash and the character it escapes.
    static func fold(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var index = line.startIndex
        var room = limit
        while index < line.endIndex {
            let unit = unitLength(in: line, at: index)
            if unit > room {
                out += [0x0D, 0x0A, 0x20]
                room = limit - 1
            }
            out += line[index..<(index + unit)]
            room -= unit
            index += unit
        }
        out += [0x0D, 0x0A]
    }

    /// The octets that must stay on one line from `index`: one UTF-8 character, or a backslash and the next one.
    private static func unitLength(in line: ArraySlice<UInt8>, at index: Int) -> Int {
        let character = characterLength(in: line, at: index)
        guard line[index] == UInt8(ascii: "\\"), index + character < line.endIndex else { return character }
        return character + characterLength(in: line, at: index + character)
    }

    private static func characterLength(in line: ArraySlice<UInt8>, at index: Int) -> Int {
        var end = index + 1
        while end < line.endIndex, line[end] & 0xC0 == 0x80 { end += 1 }
        return end - index
    }
}
