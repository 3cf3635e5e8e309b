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

    /// Waits until the folder is free, then holds it until `release()` or deinit.
    public init(_ folder: String) throws(FileWriteError) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/\(Self.fileName)"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, operation: "opening the lock", reason: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw FileWriteError(path: path, operation: "locking the folder", reason: reason)
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
