import Foundation
import GRDB

/// A row of the `checkpoint` table: the state of a session after the cell whose key it has (its
/// bytes in the `payload` table, stored once per content).
struct CheckpointRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "checkpoint"
    var key: String
    var hash: String
    var notebook: String
    var created: Date
    var signature: String

    var signedParts: [String] { ["checkpoint", key, hash] }
}

extension ResultCache {
    /// Stores a session checkpoint taken after the cell `key`, its bytes stored once per content.
    public func storeCheckpoint(_ contents: Data, key: CacheKey, notebook: String) throws {
        let hash = CacheKey.digest(contents).hex
        try writer.write { db in
            if try !PayloadRow.exists(db, key: hash) { try PayloadRow(hash: hash, bytes: contents).insert(db) }
            var row = CheckpointRow(key: key.hex, hash: hash, notebook: notebook, created: Date(), signature: "")
            row.signature = signer.signature(row.signedParts)
            try row.save(db)
        }
    }

    /// The latest of `keys` (cells in notebook order) that has a checkpoint this user's nbrun
    /// stored, whole: its position among `keys` and the checkpoint's bytes, or nil when none has one.
    /// A checkpoint that does not verify is never returned, so never decoded.
    public func latestCheckpoint(among keys: [CacheKey]) throws -> (position: Int, contents: Data)? {
        try writer.read { db in
            for (position, key) in keys.enumerated().reversed() {
                guard let row = try CheckpointRow.fetchOne(db, key: key.hex) else { continue }
                guard signer.verifies(row.signature, row.signedParts) else { reject(); continue }
                guard let contents = try verifiedPayload(row.hash, db) else { continue }
                return (position, contents)
            }
            return nil
        }
    }

    /// Removes `notebook`'s checkpoints and compiled cells of cells other than `keys` (an earlier
    /// version's), with their bytes when nothing else refers to them: a notebook keeps those of its
    /// current cells only.
    public func keepCheckpointsAndCompiledCells(of notebook: String, only keys: [CacheKey]) throws {
        try writer.write { db in
            let current = keys.map(\.hex)
            try CheckpointRow.filter(Column("notebook") == notebook && !current.contains(Column("key"))).deleteAll(db)
            try CompiledRow.filter(Column("notebook") == notebook && !current.contains(Column("key"))).deleteAll(db)
            try deleteUnreferencedPayloads(db)
        }
    }

    /// The number of checkpoints kept.
    func checkpointCount(_ db: Database) throws -> Int {
        try CheckpointRow.fetchCount(db)
    }
}
