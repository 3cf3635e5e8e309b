/// The line structure of iCalendar text: unfolding (RFC 5545 §3.1) and BEGIN/END nesting, with line
/// numbers. It does not interpret properties; libical does that. It exists so every problem can be
/// located in the text and so a large file can be handed to libical one component at a time.
struct ContentLine {
    /// The unfolded line, without its line break.
    var text: String
    /// The physical line (1-based) on which this content line starts.
    var line: Int

    /// The property or keyword name: everything before the first `;` or `:`.
    var name: Substring {
        let utf8 = text.utf8
        return Substring(
            utf8[..<(utf8.firstIndex { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") } ?? utf8.endIndex)])
    }

    /// The text after `NAME:` (or `NAME;`) when the line's name is `keyword` in any case (for BEGIN and END).
    func value(ofKeyword keyword: StaticString) -> Substring? {
        let utf8 = text.utf8
        let count = keyword.utf8CodeUnitCount
        guard utf8.count > count else { return nil }
        var index = utf8.startIndex
        for offset in 0..<count {
            // ASCII letters only: setting bit 5 lowers A–Z and leaves a–z.
            guard utf8[index] | 0x20 == keyword.utf8Start[offset] | 0x20 else { return nil }
            index = utf8.index(after: index)
        }
        guard utf8[index] == UInt8(ascii: ":") || utf8[index] == UInt8(ascii: ";") else { return nil }
        return Substring(utf8[utf8.index(after: index)...])
    }

    /// The 1-based column of the value (just after the first `:` outside a quoted parameter value).
    var valueColumn: Int {
        var quoted = false
        var column = 1
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == ":" && !quoted { return column + 1 }
            column += 1
        }
        return 1
    }
}

/// A component as it stands in the text: its own property lines and its sub-components.
struct ComponentNode {
    var name: String
    var beginLine: Int
    var properties: [ContentLine] = []
    var children: [ComponentNode] = []

    /// The component as text libical can parse: CRLF line ends, already unfolded.
    var text: String {
        var out = "BEGIN:\(name)\r\n"
        appendBody(to: &out)
        return out
    }

    private func appendBody(to out: inout String) {
        for property in properties {
            out += property.text
            out += "\r\n"
        }
        for child in children {
            out += "BEGIN:\(child.name)\r\n"
            child.appendBody(to: &out)
        }
        out += "END:\(name)\r\n"
    }
}

/// A structural problem found while scanning, before libical sees anything.
struct ScanProblem {
    var id: ICalendarProblem.ID
    var line: Int
    var column: Int
    var message: String
    var expected: String
}

/// Splits text into content lines and components. Top-level components inside VCALENDAR are handed
/// to `visit` as soon as they end and are not kept, so memory stays flat however long the file is.
struct ContentLineScanner {
    private(set) var problems: [ScanProblem] = []

    /// Returns the VCALENDAR node with its own properties (its components went to `visit`).
    mutating func scan(_ text: String, visit: (ComponentNode) -> Void) -> ComponentNode? {
        var components = ComponentAssembler()
        let lines = Self.unfold(text, problems: &problems) { components.add($0, visit: visit) }
        // Both kinds of problem in the order of the text, as one pass over it would find them.
        problems = (problems + components.problems).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return components.finish(lines: lines, problems: &problems)
    }

    /// Calls `each` with every content line, unfolded (RFC 5545 §3.1), and returns how many physical lines
    /// there were. Lines are split on LF bytes (in Swift's Character view "\r\n" is one grapheme), and control
    /// characters found as bytes: in UTF-8 every byte of a multi-byte character is 0x80 or above.
    static func unfold(_ text: String, problems: inout [ScanProblem], each: (ContentLine) -> Void) -> Int {
        var lineNumber = 0
        var pending: ContentLine?
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                var control = -1
                while end < bytes.count, bytes[end] != 0x0A {
                    let byte = bytes[end]
                    if control < 0, byte < 0x20 && byte != 0x09 || byte == 0x7F { control = end }
                    end += 1
                }
                lineNumber += 1
                var stop = end
                if stop > start, bytes[stop - 1] == 0x0D {
                    stop -= 1
                    if control == stop { control = -1 }
                }
                let physical = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                defer { start = end + 1 }
                if control >= 0 {
                    let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<control]), as: UTF8.self)
                    let code = String(bytes[control], radix: 16, uppercase: true)
                    problems.append(
                        ScanProblem(
                            id: .controlCharacter, line: lineNumber, column: before.unicodeScalars.count + 1,
                            message: "control character U+\(pad(code, 4)) in a content line",
                            expected: "text without control characters other than TAB"))
                    continue
                }
                if let first = physical.first, first == 0x20 || first == 0x09 {
                    if pending != nil {
                        pending!.text += String(
                            decoding: UnsafeBufferPointer(rebasing: physical.dropFirst()), as: UTF8.self)
                    } else {
                        problems.append(
                            ScanProblem(
                                id: .malformedLine, line: lineNumber, column: 1,
                                message: "a continuation line with nothing to continue",
                                expected: "a content line NAME:VALUE"))
                    }
                    continue
                }
                if let previous = pending { each(previous) }
                pending = ContentLine(text: String(decoding: physical, as: UTF8.self), line: lineNumber)
            }
        }
        if let previous = pending { each(previous) }
        return lineNumber
    }
}

/// Nests content lines into components by their BEGIN and END lines; the first structural mistake abandons
/// the text.
struct ComponentAssembler {
    private(set) var problems: [ScanProblem] = []
    private var calendar: ComponentNode?
    private var stack: [ComponentNode] = []
    private var finished = false
    private var abandoned = false

    private mutating func abandon(_ problem: ScanProblem) {
        problems.append(problem)
        abandoned = true
    }

    mutating func add(_ content: ContentLine, visit: (ComponentNode) -> Void) {
        if abandoned || content.text.isEmpty { return }
        if finished {
            if !content.text.allSatisfy(\.isWhitespace) {
                abandon(
                    ScanProblem(
                        id: .trailingContent, line: content.line, column: 1,
                        message: "「\(content.text.prefix(40))」 follows END:VCALENDAR",
                        expected: "nothing after END:VCALENDAR"))
            }
            return
        }
        if let value = content.value(ofKeyword: "BEGIN") {
            let component = value.uppercased()
            if stack.isEmpty && component != "VCALENDAR" {
                return abandon(
                    ScanProblem(
                        id: .noCalendar, line: content.line, column: 1,
                        message: "BEGIN:\(component) outside a calendar", expected: "BEGIN:VCALENDAR first"))
            }
            stack.append(ComponentNode(name: component, beginLine: content.line))
        } else if let value = content.value(ofKeyword: "END") {
            end(value.uppercased(), at: content.line, visit: visit)
        } else if stack.isEmpty {
            abandon(
                ScanProblem(
                    id: .noCalendar, line: content.line, column: 1,
                    message: "「\(content.text.prefix(40))」 outside a calendar", expected: "BEGIN:VCALENDAR first"))
        } else {
            stack[stack.count - 1].properties.append(content)
        }
    }

    private mutating func end(_ component: String, at line: Int, visit: (ComponentNode) -> Void) {
        guard let open = stack.last else {
            return abandon(
                ScanProblem(
                    id: .unbalancedEnd, line: line, column: 5, message: "END:\(component) without a matching BEGIN",
                    expected: "BEGIN:\(component) before it"))
        }
        guard open.name == component else {
            return abandon(
                ScanProblem(
                    id: .unbalancedEnd, line: line, column: 5,
                    message: "END:\(component) closes BEGIN:\(open.name) of line \(open.beginLine)",
                    expected: "END:\(open.name)"))
        }
        let closed = stack.removeLast()
        switch stack.count {
        case 0:
            calendar = closed
            finished = true
        case 1:
            visit(closed)
        default:
            stack[stack.count - 1].children.append(closed)
        }
    }

    /// The calendar, once the text of `lines` lines has ended; nil if it was abandoned or left open.
    func finish(lines: Int, problems: inout [ScanProblem]) -> ComponentNode? {
        if abandoned { return nil }
        if let open = stack.last {
            let chain = stack.map(\.name).joined(separator: " > ")
            problems.append(
                ScanProblem(
                    id: .unterminatedComponent, line: lines, column: 1,
                    message: "the text ends inside \(chain) (BEGIN:\(open.name) on line \(open.beginLine))",
                    expected: "END:\(open.name)"))
            return nil
        }
        if calendar == nil && problems.isEmpty {
            problems.append(
                ScanProblem(
                    id: .noCalendar, line: max(lines, 1), column: 1, message: "no VCALENDAR in the text",
                    expected: "BEGIN:VCALENDAR … END:VCALENDAR"))
        }
        return calendar
    }
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
