import CellCompiler
import Foundation
import GRDB

/// A row of the `compiled` table: a cell's library and module file, built for the cell whose key
/// it has (the bytes in the `payload` table, stored once per content).
struct CompiledRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "compiled"
    var key: String
    var module: String
    var library: String
    var interface: String
    var runtime: String
    var notebook: String
    var created: Date
    var signature: String

    var signedParts: [String] { ["compiled", key, module, library, interface, runtime] }
}

extension ResultCache {
    /// Stores what compiling the cell `key` gave, so that a later run that rebuilds the state
    /// before an edited cell loads it instead of compiling again.
    public func storeCompiled(_ compiled: CompiledCell, key: CacheKey, notebook: String) throws {
        let library = CacheKey.digest(compiled.library).hex, interface = CacheKey.digest(compiled.module).hex
        try writer.write { db in
            for (hash, bytes) in [(library, compiled.library), (interface, compiled.module)] where try !PayloadRow.exists(db, key: hash) {
                try PayloadRow(hash: hash, bytes: bytes).insert(db)
            }
            var row = CompiledRow(key: key.hex, module: compiled.moduleName, library: library, interface: interface,
                                  runtime: compiled.runtimeDirectory, notebook: notebook, created: Date(), signature: "")
            row.signature = signer.signature(row.signedParts)
            try row.save(db)
        }
    }

    /// The compiled cells stored for `keys` by this user's nbrun, whole, in order (nil where there
    /// is none). A library that does not verify is never returned, so never loaded.
    public func compiled(_ keys: [CacheKey]) throws -> [CompiledCell?] {
        try writer.read { db in
            try keys.map { key in
                guard let row = try CompiledRow.fetchOne(db, key: key.hex) else { return nil }
                guard signer.verifies(row.signature, row.signedParts) else { reject(); return nil }
                guard let library = try verifiedPayload(row.library, db), let module = try verifiedPayload(row.interface, db) else { return nil }
                return CompiledCell(moduleName: row.module, library: library, module: module, runtimeDirectory: row.runtime)
            }
        }
    }

    /// The number of compiled cells kept.
    func compiledCount(_ db: Database) throws -> Int {
        try CompiledRow.fetchCount(db)
    }
}
