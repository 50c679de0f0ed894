internal import CSQLite
import Foundation

/// One history line: a cell's source and, if it had one, the text of its result.
struct HistoryEntry: Equatable {
    var session: Int
    var line: Int
    var source: String
    var output: String?
}

/// The inputs (and results) of this and earlier kernel sessions, kept in SQLite, for Jupyter's
/// history requests.
///
/// The file is `$SWIFT_KERNEL_HISTORY`, else `~/.local/share/swift-kernel/history.sqlite`. If it
/// cannot be opened, history still works for the current session in memory.
final class HistoryStore {
    private var database: OpaquePointer?
    /// This kernel process's session number (one more than the last one stored).
    private(set) var session = 1
    /// The history when the file cannot be opened.
    private var memory: [HistoryEntry] = []

    init(path: String = HistoryStore.defaultPath) {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        guard sqlite3_open(path, &database) == SQLITE_OK,
              execute("PRAGMA busy_timeout = 2000"),
              // A write-ahead log without a sync per commit: recording a cell costs no disk flush
              // (a power cut may lose the last lines, never the file).
              execute("PRAGMA journal_mode = WAL"), execute("PRAGMA synchronous = NORMAL"),
              execute("CREATE TABLE IF NOT EXISTS history (session INTEGER, line INTEGER, source TEXT, PRIMARY KEY (session, line))")
        else {
            FileHandle.standardError.write(Data("swift-kernel: history file \(path) unavailable; keeping this session's history in memory\n".utf8))
            sqlite3_close(database)
            database = nil
            return
        }
        // Files written before outputs were kept lack the column; adding it to a newer file fails harmlessly.
        execute("ALTER TABLE history ADD COLUMN output TEXT")
        session = (rows("SELECT COALESCE(MAX(session), 0) + 1, 0, '', NULL FROM history", []).first?.session) ?? 1
    }

    deinit { sqlite3_close(database) }

    static var defaultPath: String {
        ProcessInfo.processInfo.environment["SWIFT_KERNEL_HISTORY"]
            ?? NSHomeDirectory() + "/.local/share/swift-kernel/history.sqlite"
    }

    /// Records input line `line` of this session.
    func append(line: Int, source: String) {
        guard database != nil else { return memory.append(HistoryEntry(session: session, line: line, source: source)) }
        _ = rows("INSERT OR REPLACE INTO history VALUES (?, ?, ?, NULL)", [.integer(session), .integer(line), .text(source)])
    }

    /// Records the text of line `line`'s result.
    func setOutput(_ output: String, line: Int) {
        guard database != nil else {
            if let index = memory.lastIndex(where: { $0.line == line }) { memory[index].output = output }
            return
        }
        _ = rows("UPDATE history SET output = ? WHERE session = ? AND line = ?", [.text(output), .integer(session), .integer(line)])
    }

    /// The last `count` inputs, oldest first.
    func tail(_ count: Int) -> [HistoryEntry] {
        guard database != nil else { return Array(memory.suffix(count)) }
        return rows("SELECT \(Self.columns) FROM history ORDER BY session DESC, line DESC LIMIT ?", [.integer(count)]).reversed()
    }

    /// Lines `start ..< stop` of a session (0 or less: relative to this one, 0 being this one).
    func range(session requested: Int, start: Int, stop: Int) -> [HistoryEntry] {
        let target = requested <= 0 ? session + requested : requested
        guard database != nil else { return memory.filter { $0.session == target && $0.line >= start && $0.line < stop } }
        return rows("SELECT \(Self.columns) FROM history WHERE session = ? AND line >= ? AND line < ? ORDER BY line",
                    [.integer(target), .integer(start), .integer(stop)])
    }

    /// Inputs matching a glob `pattern` (`*`, `?`), the last `count` of them, optionally without repeats.
    func search(_ pattern: String, count: Int, unique: Bool) -> [HistoryEntry] {
        var matches = database == nil
            ? memory.filter { Self.glob(pattern, matches: $0.source) }
            : rows("SELECT \(Self.columns) FROM history WHERE source GLOB ? ORDER BY session, line", [.text(pattern)])
        if unique {
            var seen = Set<String>()
            matches = matches.reversed().filter { seen.insert($0.source).inserted }.reversed()
        }
        return Array(matches.suffix(count))
    }

    // MARK: - SQLite

    private enum Value { case integer(Int), text(String) }

    private static let columns = "session, line, source, output"

    @discardableResult
    private func execute(_ sql: String) -> Bool {
        sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK
    }

    private func rows(_ sql: String, _ values: [Value]) -> [HistoryEntry] {
        guard let database else { return [] }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK else { return [] }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, value) in values.enumerated() {
            switch value {
            case let .integer(number): sqlite3_bind_int64(statement, Int32(index + 1), Int64(number))
            case let .text(text): sqlite3_bind_text(statement, Int32(index + 1), text, -1, transient)
            }
        }
        var result: [HistoryEntry] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append(HistoryEntry(session: Int(sqlite3_column_int64(statement, 0)), line: Int(sqlite3_column_int64(statement, 1)),
                                       source: sqlite3_column_text(statement, 2).map { String(cString: $0) } ?? "",
                                       output: sqlite3_column_text(statement, 3).map { String(cString: $0) }))
        }
        return result
    }

    /// Glob matching for the in-memory fallback (`*` any run, `?` one character).
    private static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == t.count }
            if p[i] == "*" { return (j...t.count).contains { match(i + 1, $0) } }
            return j < t.count && (p[i] == "?" || p[i] == t[j]) && match(i + 1, j + 1)
        }
        return match(0, 0)
    }
}
