import CSV
import Foundation

/// CSV as Excel opens it without asking: UTF-8 with a byte order mark, CRLF line ends, fields quoted by
/// CSV.swift where they must be. Every CSV the project writes goes through here.
public enum ExcelCSV {
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        // CSVWriter fails only on a stream that cannot be opened; a memory stream always opens.
        let writer = try! CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try! writer.write(row: row) }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return [0xEF, 0xBB, 0xBF] + Array(data) + [0x0D, 0x0A]
    }

    public static func text(_ rows: [[String]]) -> String {
        String(decoding: bytes(rows), as: UTF8.self)
    }
}
