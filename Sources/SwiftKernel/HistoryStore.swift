import Foundation
import GRDB
import NotebookFormat
import SharedDatabase

/// One history line: a cell's source and, if it had one, the text of its result.
struct HistoryEntry: Equatable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "history"
    var session: Int
    var line: Int
    var source: String
    var output: String?
}

/// The inputs (and results) of this and earlier kernel sessions, kept in SQLite, for Jupyter's
/// history requests.
///
/// The file is `$SWIFT_KERNEL_HISTORY`, else `~/.local/share/swift-kernel/history.sqlite`. If it
/// cannot be opened, history still works for the current session, in an in-memory database.
final class HistoryStore {
    private let database: any DatabaseWriter
    /// This kernel process's session number: a row of the `session` table it inserted, so two
    /// kernels started at once never share one.
    let session: Int

    /// Marks the file as the kernel's history (SQLite's `application_id`): "swhi".
    private static let applicationID: Int32 = 0x7377_6869

    init(path: String = HistoryStore.defaultPath) {
        let opened: any DatabaseWriter
        do {
            let (pool, notice) = try SharedDatabase.open(at: path, applicationID: Self.applicationID, adopting: ["history"],
                                                             migrator: Self.migrator)
            if let notice { Self.log(notice) }
            opened = pool
        } catch {
            Self.log("history file \(path) unavailable (\(error)); keeping this session's history in memory")
            // An in-memory database cannot fail to open.
            opened = try! DatabaseQueue()
            try! Self.migrator.migrate(opened)
        }
        database = opened
        do {
            session = try opened.write { db in
                try db.execute(sql: "INSERT INTO session (started) VALUES (CURRENT_TIMESTAMP)")
                return Int(db.lastInsertedRowID)
            }
        } catch {
            // Lines of this session are then not kept either (each write fails and is logged).
            Self.log("history file \(path): no session could be started (\(error))")
            session = 0
        }
    }

    private static func log(_ message: String) {
        Kernel.log(message)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Kernels before this one made the table without a mark, at first without `output`.
            if try db.tableExists("history") {
                if try !db.columns(in: "history").contains(where: { $0.name == "output" }) {
                    try db.alter(table: "history") { t in t.add(column: "output", .text) }
                }
            } else {
                try db.create(table: "history") { t in
                    t.column("session", .integer)
                    t.column("line", .integer)
                    t.column("source", .text)
                    t.column("output", .text)
                    t.primaryKey(["session", "line"])
                }
            }
        }
        migrator.registerMigration("v2: sessions") { db in
            // AUTOINCREMENT: a number is never given twice, even after its row is gone.
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("started", .datetime)
            }
            try db.execute(sql: "INSERT INTO session (id, started) SELECT MAX(session), CURRENT_TIMESTAMP FROM history WHERE session IS NOT NULL HAVING COUNT(*) > 0")
        }
        return migrator
    }

    static var defaultPath: String {
        ProcessInfo.processInfo.environment["SWIFT_KERNEL_HISTORY"]
            ?? NSHomeDirectory() + "/.local/share/swift-kernel/history.sqlite"
    }

    /// Records input line `line` of this session.
    func append(line: Int, source: String) {
        write("line \(line)") { db in try HistoryEntry(session: session, line: line, source: source).save(db) }
    }

    /// Records the text of line `line`'s result.
    func setOutput(_ output: String, line: Int) {
        write("the result of line \(line)") { db in
            _ = try HistoryEntry.filter(Column("session") == session && Column("line") == line).updateAll(db, Column("output").set(to: output))
        }
    }

    /// Writes to the history, logging what could not be kept: history is a convenience, a cell
    /// never fails for it.
    private func write(_ what: String, _ update: (Database) throws -> Void) {
        do {
            try database.write(update)
        } catch {
            Self.log("history: \(what) of session \(session) not kept (\(error))")
        }
    }

    /// The last `count` inputs, oldest first.
    func tail(_ count: Int) -> [HistoryEntry] {
        entries(HistoryEntry.order(Column("session").desc, Column("line").desc).limit(count)).reversed()
    }

    /// Lines `start ..< stop` of a session (0 or less: relative to this one, 0 being this one).
    func range(session requested: Int, start: Int, stop: Int) -> [HistoryEntry] {
        let target = requested <= 0 ? session + requested : requested
        return entries(HistoryEntry.filter(Column("session") == target && Column("line") >= start && Column("line") < stop)
            .order(Column("line")))
    }

    /// Inputs matching a glob `pattern` (`*`, `?`), the last `count` of them, optionally without repeats.
    func search(_ pattern: String, count: Int, unique: Bool) -> [HistoryEntry] {
        var matches = entries(HistoryEntry.filter(sql: "source GLOB ?", arguments: [pattern]).order(Column("session"), Column("line")))
        if unique {
            var seen = Set<String>()
            matches = matches.reversed().filter { seen.insert($0.source).inserted }.reversed()
        }
        return Array(matches.suffix(count))
    }

    private func entries(_ request: QueryInterfaceRequest<HistoryEntry>) -> [HistoryEntry] {
        do {
            return try database.read { db in try request.fetchAll(db) }
        } catch {
            Self.log("history could not be read (\(error)); replying with none")
            return []
        }
    }
}

extension HistoryStore {
    /// The entries a history request asks for, as the reply lists them: `[session, line, source]`,
    /// or with `output` `[session, line, [source, result text or null]]`.
    func entries(_ query: HistoryQuery) -> [JSONValue] {
        let found = switch query.access {
        case let .tail(count): tail(count)
        case let .range(session, start, stop): range(session: session, start: start, stop: stop)
        case let .search(pattern, count, unique): search(pattern, count: count, unique: unique)
        }
        return found.map { entry in
            let source: JSONValue = query.output ? [.string(entry.source), entry.output.map(JSONValue.string) ?? .null] : .string(entry.source)
            return [.integer(entry.session), .integer(entry.line), source]
        }
    }
}
