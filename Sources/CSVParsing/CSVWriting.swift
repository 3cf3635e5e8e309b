internal import CCSV

extension CSVRows {
    /// `rows` as CSV (RFC 4180): fields separated by commas, rows ended by `lineEnd`, the last one too. A field
    /// is quoted by libcsv's `csv_write` (quotes around it, each quote inside doubled) when it holds a comma, a
    /// quote, a CR or an LF, and written as it is otherwise. The test is on bytes, so a comma that a combining
    /// mark follows is quoted too.
    public static func bytes(_ rows: [[String]], lineEnd: [UInt8] = [0x0D, 0x0A]) -> [UInt8] {
        var out: [UInt8] = []
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(field, to: &out)
            }
            out += lineEnd
        }
        return out
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
    }

    private static func append(_ field: String, to out: inout [UInt8]) {
        var field = field
        field.withUTF8 { source in
            guard source.contains(where: needsQuotes) else {
                out.append(contentsOf: source)
                return
            }
            // At most every byte a quote, each doubled, and the two around: libcsv needs no more.
            let capacity = source.count * 2 + 2
            let written = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = csv_write(buffer.baseAddress, capacity, source.baseAddress, source.count)
            }
            out += written
        }
    }
}
