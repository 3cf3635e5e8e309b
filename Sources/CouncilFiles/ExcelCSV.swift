import CSVParsing
import Foundation
import TextFormats

extension ExcelCSV {
    /// A file with a header row, split by libcsv (`CSVRows`), each field trimmed of the spaces around it (a
    /// hand-typed ` 出席 ` or a full-width space) and restored from formula-safe writing. Every CSV the
    /// project reads goes through here, so every file's lines and columns are counted one way.
    final class Reader {
        let header: [String]
        private let rows: CSVRows
        private var position = 0
        /// The line the next row starts on (after the last row, the line where reading stopped).
        private(set) var line: Int

        /// A text whose header row itself is not CSV cannot be read at all.
        init(_ text: String) throws(CSVRows.SyntaxError) {
            var body = text
            let parsed = body.withUTF8 { bytes in
                CSVRows.parse(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) : bytes)
            }
            if let error = parsed.error, parsed.rows.isEmpty { throw error }
            header = (parsed.rows.first?.fields ?? []).map(Self.trimmed)
            rows = parsed
            position = parsed.rows.isEmpty ? 0 : 1
            line = parsed.rows.count > 1 ? parsed.rows[1].line : parsed.error?.line ?? parsed.endLine
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
            guard position < rows.rows.count else { return nil }
            let row = rows.rows[position]
            position += 1
            line = position < rows.rows.count ? rows.rows[position].line : rows.error?.line ?? rows.endLine
            return Row(fields: row.fields.map { restored(Self.trimmed($0)) }, line: row.line)
        }

        var error: CSVRows.SyntaxError? { position < rows.rows.count ? nil : rows.error }

        /// Without the white space (tab and Unicode's space separators, U+3000 among them) around it.
        static func trimmed(_ field: String) -> String {
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
            }
            let scalars = field.unicodeScalars
            guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return field }
            guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
            return String(scalars[start...end])
        }
    }
}
