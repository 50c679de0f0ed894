import Foundation

/// An exclusive lock, shared by processes, on the file `<database>-lock` beside a database: held
/// while the database is opened and migrated, released when that is done or its process dies.
enum SetupLock {
    /// Runs `body` while holding the lock for the database at `path`, waiting for any other holder.
    static func holding<Result>(for path: String, _ body: () throws -> Result) throws -> Result {
        let lockPath = path + "-lock"
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SetupLockError(path: lockPath, code: errno) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SetupLockError(path: lockPath, code: errno) }
        }
        return try body()
    }
}

/// The lock file could not be made or locked.
struct SetupLockError: Error, CustomStringConvertible {
    let path: String
    let code: Int32

    var description: String { "the lock file \(path) cannot be used: \(String(cString: strerror(code)))" }
}
