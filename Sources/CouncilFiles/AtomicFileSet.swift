import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a set of files all or nothing, so a reader never sees a half-written file.
///
/// Every file goes first to a temporary file beside it (`.<name>.tmp`), which is flushed to disk (fsync);
/// only when all of them are written are they renamed into place, and the directories flushed. A failure
/// before the renames removes the temporary files and leaves every old file as it was; a run killed
/// midway leaves at most a temporary file, which the next run overwrites. A file whose bytes are already
/// on disk is not touched at all. Writers of the same files hold a `FolderLock`, so the temporary names
/// never collide.
public enum AtomicFileSet {
    public struct Outcome: Sendable, Equatable {
        public var written: [String] = []
        public var unchanged: [String] = []
    }

    public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(FileWriteError) -> Outcome {
        var outcome = Outcome()
        var staged: [(temporary: String, path: String)] = []
        func discard() {
            for file in staged { unlink(file.temporary) }
        }
        for (path, bytes) in files {
            if let existing = FileManager.default.contents(atPath: path), existing.elementsEqual(bytes) {
                outcome.unchanged.append(path)
                continue
            }
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
            } catch {
                discard()
                throw FileWriteError(path: directory, operation: "creating the folder", reason: "\(error)")
            }
            let temporary = "\(directory.isEmpty ? "." : directory)/.\((path as NSString).lastPathComponent).tmp"
            if let failure = writeSynced(bytes, to: temporary) {
                unlink(temporary)
                discard()
                throw FileWriteError(path: path, operation: "writing", reason: failure)
            }
            staged.append((temporary, path))
        }
        for file in staged {
            guard rename(file.temporary, file.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw FileWriteError(path: file.path, operation: "renaming into place", reason: reason, filesBefore: outcome.written)
            }
            outcome.written.append(file.path)
        }
        for directory in Set(staged.map { ($0.path as NSString).deletingLastPathComponent }) {
            let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
        }
        return outcome
    }

    /// Writes and flushes `bytes`; returns why it failed, or nil.
    private static func writeSynced(_ bytes: [UInt8], to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }
}

public struct FileWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var reason: String
    /// Files already renamed into place when a rename failed; empty when nothing was changed.
    public var filesBefore: [String] = []

    public var description: String {
        let changed = filesBefore.isEmpty ? "nothing was changed" : "already replaced: \(filesBefore.joined(separator: ", "))"
        return "\(path): 書き込めませんでした / failed while \(operation): \(reason) (\(changed))"
    }
}
