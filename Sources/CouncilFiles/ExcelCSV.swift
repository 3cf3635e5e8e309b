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

        init(_ text: String) throws {
            let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
            reader = try CSVReader(string: body, hasHeaderRow: true, trimFields: false)
            header = (reader.headerRow ?? []).map(Self.trimmed)
        }

        /// The next row, or nil at the end or at a syntax error (then `error` says which).
        func next() -> [String]? {
            reader.next()?.map { restored(Self.trimmed($0)) }
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
