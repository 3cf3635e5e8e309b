import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a set of files all or nothing, so a reader never sees a half-written file.
///
/// Every file goes first to a temporary file beside it (`.<name>.tmp`); when all of them are written they
/// are flushed to disk (one sync on Linux, fsync elsewhere), renamed into place, and the directories
/// flushed. A failure
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
        let batch = Batch()
        for (path, bytes) in files { try batch.stage(path, bytes) }
        return try batch.commit()
    }

    /// Files staged one by one — each written to its temporary file at once, so memory stays flat however
    /// many there are — and renamed into place together by `commit()`. A batch that is not committed
    /// removes its temporary files.
    public final class Batch {
        private var staged: [(temporary: String, path: String)] = []
        private var outcome = Outcome()
        private var committed = false

        public init() {}

        deinit {
            if !committed { discard() }
        }

        /// Counts a file that is known to be on disk already, without reading it.
        public func keep(_ path: String) {
            outcome.unchanged.append(path)
        }

        public func stage(_ path: String, _ bytes: [UInt8]) throws(FileWriteError) {
            if let existing = FileManager.default.contents(atPath: path), existing.elementsEqual(bytes) {
                outcome.unchanged.append(path)
                return
            }
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
            } catch {
                discard()
                throw FileWriteError(path: directory, operation: "creating the folder", reason: "\(error)")
            }
            let temporary = "\(directory.isEmpty ? "." : directory)/.\((path as NSString).lastPathComponent).tmp"
            if let failure = AtomicFileSet.write(bytes, to: temporary, sync: !AtomicFileSet.syncsWholeFileSystem) {
                unlink(temporary)
                discard()
                throw FileWriteError(path: path, operation: "writing", reason: failure)
            }
            staged.append((temporary, path))
        }

        public func commit() throws(FileWriteError) -> Outcome {
            committed = true
            // The staged files reach the disk before any of them replaces an old one: on Linux with one
            // sync for the whole batch (thousands of fsyncs cost seconds), elsewhere file by file.
            if AtomicFileSet.syncsWholeFileSystem, let first = staged.first {
                let descriptor = open(first.temporary, O_RDONLY)
                if descriptor >= 0 {
                    defer { close(descriptor) }
                    guard AtomicFileSet.syncFileSystem(descriptor) == 0 else {
                        let reason = String(cString: strerror(errno))
                        discard()
                        throw FileWriteError(path: first.path, operation: "flushing to disk", reason: reason)
                    }
                }
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
            staged = []
            return outcome
        }

        private func discard() {
            for file in staged where !outcome.written.contains(file.path) { unlink(file.temporary) }
            staged = []
        }
    }

    #if os(Linux)
    static let syncsWholeFileSystem = true
    /// sync(2): Glibc does not export syncfs without _GNU_SOURCE; one sync flushes the batch all the same.
    static func syncFileSystem(_ descriptor: Int32) -> Int32 {
        sync()
        return 0
    }
    #else
    static let syncsWholeFileSystem = false
    static func syncFileSystem(_ descriptor: Int32) -> Int32 { fsync(descriptor) }
    #endif

    /// Writes `bytes`, flushing them when `sync` says so; returns why it failed, or nil.
    fileprivate static func write(_ bytes: [UInt8], to path: String, sync: Bool) -> String? {
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
        if sync {
            guard fsync(descriptor) == 0 else { return String(cString: strerror(errno)) }
        }
        return nil
    }
}

public struct FileWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var reason: String
    /// Files already renamed into place when a rename failed; empty when nothing was changed.
    public var filesBefore: [String] = []

    public init(path: String, operation: String, reason: String, filesBefore: [String] = []) {
        self.path = path
        self.operation = operation
        self.reason = reason
        self.filesBefore = filesBefore
    }

    public var description: String {
        let changed = filesBefore.isEmpty ? "nothing was changed" : "already replaced: \(filesBefore.joined(separator: ", "))"
        return "\(path): 書き込めませんでした / failed while \(operation): \(reason) (\(changed))"
    }
}
