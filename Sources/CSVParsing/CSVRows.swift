internal import CCSV

/// CSV (RFC 4180, as Excel and the form services write it) split into rows by libcsv, each row with the line
/// it starts on, kept as one table of bytes. The only importer of CCSV; libcsv's parser lives only inside `parse`.
///
/// Lines are counted on the text: a quoted field's line breaks move the next row down, a blank line is
/// counted and not returned, and CRLF, LF and CR each end a line. Spaces and tabs around a field are
/// libcsv's to drop. Strict: a quote inside an unquoted field, text after a closing quote, or a quote never
/// closed stops the parse there, with the rows before it kept.
public struct CSVRows: Sendable {
    public struct Row: Sendable, Equatable {
        public var fields: [String]
        /// The line the row starts on, from 1.
        public var line: Int
    }

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The line of the row where the parse stopped.
        public var line: Int
        public var reason: String

        public var description: String { "\(reason) (line \(line))" }
    }

    /// Every field's bytes, one after the other; `fieldEnds[i]` is where field `i` ends.
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let fieldEnds: [Int]
    /// Row `r` holds fields `rowStarts[r] ..< rowStarts[r + 1]`.
    @usableFromInline let rowStarts: [Int]
    private let lines: [Int]
    public let error: SyntaxError?
    /// The line after the last one.
    public let endLine: Int

    /// How many rows were read.
    public var count: Int { lines.count }
    /// The line row `row` starts on, from 1.
    public func line(_ row: Int) -> Int { lines[row] }
    /// How many fields row `row` has.
    @inlinable public func fieldCount(_ row: Int) -> Int { rowStarts[row + 1] - rowStarts[row] }

    /// The bytes of field `field` of row `row` (UTF-8 when the input was), valid only inside `body`. Inlinable:
    /// a reader that looks at every cell's bytes calls it for each.
    @inlinable public func withField<Result>(
        _ row: Int, _ field: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let index = rowStarts[row] + field
        let range = (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Field `field` of row `row` as text (invalid UTF-8 repaired).
    public func string(_ row: Int, _ field: Int) -> String {
        withField(row, field) { String(decoding: $0, as: UTF8.self) }
    }

    /// Row `row`'s fields as text, and its line.
    public func row(_ row: Int) -> Row {
        Row(fields: (0..<fieldCount(row)).map { string(row, $0) }, line: lines[row])
    }

    /// Every row as text.
    public var rows: [Row] { (0..<count).map(row) }

    /// Every row of `bytes` (UTF-8; a byte order mark is the caller's to drop), kept as one table of bytes:
    /// a field becomes text only when it is asked for.
    public static func parse(_ bytes: some Collection<UInt8>) -> CSVRows {
        var collector = Collector()
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            return CSVRows(
                bytes: [], fieldEnds: [], rowStarts: [0], lines: [],
                error: SyntaxError(line: 1, reason: "libcsv could not start (out of memory)"), endLine: 1)
        }
        defer { csv_free(&parser) }
        // The collector is reached through a pointer (no exclusivity check per field, as a class's properties
        // would have).
        let field: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
            data, length, context in
            context!.assumingMemoryBound(to: Collector.self).pointee.field(
                UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
        }
        let rowEnd: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
            context!.assumingMemoryBound(to: Collector.self).pointee.rowEnd(terminator)
        }
        let failure = withUnsafeMutablePointer(to: &collector) { context -> Int32 in
            // The bytes as they are when they are contiguous (an array, a String's UTF-8); copied only otherwise.
            func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
                context.pointee.bytes.reserveCapacity(buffer.count)
                return csv_parse(&parser, buffer.baseAddress, buffer.count, field, rowEnd, context) == buffer.count
            }
            let complete = bytes.withContiguousStorageIfAvailable(run) ?? Array(bytes).withUnsafeBufferPointer(run)
            if !complete { return csv_error(&parser) }
            return csv_fini(&parser, field, rowEnd, context) != 0 ? csv_error(&parser) : 0
        }
        let error =
            failure == 0 ? nil : SyntaxError(line: collector.line, reason: String(cString: csv_strerror(failure)))
        // The fields of a row the parse stopped inside belong to no row.
        let kept = collector.rowStarts.last ?? 0
        return CSVRows(
            bytes: collector.bytes, fieldEnds: Array(collector.fieldEnds.prefix(kept)), rowStarts: collector.rowStarts,
            lines: collector.lines, error: error, endLine: collector.line)
    }

    /// Gathers fields into the table as libcsv hands them over, counting lines.
    private struct Collector {
        var bytes: [UInt8] = []
        var fieldEnds: [Int] = []
        var rowStarts: [Int] = [0]
        var lines: [Int] = []
        /// The line the row being read starts on.
        var line = 1
        var afterCR = false
        /// Line breaks inside the fields of the row being read (only a quoted field has any).
        var breaks = 0

        mutating func field(_ field: UnsafeRawBufferPointer) {
            if field.contains(where: { $0 == 0x0A || $0 == 0x0D }) { breaks += Self.lineBreaks(in: field) }
            // As typed bytes, so that the append is one copy.
            bytes.append(contentsOf: field.assumingMemoryBound(to: UInt8.self))
            fieldEnds.append(bytes.count)
        }

        mutating func rowEnd(_ terminator: Int32) {
            defer { afterCR = terminator == 0x0D }
            guard fieldEnds.count > rowStarts[rowStarts.count - 1] else {
                // The LF of a CRLF that already ended a row, or a blank line.
                if !(terminator == 0x0A && afterCR) && terminator != -1 { line += 1 }
                return
            }
            rowStarts.append(fieldEnds.count)
            lines.append(line)
            line += 1 + breaks
            breaks = 0
        }

        /// How many lines a quoted field's line breaks add (CRLF, LF or CR each one).
        static func lineBreaks(in field: UnsafeRawBufferPointer) -> Int {
            var count = 0
            var afterCR = false
            for byte in field {
                if byte == 0x0A {
                    if !afterCR { count += 1 }
                } else if byte == 0x0D {
                    count += 1
                }
                afterCR = byte == 0x0D
            }
            return count
        }
    }
}
