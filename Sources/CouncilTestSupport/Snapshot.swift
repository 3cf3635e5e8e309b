import Foundation
import Testing

/// Compares `actual` with `Snapshots/<name>` beside the calling test file; with COUNCIL_RECORD_SNAPSHOTS=1
/// it writes the file instead. A mismatch is reported as a line diff, with CRLF taken as LF.
public func assertSnapshot(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["COUNCIL_RECORD_SNAPSHOTS"] == "1" {
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            "no snapshot \(name); run with COUNCIL_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    let expectedLines = expected.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    let actualLines = actual.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    var diff: [String] = []
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let e = index < expectedLines.count ? expectedLines[index] : nil
        let a = index < actualLines.count ? actualLines[index] : nil
        if e != a {
            if let e { diff.append("-\(index + 1): \(e)") }
            if let a { diff.append("+\(index + 1): \(a)") }
        }
    }
    Issue.record("snapshot \(name) differs:\n\(diff.joined(separator: "\n"))", sourceLocation: sourceLocation)
}
