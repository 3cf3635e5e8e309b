import Foundation

/// Text as secretariats save it: UTF-8 with or without a BOM, or Shift_JIS / CP932 as Japanese Excel writes
/// CSV by default.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case cp932 = "Shift_JIS (CP932)"
    }

    /// The text and the encoding it was in, or nil when it is neither UTF-8 nor CP932.
    public static func decode(_ bytes: some Collection<UInt8>) -> (text: String, encoding: Encoding)? {
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        // Foundation's Shift_JIS on Linux and macOS is Microsoft's CP932 (① ㈱ 髙 and the other extensions).
        if let text = String(data: Data(body), encoding: .shiftJIS) { return (text, .cp932) }
        return nil
    }
}
