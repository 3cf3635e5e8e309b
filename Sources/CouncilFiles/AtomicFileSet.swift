import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a set of files all or nothing, so a reader never sees a half-written file.
///
/// Every file goes first to a temporary file beside it (`.<name>.tmp`); when all of them are written they
/// are flushed to disk (one sync on Linux, fsync elsewhere), renamed into place, and the renames flushed
/// (a second sync on Linux, fsync of each folder elsewhere). A failure
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
    /// removes its temporary files. Files may be staged from several threads at once; each path is
    /// staged once.
    public final class Batch: Sendable {
        private struct State {
            var staged: [(temporary: String, path: String)] = []
            /// Folders made or found during this batch, so each is asked for once.
            var directories: Set<String> = []
            var outcome = Outcome()
            var committed = false
        }
        private let state = Mutex(State())

        public init() {}

        deinit {
            if !state.withLock(\.committed) { discard() }
        }

        /// Counts a file that is known to be on disk already, without reading it.
        public func keep(_ path: String) {
            state.withLock { $0.outcome.unchanged.append(path) }
        }

        public func stage(_ path: String, _ bytes: [UInt8]) throws(FileWriteError) {
            try stage(path, bytes, existing: FileManager.default.contents(atPath: path).map(Array.init))
        }

        /// Stages `bytes` for `path` when the caller has already read what is there (`existing`, nil when
        /// there is no file), so the old file is not read twice.
        public func stage(_ path: String, _ bytes: [UInt8], existing: [UInt8]?) throws(FileWriteError) {
            if let existing, existing == bytes {
                keep(path)
                return
            }
            let parent = (path as NSString).deletingLastPathComponent
            let directory = parent.isEmpty ? "." : parent
            if !state.withLock({ $0.directories.contains(directory) }) {
                if let failure = AtomicFileSet.makeDirectory(directory) {
                    discard()
                    throw FileWriteError(path: directory, operation: "creating the folder", reason: failure)
                }
                state.withLock { _ = $0.directories.insert(directory) }
            }
            let temporary = "\(directory)/.\((path as NSString).lastPathComponent).tmp"
            if let failure = AtomicFileSet.write(bytes, to: temporary, sync: !AtomicFileSet.syncsWholeFileSystem) {
                unlink(temporary)
                discard()
                throw FileWriteError(path: path, operation: "writing", reason: failure)
            }
            state.withLock { $0.staged.append((temporary, path)) }
        }

        /// Flushes the staged files, renames them into place (in path order) and flushes the renames.
        public func commit() throws(FileWriteError) -> Outcome {
            let staged = state.withLock { state in
                state.committed = true
                return state.staged.sorted { $0.path < $1.path }
            }
            // The staged files reach the disk before any of them replaces an old one: on Linux with one
            // sync for the whole batch (thousands of fsyncs cost seconds), elsewhere file by file.
            if AtomicFileSet.syncsWholeFileSystem, !staged.isEmpty {
                AtomicFileSet.syncWholeFileSystem()
            }
            var outcome = state.withLock { $0.outcome }
            outcome.unchanged.sort()
            for (index, file) in staged.enumerated() {
                guard rename(file.temporary, file.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    for rest in staged[(index + 1)...] { unlink(rest.temporary) }
                    unlink(file.temporary)
                    state.withLock { $0.staged = [] }
                    throw FileWriteError(
                        path: file.path, operation: "renaming into place", reason: reason, filesBefore: outcome.written)
                }
                outcome.written.append(file.path)
            }
            // The renames themselves reach the disk: one more sync on Linux, where fsync of each folder
            // (hundreds, in a national export) costs more; elsewhere folder by folder.
            if AtomicFileSet.syncsWholeFileSystem {
                if !staged.isEmpty { AtomicFileSet.syncWholeFileSystem() }
            } else {
                for directory in Set(staged.map { ($0.path as NSString).deletingLastPathComponent }) {
                    let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
                    if descriptor >= 0 {
                        fsync(descriptor)
                        close(descriptor)
                    }
                }
            }
            state.withLock { $0.staged = [] }
            return outcome
        }

        /// Removes every temporary file staged so far.
        private func discard() {
            let staged = state.withLock { state in
                defer { state.staged = [] }
                return state.staged
            }
            for file in staged { unlink(file.temporary) }
        }
    }

    #if os(Linux)
        /// sync(2), which waits and cannot fail: Glibc does not export syncfs without _GNU_SOURCE, and one
        /// sync flushes the batch all the same.
        static let syncsWholeFileSystem = true
        static func syncWholeFileSystem() { sync() }
    #else
        /// Elsewhere each file is fsynced as it is written, and each folder after the renames.
        static let syncsWholeFileSystem = false
        static func syncWholeFileSystem() {}
    #endif

    /// Makes a folder and any missing parents (one mkdir when the parent is there, as for most feeds);
    /// returns why it failed, or nil.
    fileprivate static func makeDirectory(_ path: String) -> String? {
        if mkdir(path, 0o755) == 0 { return nil }
        switch errno {
        case EEXIST:
            var status = stat()
            return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR ? nil : "a file is in the way"
        case ENOENT:
            let parent = (path as NSString).deletingLastPathComponent
            guard !parent.isEmpty, parent != path else { return String(cString: strerror(ENOENT)) }
            if let failure = makeDirectory(parent) { return failure }
            return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : String(cString: strerror(errno))
        default:
            return String(cString: strerror(errno))
        }
    }

    /// Writes `bytes`, flushing them when `sync` says so; returns why it failed, or nil.
    fileprivate static func write(_ bytes: [UInt8], to path: String, sync: Bool) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        #if canImport(Glibc)
            let systemWrite = Glibc.write
        #else
            let systemWrite = Darwin.write
        #endif
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
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
        let changed =
            filesBefore.isEmpty ? "nothing was changed" : "already replaced: \(filesBefore.joined(separator: ", "))"
        return "\(path): 書き込めませんでした / failed while \(operation): \(reason) (\(changed))"
    }
}
