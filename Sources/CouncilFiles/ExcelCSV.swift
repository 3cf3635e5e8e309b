import CSVParsing
import Foundation
import TextFormats

extension ExcelCSV {
    /// A file with a header row, split by libcsv (`CSVRows`), each field trimmed of the spaces around it (a
    /// hand-typed ` 出席 ` or a full-width space) and restored from formula-safe writing. Every CSV the
    /// project reads goes through here, so every file's lines and columns are counted one way.
    final class Reader {
        let header: [String]
        /// The rows as libcsv split them, header included, as bytes.
        let table: CSVRows
        private var position = 0
        /// The line the next row starts on (after the last row, the line where reading stopped).
        private(set) var line: Int

        /// A text whose header row itself is not CSV cannot be read at all.
        convenience init(_ text: String) throws(CSVRows.SyntaxError) {
            self.init(table: try Self.split(text))
        }

        /// Over rows already split (by `split`, perhaps on another thread); the first is the header.
        init(table parsed: CSVRows) {
            header = parsed.count == 0 ? [] : parsed.row(0).fields.map(Self.trimmed)
            table = parsed
            position = parsed.count == 0 ? 0 : 1
            line = parsed.count > 1 ? parsed.line(1) : parsed.error?.line ?? parsed.endLine
        }

        /// A text's rows as libcsv splits them, a byte order mark left out; a text whose header row itself is not
        /// CSV gives none.
        static func split(_ text: String) throws(CSVRows.SyntaxError) -> CSVRows {
            var body = text
            let parsed = body.withUTF8 { bytes in
                CSVRows.parse(
                    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) : bytes)
            }
            if let error = parsed.error, parsed.count == 0 { throw error }
            return parsed
        }

        /// One row and where it is: the line it starts on and each field's column.
        struct Row {
            let fields: [String]
            let line: Int

            /// The column field `index` starts at: one past the characters and commas before it.
            func column(_ index: Int) -> Int {
                1 + fields[..<min(index, fields.count)].reduce(0) { $0 + $1.count + 1 }
            }

            var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
        }

        /// The next row, or nil at the end or where the text stopped being CSV (then `error` says why, at `line`).
        func next() -> Row? {
            nextIndex().map(row)
        }

        /// The place in `table` of the next row, for a reader that looks at its bytes first; nil as `next()`.
        func nextIndex() -> Int? {
            guard position < table.count else { return nil }
            position += 1
            line = position < table.count ? table.line(position) : table.error?.line ?? table.endLine
            return position - 1
        }

        /// Row `index` of `table` as text, each field trimmed and restored.
        func row(_ index: Int) -> Row {
            Row(
                fields: (0..<table.fieldCount(index)).map { table.withField(index, $0, Self.cell) },
                line: table.line(index))
        }

        /// A field's bytes as the reader gives it: trimmed and restored. Most cells neither begin nor end with a
        /// space nor begin with an apostrophe, which their first and last bytes tell.
        static func cell(_ bytes: UnsafeRawBufferPointer) -> String {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let first = bytes.first,
                first == UInt8(ascii: "'") || beginsWithSpace(bytes) || beginsWithSpace(lastScalar(of: bytes))
            else { return text }
            return restored(trimmed(text))
        }

        /// Whether the bytes begin with a tab or a space separator (Unicode's Zs: U+0020, U+00A0, U+1680,
        /// U+2000–U+200A, U+202F, U+205F, U+3000), as `trimmed` takes them off.
        private static func beginsWithSpace(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard let lead = bytes.first else { return false }
            if lead < 0x80 { return lead == 0x20 || lead == 0x09 }
            let second = bytes.count > 1 ? bytes[1] : 0
            let third = bytes.count > 2 ? bytes[2] : 0
            switch lead {
            case 0xC2: return second == 0xA0
            case 0xE1: return second == 0x9A && third == 0x80
            case 0xE2: return second == 0x80 && (third <= 0x8A || third == 0xAF) || second == 0x81 && third == 0x9F
            case 0xE3: return second == 0x80 && third == 0x80
            default: return false
            }
        }

        /// The bytes of the last scalar (an ASCII byte, or a lead byte and the continuation bytes after it).
        private static func lastScalar(of bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            var start = bytes.count - 1
            while start > 0, start > bytes.count - 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start...])
        }

        var error: CSVRows.SyntaxError? { position < table.count ? nil : table.error }

        /// Without the white space (tab and Unicode's space separators, U+3000 among them) around it.
        static func trimmed(_ field: String) -> String {
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
            }
            let scalars = field.unicodeScalars
            guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else {
                return field
            }
            guard let start = scalars.firstIndex(where: { !isSpace($0) }),
                let end = scalars.lastIndex(where: { !isSpace($0) })
            else { return "" }
            return String(scalars[start...end])
        }
    }
}
