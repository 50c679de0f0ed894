import Foundation
import GRDB

/// What `nbrun cache list` shows of one notebook's entries.
public struct CachedNotebook: Sendable, Equatable {
    public let notebook: String
    public let cells: Int
    public let reports: Int
    public let lastUsed: Date
}

/// What `nbrun cache stats` shows.
public struct CacheStatistics: Sendable, Equatable {
    public let cells: Int
    public let payloads: Int
    public let reports: Int
    /// Session checkpoints (the state after a long cell).
    public let checkpoints: Int
    /// Compiled cells (libraries and module files, loaded instead of compiling again).
    public let compiledCells: Int
    /// Bytes of outputs, payloads (checkpoints included) and reports.
    public let contentBytes: Int
    /// The file's size, in bytes (the write-ahead log not included).
    public let fileBytes: Int
}

extension ResultCache {
    /// The notebooks with entries, most recently used first.
    public func notebooks() throws -> [CachedNotebook] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT notebook, SUM(cells) AS cells, SUM(reports) AS reports, MAX(accessed) AS accessed FROM (
                  SELECT notebook, 1 AS cells, 0 AS reports, accessed FROM cell
                  UNION ALL SELECT notebook, 0, 1, accessed FROM report)
                GROUP BY notebook ORDER BY accessed DESC, notebook
                """).map { row in
                CachedNotebook(notebook: row["notebook"], cells: row["cells"], reports: row["reports"], lastUsed: row["accessed"])
            }
        }
    }

    /// Counts and sizes.
    public func statistics(filePath: String?) throws -> CacheStatistics {
        // An in-memory cache, or a file gone since it was opened, has no file size to show (0).
        let fileBytes = filePath.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? NSNumber }?.intValue ?? 0
        return try writer.read { db in
            CacheStatistics(
                cells: try CellRow.fetchCount(db), payloads: try PayloadRow.fetchCount(db), reports: try ReportRow.fetchCount(db),
                checkpoints: try checkpointCount(db), compiledCells: try compiledCount(db),
                contentBytes: try Int.fetchOne(db, sql: """
                    SELECT (SELECT COALESCE(SUM(LENGTH(outputs)), 0) FROM cell) + (SELECT COALESCE(SUM(LENGTH(bytes)), 0) FROM payload)
                         + (SELECT COALESCE(SUM(LENGTH(html)), 0) FROM report)
                    """) ?? 0,
                fileBytes: fileBytes)
        }
    }

    /// Removes every entry; returns how many cells and reports were removed.
    @discardableResult
    public func clear() throws -> (cells: Int, reports: Int) {
        try writer.write { db in
            let counts = (try CellRow.deleteAll(db), try ReportRow.deleteAll(db))
            try CheckpointRow.deleteAll(db)
            try CompiledRow.deleteAll(db)
            try PayloadRow.deleteAll(db)
            return counts
        }
    }

    /// Removes the entries not used for `days` days, and payloads no cell refers to any more.
    @discardableResult
    public func prune(olderThan days: Double, now: Date = Date()) throws -> (cells: Int, reports: Int) {
        let limit = now.addingTimeInterval(-days * 86_400)
        return try writer.write { db in
            let counts = (try CellRow.filter(Column("accessed") < limit).deleteAll(db),
                          try ReportRow.filter(Column("accessed") < limit).deleteAll(db))
            try db.execute(sql: "DELETE FROM checkpoint WHERE key NOT IN (SELECT key FROM cell)")
            try db.execute(sql: "DELETE FROM compiled WHERE key NOT IN (SELECT key FROM cell)")
            try deleteUnreferencedPayloads(db)
            return counts
        }
    }

    /// Removes `notebook`'s entries, so its next run executes every cell.
    @discardableResult
    public func invalidate(notebook: String) throws -> (cells: Int, reports: Int) {
        try writer.write { db in
            let counts = (try CellRow.filter(Column("notebook") == notebook).deleteAll(db),
                          try ReportRow.filter(Column("notebook") == notebook).deleteAll(db))
            try CheckpointRow.filter(Column("notebook") == notebook).deleteAll(db)
            try CompiledRow.filter(Column("notebook") == notebook).deleteAll(db)
            try deleteUnreferencedPayloads(db)
            return counts
        }
    }

    func deleteUnreferencedPayloads(_ db: Database) throws {
        // A cell refers to a payload by its hash inside its outputs' JSON; checkpoints and compiled
        // cells by their hashes.
        try db.execute(sql: """
            DELETE FROM payload WHERE NOT EXISTS (SELECT 1 FROM cell WHERE instr(cell.outputs, payload.hash) > 0)
              AND NOT EXISTS (SELECT 1 FROM checkpoint WHERE checkpoint.hash = payload.hash)
              AND NOT EXISTS (SELECT 1 FROM compiled WHERE compiled.library = payload.hash OR compiled.interface = payload.hash)
            """)
    }
}
