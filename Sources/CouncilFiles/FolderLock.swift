import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on a folder (`flock` on `<folder>/.council.lock`), so that two runs that read, change
/// and write the same files — two `council attend` at once, an export and the server's — take turns instead
/// of losing each other's work. The lock goes with the process: a run that is killed releases it.
public final class FolderLock {
    private let descriptor: Int32

    public static let fileName = ".council.lock"

    /// Waits until the folder is free, then holds it until deinit.
    public convenience init(_ folder: String) throws(FileWriteError) {
        let (descriptor, path) = try Self.openLockFile(folder)
        try self.init(waitingOn: descriptor, path)
    }

    /// Waits until the folder is free without holding a thread meanwhile, then holds it until deinit: a task that
    /// waits for another writer (an import, an export) does not keep one of the few threads every task runs on.
    public static func acquire(_ folder: String) async throws(FileWriteError) -> FolderLock {
        let (descriptor, path) = try openLockFile(folder)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            switch errno {
            case EINTR: continue
            case EWOULDBLOCK:
                try? await Task.sleep(for: .milliseconds(5))
                // A cancelled task cannot sleep: it waits as the other writers do.
                if Task.isCancelled { return try FolderLock(waitingOn: descriptor, path) }
            default: throw failed(descriptor, path)
            }
        }
        return FolderLock(descriptor: descriptor)
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Holds the lock of the open `descriptor` once it is free.
    private convenience init(waitingOn descriptor: Int32, _ path: String) throws(FileWriteError) {
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Self.failed(descriptor, path) }
        }
        self.init(descriptor: descriptor)
    }

    /// The lock file of `folder` (made with the folder if need be), open.
    private static func openLockFile(_ folder: String) throws(FileWriteError) -> (Int32, String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/\(fileName)"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, operation: "opening the lock", reason: String(cString: strerror(errno)))
        }
        return (descriptor, path)
    }

    /// Why locking failed, the descriptor closed.
    private static func failed(_ descriptor: Int32, _ path: String) -> FileWriteError {
        let reason = String(cString: strerror(errno))
        close(descriptor)
        return FileWriteError(path: path, operation: "locking the folder", reason: reason)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
