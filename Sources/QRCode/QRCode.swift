internal import CQRencode
import Foundation

/// A QR code symbol (ISO/IEC 18004) made by libqrencode: a square of dark and light modules. The only importer
/// of CQRencode; the C object lives only inside `init`.
public struct QRCode: Hashable, Sendable {
    /// How much of the symbol may be damaged and still read (ISO/IEC 18004 levels L, M, Q, H).
    public enum Correction: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    public struct EncodingError: Error, CustomStringConvertible, Equatable {
        public var bytes: Int
        public var reason: String

        public init(bytes: Int, reason: String) {
            self.bytes = bytes
            self.reason = reason
        }

        public var description: String {
            "QRコードにできません(\(bytes) バイト) / cannot make a QR code of \(bytes) bytes: \(reason)"
        }
    }

    /// Modules per side (21 for version 1, four more per version).
    public let size: Int
    /// Row by row, `true` for a dark module.
    private let modules: [Bool]

    /// The symbol of `text`'s UTF-8 bytes, in 8-bit mode, at the smallest version that holds them.
    public init(encoding text: String, correction: Correction = .medium) throws(EncodingError) {
        let bytes = text.utf8.count
        guard !text.utf8.contains(0) else { throw EncodingError(bytes: bytes, reason: "a NUL byte") }
        guard let code = QRcode_encodeString8bit(text, 0, correction.level) else {
            let reason =
                errno == ERANGE
                ? "too long for a QR code"
                : errno == ENOMEM ? "out of memory" : "libqrencode refused it (errno \(errno))"
            throw EncodingError(bytes: bytes, reason: reason)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // Bit 0 of each byte is the module's colour (1 dark); the other bits describe its role.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        size = width
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at `row`, `column` (from the top left, 0-based) is dark.
    public subscript(row: Int, column: Int) -> Bool {
        modules[row * size + column]
    }

    /// The symbol as one SVG image with a quiet zone of four modules, each module `module` user units wide; the
    /// dark modules are one path, so a page stays small. Hidden from assistive technology: the element that
    /// holds it gives the accessible name (`role="img"` and `aria-label`).
    public func svg(module: Int = 4) -> String {
        let side = (size + 8) * module
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard self[row, column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, self[row, column] { column += 1 }
                path +=
                    "M\((start + 4) * module) \((row + 4) * module)h\((column - start) * module)v\(module)h-\((column - start) * module)z"
            }
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(side)\" height=\"\(side)\" aria-hidden=\"true\" shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }
}
