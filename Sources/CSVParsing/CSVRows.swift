import CCSV

/// CSV (RFC 4180, as Excel and the form services write it) split into rows by libcsv, each row with the line
/// it starts on. The only importer of CCSV; libcsv's parser lives only inside `parse`.
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

    public var rows: [Row]
    public var error: SyntaxError?
    /// The line after the last one.
    public var endLine: Int

    /// Every row of `bytes` (UTF-8; a byte order mark is the caller's to drop).
    public static func parse(_ bytes: some Collection<UInt8>) -> CSVRows {
        let collector = Collector()
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else {
            return CSVRows(rows: [], error: SyntaxError(line: 1, reason: "libcsv could not start (out of memory)"), endLine: 1)
        }
        defer { csv_free(&parser) }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        // The collector outlives the parse (withExtendedLifetime below): no retain per call.
        let field: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { data, length, context in
            Unmanaged<Collector>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.field(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length)) }
        }
        let rowEnd: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
            Unmanaged<Collector>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.rowEnd(terminator) }
        }
        // The bytes as they are when they are contiguous (an array, a String's UTF-8); copied only otherwise.
        func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            csv_parse(&parser, buffer.baseAddress, buffer.count, field, rowEnd, context) == buffer.count
        }
        let complete = bytes.withContiguousStorageIfAvailable(run) ?? Array(bytes).withUnsafeBufferPointer(run)
        var failure = complete ? 0 : csv_error(&parser)
        if failure == 0, csv_fini(&parser, field, rowEnd, context) != 0 { failure = csv_error(&parser) }
        withExtendedLifetime(collector) {}
        let error = failure == 0 ? nil : SyntaxError(line: collector.line, reason: String(cString: csv_strerror(failure)))
        return CSVRows(rows: collector.rows, error: error, endLine: collector.line)
    }

    /// Gathers fields into rows as libcsv hands them over, counting lines.
    private final class Collector {
        var rows: [Row] = []
        var fields: [String] = []
        /// The line the row being read starts on.
        var line = 1
        var afterCR = false
        /// Line breaks inside the fields of the row being read (only a quoted field has any).
        var breaks = 0

        func field(_ bytes: UnsafeRawBufferPointer) {
            if bytes.contains(where: { $0 == 0x0A || $0 == 0x0D }) { breaks += Self.lineBreaks(in: bytes) }
            fields.append(String(decoding: bytes, as: UTF8.self))
        }

        func rowEnd(_ terminator: Int32) {
            defer { afterCR = terminator == 0x0D }
            guard !fields.isEmpty else {
                // The LF of a CRLF that already ended a row, or a blank line.
                if !(terminator == 0x0A && afterCR) && terminator != -1 { line += 1 }
                return
            }
            rows.append(Row(fields: fields, line: line))
            line += 1 + breaks
            breaks = 0
            let count = fields.count
            fields = []
            fields.reserveCapacity(count)
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
