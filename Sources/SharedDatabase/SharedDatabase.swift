import Foundation
import GRDB

/// The project's one way to keep data in SQLite (GRDB): a file several processes share (WAL
/// mode, a busy timeout), its schema made by named migrations, marked with the owner's
/// `application_id` so that a file of another program is never written into. The kernel's
/// history and nbrun's cache both open theirs here.
public enum SharedDatabase {
    /// Opens (making it if needed) the database at `path`, migrated by `migrator`. A file there
    /// that is not this owner's database (truncated, garbage, another program's) is moved to
    /// `<path>.damaged-<time>` with its `-wal` and `-shm` files, untouched, and a new one is made.
    /// Processes opening the same file at once take turns on the lock file `<path>-lock`.
    ///
    /// - Parameters:
    ///   - applicationID: The owner's mark (SQLite's `application_id`).
    ///   - adopting: Tables an unmarked file may already have: those an earlier version of the
    ///     owner made before it marked its files.
    /// - Returns: The database, and a sentence for the user when a file was moved aside.
    /// - Throws: `SharedDatabaseError` when no database can be made at `path`.
    public static func open(at path: String, applicationID: Int32, adopting: Set<String> = [],
                            migrator: DatabaseMigrator) throws -> (database: DatabasePool, notice: String?) {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            // Making a file (its switch to WAL mode, its migrations) is one process's at a time:
            // SQLite does not wait for the lock the switch takes, and GRDB's migrator reads which
            // migrations ran outside the transaction that runs them.
            return try SetupLock.holding(for: path) {
                try openedOrReplaced(path, applicationID: applicationID, adopting: adopting, migrator: migrator)
            }
        } catch {
            throw SharedDatabaseError(path: path, reason: "\(error)")
        }
    }

    /// Runs the migrations `writer` lacks; a database that has them all is only read.
    public static func migrateIfNeeded(_ writer: any DatabaseWriter, with migrator: DatabaseMigrator) throws {
        if try !writer.read({ db in try migrator.hasCompletedMigrations(db) }) {
            try migrator.migrate(writer)
        }
    }

    private static func openedOrReplaced(_ path: String, applicationID: Int32, adopting: Set<String>,
                                         migrator: DatabaseMigrator) throws -> (DatabasePool, String?) {
        do {
            return (try opened(path, applicationID: applicationID, adopting: adopting, migrator: migrator), nil)
        } catch {
            guard FileManager.default.fileExists(atPath: path), isDamage(error) else { throw error }
        }
        let aside = path + ".damaged-\(Int(Date().timeIntervalSince1970))"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        return (try opened(path, applicationID: applicationID, adopting: adopting, migrator: migrator),
                "\(path) was not a usable database; it was moved to \(aside) and a new one was made")
    }

    private static func opened(_ path: String, applicationID: Int32, adopting: Set<String>,
                               migrator: DatabaseMigrator) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // A write-ahead log without a sync per commit: a power cut may lose the last
            // entries, never the file's consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let (id, tables) = try pool.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
        if id != applicationID {
            // Nothing is written into a file with another owner's tables.
            guard Set(tables).isSubset(of: adopting) else { throw ForeignDatabase() }
            try pool.write { db in try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
        }
        try migrateIfNeeded(pool, with: migrator)
        // The reader that looked at the file before the migrations keeps statements prepared
        // against the old schema (a `SELECT *` without a column added since): readers start anew.
        pool.invalidateReadOnlyConnections()
        return pool
    }

    /// Whether `error` says the file is not a database of ours (rather than that it cannot be opened at all).
    private static func isDamage(_ error: any Error) -> Bool {
        if error is ForeignDatabase { return true }
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT].contains(error.resultCode)
    }

    private struct ForeignDatabase: Error, CustomStringConvertible {
        var description: String { "the file belongs to another program" }
    }
}

/// A database that cannot be opened or made.
public struct SharedDatabaseError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path) cannot be used: \(reason)" }
}
