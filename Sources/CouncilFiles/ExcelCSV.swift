import CSV
import Foundation
import TextFormats

extension ExcelCSV {
    /// How many lines a quoted field's line breaks add (CRLF, LF or CR each one), counted on its bytes.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var afterCR = false
        for byte in field.utf8 {
            if byte == 0x0A {
                if !afterCR { count += 1 }
            } else if byte == 0x0D {
                count += 1
            }
            afterCR = byte == 0x0D
        }
        return count
    }

    /// CSV.swift's reader over a file with a header row, each field trimmed of the spaces around it (a
    /// hand-typed ` 出席 ` or a full-width space). Every CSV the project reads goes through here.
    ///
    /// CSV.swift's own `trimFields` trims through NSString for every field, four times the cost of the
    /// parse itself; here a field is copied only when its first or last character is a space. As Excel
    /// writes them, quoted fields have no spaces between their quotes and the commas.
    final class Reader {
        private let reader: CSVReader
        let header: [String]

        /// The line the next row starts on.
        private(set) var line: Int

        init(_ text: String) throws {
            let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
            reader = try CSVReader(string: body, hasHeaderRow: true, trimFields: false)
            header = (reader.headerRow ?? []).map(Self.trimmed)
            line = 2 + header.reduce(0) { $0 + lineBreaks(in: $1) }
        }

        /// One row and where it is, counted one way for every file the project reads: the line it starts on
        /// (a quoted field's line breaks move the next row down), and each field's column.
        struct Row {
            let fields: [String]
            let line: Int

            /// The column field `index` starts at: one past the characters and commas before it.
            func column(_ index: Int) -> Int {
                1 + fields[..<min(index, fields.count)].reduce(0) { $0 + $1.count + 1 }
            }

            var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
        }

        /// The next row, or nil at the end or at a syntax error (then `error` says which, at `line`).
        func next() -> Row? {
            guard let fields = reader.next()?.map({ restored(Self.trimmed($0)) }) else { return nil }
            let row = Row(fields: fields, line: line)
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            return row
        }

        var error: Error? { reader.error }

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
