import CouncilCore
import Foundation

/// Where answers are written: appended to `answers-<year>.csv` under the folder's lock (the lock `council attend` and
/// the export take), reading the record again inside it, so answers given at the same moment — twenty businesses on
/// their pages, the secretariat on the command line — are all kept, in the order they were given.
public enum ReplyDesk {
    /// Appends `replies` to their years' records, all or nothing; returns the files written.
    public static func append(_ replies: [Reply], to directory: String) throws(AttendanceChange.Failure) -> [String] {
        guard !replies.isEmpty else { return [] }
        let lock: FolderLock
        do { lock = try FolderLock(directory) } catch { throw .file(error) }
        defer { withExtendedLifetime(lock) {} }
        var files: [(path: String, bytes: [UInt8])] = []
        for (year, group) in Dictionary(grouping: replies, by: { FiscalYear(containing: $0.originalDate) }).sorted(by: {
            $0.key < $1.key
        }) {
            var book: ReplyBook
            switch Self.book(directory, year: year) {
            case .success(let existing): book = existing
            case .failure(let problems): throw .problems(problems)
            }
            for reply in group { book.append(reply) }
            files.append(("\(directory)/\(ReplyFile.fileName(year))", ReplyFile.bytes(book)))
        }
        do { return try AtomicFileSet.write(files).written } catch { throw .file(error) }
    }

    /// The record as it is on disk now, for one fiscal year (empty when there is none yet).
    public static func book(_ directory: String, year: FiscalYear) -> Result<ReplyBook, PlanProblems> {
        let path = "\(directory)/\(ReplyFile.fileName(year))"
        guard let data = FileManager.default.contents(atPath: path) else { return .success(ReplyBook()) }
        return ReplyFile.read(Array(data), file: path)
    }
}
