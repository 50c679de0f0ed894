import Foundation
import GRDB
import NotebookFormat
import SharedDatabase
import Synchronization

/// nbrun's cache of executed cells and rendered reports: one SQLite file that several nbrun
/// processes share (WAL mode, a busy timeout), each entry written in one transaction.
///
///     let cache = try ResultCache.open(at: ".nbrun-cache.sqlite").cache
///     if let cell = try cache.cell(key) { ... } else { try cache.store(executed, key: key, notebook: path) }
///
/// A file at the path that is not such a cache (truncated, garbage, another program's database)
/// is moved aside and a new cache is made in its place.
///
/// Every entry is signed with this user's secret (`CacheSigner`) and every payload is kept under
/// its SHA-256. An entry read back is used only when its signature verifies and its payloads
/// hash to their names; any other (another user's cache, an altered file, an entry of an older
/// nbrun) reads as absent, so its cell runs again, and is counted (`rejectedEntryCount`).
public struct ResultCache: Sendable {
    let writer: any DatabaseWriter
    let signer: CacheSigner
    private var rejected = RejectedEntries()

    /// Marks a database as ours (SQLite's `application_id`): "nbrn".
    static let applicationID: Int32 = 0x6e62_726e

    /// A cache over `writer` (tests pass an in-memory `DatabaseQueue()`), its schema migrated,
    /// its entries signed and verified by `signer`.
    ///
    /// - Throws: GRDB's `DatabaseError` when the schema cannot be created.
    public init(_ writer: any DatabaseWriter, signer: CacheSigner) throws {
        self.writer = writer
        self.signer = signer
        try SharedDatabase.migrateIfNeeded(writer, with: Self.migrator)
    }

    /// The cache file at `path`, made if missing; a damaged or foreign file there is moved to
    /// `<path>.damaged-<time>` and replaced (see `SharedDatabase`).
    ///
    /// - Parameter signer: Signs and verifies entries; nil for this user's (`CacheSigner.ofThisUser()`).
    /// - Returns: The cache, and a sentence for the user when a file was moved aside.
    /// - Throws: `CacheError.unavailable` when no cache can be made at `path` (a folder that
    ///   cannot be written) or this user's secret can be neither read nor made.
    public static func open(at path: String, signer: CacheSigner? = nil) throws -> (cache: ResultCache, notice: String?) {
        let signer = try signer ?? CacheSigner.ofThisUser()
        do {
            let (database, notice) = try SharedDatabase.open(at: path, applicationID: applicationID, migrator: migrator)
            return (try ResultCache(database, signer: signer), notice)
        } catch {
            throw CacheError.unavailable(path: path, reason: (error as? SharedDatabaseError)?.reason ?? "\(error)")
        }
    }

    /// How many entries this cache value (and its copies) found and did not use: a signature
    /// that does not verify, a payload that does not hash to its name, outputs that cannot be read.
    public var rejectedEntryCount: Int {
        rejected.count.withLock { $0 }
    }

    /// The same cache, counting its rejected entries from 0 apart from this one (one per notebook
    /// of a run).
    public func countingRejectionsApart() -> ResultCache {
        var copy = self
        copy.rejected = RejectedEntries()
        return copy
    }

    /// Notes an entry found and not used.
    func reject() {
        rejected.count.withLock { $0 += 1 }
    }

    /// The bytes of payload `hash` when they hash to it; nil (and the entry rejected) otherwise.
    func verifiedPayload(_ hash: String, _ db: Database) throws -> Data? {
        guard let row = try PayloadRow.fetchOne(db, key: hash) else { return nil }
        guard CacheKey.digest(row.bytes).hex == hash else { reject(); return nil }
        return row.bytes
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "cell") { t in
                t.primaryKey("key", .text)
                t.column("status", .text).notNull()
                t.column("outputs", .text).notNull()
                t.column("seconds", .double).notNull()
                t.column("notebook", .text).notNull().indexed()
                t.column("created", .datetime).notNull()
                t.column("accessed", .datetime).notNull()
            }
            try db.create(table: "payload") { t in
                t.primaryKey("hash", .text)
                t.column("bytes", .blob).notNull()
            }
            try db.create(table: "report") { t in
                t.primaryKey("key", .text)
                t.column("html", .blob).notNull()
                t.column("title", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("notebook", .text).notNull().indexed()
                t.column("created", .datetime).notNull()
                t.column("accessed", .datetime).notNull()
            }
            try db.create(table: "fingerprint") { t in
                t.column("path", .text).notNull()
                t.column("purpose", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("modified", .double).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["path", "purpose"])
            }
        }
        migrator.registerMigration("v2: checkpoints") { db in
            try db.create(table: "checkpoint") { t in
                t.primaryKey("key", .text)
                t.column("hash", .text).notNull()
                t.column("notebook", .text).notNull().indexed()
                t.column("created", .datetime).notNull()
            }
        }
        migrator.registerMigration("v3: compiled cells") { db in
            try db.create(table: "compiled") { t in
                t.primaryKey("key", .text)
                t.column("module", .text).notNull()
                t.column("library", .text).notNull()
                t.column("interface", .text).notNull()
                t.column("runtime", .text).notNull()
                t.column("notebook", .text).notNull().indexed()
                t.column("created", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4: signatures") { db in
            for table in ["cell", "report", "checkpoint", "compiled"] {
                try db.alter(table: table) { t in t.add(column: "signature", .text).notNull().defaults(to: "") }
            }
        }
        return migrator
    }

    // MARK: - Cells

    /// The cached cell for `key`, if any (see `cells(_:)`).
    public func cell(_ key: CacheKey) throws -> CachedCell? {
        try cells([key])[0]
    }

    /// The cached cells for `keys`, in order (nil where there is none, or none that this user's
    /// nbrun wrote and that reads back whole), read in one transaction.
    public func cells(_ keys: [CacheKey]) throws -> [CachedCell?] {
        try writer.read { db in
            try keys.map { key in
                guard let row = try CellRow.fetchOne(db, key: key.hex) else { return nil }
                guard signer.verifies(row.signature, row.signedParts) else { reject(); return nil }
                do {
                    let outputs = try Payloads.internalize(row.outputs) { hash in try verifiedPayload(hash, db) }
                    return CachedCell(status: row.status, outputs: outputs, seconds: row.seconds)
                } catch is CacheError {
                    reject()
                    return nil
                }
            }
        }
    }

    /// Stores an executed cell under `key`, with its payloads, in one transaction.
    public func store(_ cell: CachedCell, key: CacheKey, notebook: String) throws {
        let (json, payloads) = Payloads.externalize(cell.outputs)
        try writer.write { db in
            for (hash, bytes) in payloads where try !PayloadRow.exists(db, key: hash) {
                try PayloadRow(hash: hash, bytes: bytes).insert(db)
            }
            let now = Date()
            var row = CellRow(key: key.hex, status: cell.status, outputs: json, seconds: cell.seconds, notebook: notebook,
                              created: now, accessed: now, signature: "")
            row.signature = signer.signature(row.signedParts)
            try row.save(db)
        }
    }

    /// Marks entries as used now by `notebook` (for `prune` and `invalidate`), in one write.
    public func touch(cells: [CacheKey], report: CacheKey?, notebook: String) throws {
        try writer.write { db in
            let now = Date()
            try CellRow.filter(keys: cells.map(\.hex)).updateAll(db, Column("accessed").set(to: now), Column("notebook").set(to: notebook))
            if let report {
                try ReportRow.filter(key: report.hex).updateAll(db, Column("accessed").set(to: now))
            }
        }
    }

    // MARK: - Reports

    /// The rendered report stored under `key`, if this user's nbrun stored it.
    public func report(_ key: CacheKey) throws -> StoredReport? {
        try writer.read { db in
            guard let row = try ReportRow.fetchOne(db, key: key.hex) else { return nil }
            guard signer.verifies(row.signature, row.signedParts) else { reject(); return nil }
            return StoredReport(content: String(decoding: row.html, as: UTF8.self), title: row.title, summary: row.summary)
        }
    }

    /// Stores a rendered report under `key`, replacing the notebook's earlier reports.
    public func storeReport(_ report: StoredReport, key: CacheKey, notebook: String) throws {
        try writer.write { db in
            try ReportRow.filter(Column("notebook") == notebook).deleteAll(db)
            let now = Date()
            var row = ReportRow(key: key.hex, html: Data(report.content.utf8), title: report.title, summary: report.summary,
                                notebook: notebook, created: now, accessed: now, signature: "")
            row.signature = signer.signature(row.signedParts)
            try row.save(db)
        }
    }

    // MARK: - Fingerprints

    /// A fact about the file at `path` (a digest, a version), computed by `compute` only when the
    /// file's size or modification time changed since it was last computed for `purpose`.
    public func fingerprint(of path: String, purpose: String, compute: () throws -> String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let stored = try writer.read { db in
            try FingerprintRow.fetchOne(db, key: ["path": path, "purpose": purpose])
        }
        if let stored, stored.size == size, stored.modified == modified { return stored.value }
        let value = try compute()
        try writer.write { db in
            try FingerprintRow(path: path, size: size, modified: modified, purpose: purpose, value: value).save(db)
        }
        return value
    }
}

/// The count behind `ResultCache.takeRejectedEntryCount()`, shared by the copies of a cache.
private final class RejectedEntries: Sendable {
    let count = Mutex(0)
}
