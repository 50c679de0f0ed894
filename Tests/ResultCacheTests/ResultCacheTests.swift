import CellCompiler
import Foundation
import GRDB
import NotebookFormat
import ResultCache
import Testing

private func temporaryPath(_ name: String) -> String {
    let folder = NSTemporaryDirectory() + "result-cache-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder + "/" + name
}

/// Two users' signers.
private let user = CacheSigner(secret: Data(repeating: 1, count: 32))
private let otherUser = CacheSigner(secret: Data(repeating: 2, count: 32))

@Suite struct ResultCacheTests {
    let chart = "<svg>" + String(repeating: "<line x1=\"0\" y1=\"1\"/>", count: 200) + "</svg>"

    private func executed(_ text: String) -> CachedCell {
        CachedCell(status: .ok, outputs: [
            .stream(name: "stdout", text: text),
            .displayData(data: ["image/svg+xml": .string(chart), "text/plain": "Chart"], metadata: [:]),
            .executeResult(executionCount: 2, data: ["application/json": ["a": 1]], metadata: ["k": true]),
        ], seconds: 0.25)
    }

    @Test func aCellComesBackAsItWasStoredAndLargePayloadsAreStoredOnce() throws {
        // Given an in-memory cache with two cells that show the same chart
        let cache = try ResultCache(DatabaseQueue(), signer: user)
        let first = CacheKey.base(["toolchain": "6.3"]).next(source: "print(1)")
        let second = first.next(source: "print(2)")
        try cache.store(executed("1\n"), key: first, notebook: "a.ipynb")
        try cache.store(executed("2\n"), key: second, notebook: "a.ipynb")
        // Then each comes back whole, and the chart is stored once
        #expect(try cache.cell(first) == executed("1\n"))
        #expect(try cache.cell(second) == executed("2\n"))
        #expect(try cache.cell(second.next(source: "x")) == nil)
        let statistics = try cache.statistics(filePath: nil)
        #expect(statistics.cells == 2 && statistics.payloads == 1)
    }

    @Test func keysFollowTheCodeAndNothingElse() {
        let base = CacheKey.base(["toolchain": "6.3", "parameters": ""])
        #expect(base.next(source: "a\r\nb") == base.next(source: "a\nb"))
        #expect(base.next(source: "a") != base.next(source: "b"))
        #expect(base.next(source: "a").next(source: "b") != base.next(source: "b"))
        #expect(CacheKey.base(["toolchain": "6.3", "parameters": "epochs=3"]).next(source: "a") != base.next(source: "a"))
        // Labels and values cannot be shifted into each other.
        #expect(CacheKey.base(["a": "b=c"]) != CacheKey.base(["a=b": "c"]))
        #expect(base.hex.count == 64)
    }

    @Test func reportsAreKeptOnePerNotebook() throws {
        let cache = try ResultCache(DatabaseQueue(), signer: user)
        let (old, new) = (CacheKey.digest("old"), CacheKey.digest("new"))
        try cache.storeReport(StoredReport(content: "<p>old</p>", title: "Old", summary: ""), key: old, notebook: "a.ipynb")
        try cache.storeReport(StoredReport(content: "<p>new</p>", title: "New", summary: "s"), key: new, notebook: "a.ipynb")
        #expect(try cache.report(old) == nil)
        #expect(try cache.report(new) == StoredReport(content: "<p>new</p>", title: "New", summary: "s"))
    }

    @Test func maintenanceListsPrunesInvalidatesAndClears() throws {
        let cache = try ResultCache(DatabaseQueue(), signer: user)
        let keys = (0..<3).map { CacheKey.digest("\($0)") }
        try cache.store(executed("a"), key: keys[0], notebook: "a.ipynb")
        try cache.store(executed("b"), key: keys[1], notebook: "b.ipynb")
        try cache.store(executed("c"), key: keys[2], notebook: "b.ipynb")
        try cache.storeReport(StoredReport(content: "<p/>", title: "", summary: ""), key: CacheKey.digest("r"), notebook: "b.ipynb")
        #expect(try cache.notebooks().map(\.notebook).sorted() == ["a.ipynb", "b.ipynb"])
        #expect(try cache.notebooks().first { $0.notebook == "b.ipynb" }.map { ($0.cells, $0.reports) } ?? (0, 0) == (2, 1))
        #expect(try cache.invalidate(notebook: "b.ipynb") == (2, 1))
        #expect(try cache.cell(keys[0]) != nil && cache.cell(keys[1]) == nil)
        // Nothing is older than a day; everything is older than -1 days.
        #expect(try cache.prune(olderThan: 1) == (0, 0))
        #expect(try cache.prune(olderThan: -1) == (1, 0))
        #expect(try cache.statistics(filePath: nil).payloads == 0)
        try cache.store(executed("a"), key: keys[0], notebook: "a.ipynb")
        #expect(try cache.clear() == (1, 0))
    }

    @Test func checkpointsAreStoredOncePerContentAndOnlyTheCurrentCellsKeepTheirs() throws {
        let cache = try ResultCache(DatabaseQueue(), signer: user)
        let keys = (0..<4).map { CacheKey.digest("\($0)") }
        for key in keys { try cache.store(executed("x"), key: key, notebook: "a.ipynb") }
        let state = Data((0..<5000).map { UInt8($0 % 251) })
        try cache.storeCheckpoint(state, key: keys[0], notebook: "a.ipynb")
        try cache.storeCheckpoint(state, key: keys[2], notebook: "a.ipynb")
        try cache.storeCheckpoint(Data("other".utf8), key: keys[1], notebook: "b.ipynb")
        #expect(try cache.statistics(filePath: nil).checkpoints == 3)
        #expect(try cache.statistics(filePath: nil).payloads == 3, "the chart, one copy of `state`, and `other`")
        // The latest among the keys asked for.
        #expect(try cache.latestCheckpoint(among: keys).map { $0.position } == 2)
        #expect(try cache.latestCheckpoint(among: Array(keys.prefix(2))).map { $0.position } == 1)
        #expect(try cache.latestCheckpoint(among: [keys[3]]) == nil)
        #expect(try cache.latestCheckpoint(among: keys)?.contents == state)
        // A new version of a.ipynb that keeps only its first cell: the other checkpoint goes, the bytes stay.
        try cache.keepCheckpointsAndCompiledCells(of: "a.ipynb", only: [keys[0], CacheKey.digest("new")])
        #expect(try cache.latestCheckpoint(among: keys).map { $0.position } == 1, "b.ipynb's stays")
        try cache.keepCheckpointsAndCompiledCells(of: "b.ipynb", only: [])
        #expect(try cache.latestCheckpoint(among: keys)?.contents == state)
        #expect(try cache.statistics(filePath: nil).payloads == 2)
        // Pruning the cells takes their checkpoints and then the bytes.
        #expect(try cache.prune(olderThan: -1).cells == 4)
        #expect(try cache.statistics(filePath: nil).checkpoints == 0 && cache.statistics(filePath: nil).payloads == 0)
    }

    @Test func compiledCellsComeBackAsStoredAndGoWithTheirCells() throws {
        let cache = try ResultCache(DatabaseQueue(), signer: user)
        let keys = (0..<2).map { CacheKey.digest("c\($0)") }
        for key in keys { try cache.store(executed("x"), key: key, notebook: "a.ipynb") }
        let first = CompiledCell(moduleName: "Cell1", library: Data(repeating: 7, count: 4000), module: Data("m1".utf8), runtimeDirectory: "/rt")
        let second = CompiledCell(moduleName: "Cell2", library: Data(repeating: 7, count: 4000), module: Data("m2".utf8), runtimeDirectory: "/rt")
        try cache.storeCompiled(first, key: keys[0], notebook: "a.ipynb")
        try cache.storeCompiled(second, key: keys[1], notebook: "a.ipynb")
        #expect(try cache.compiled(keys + [CacheKey.digest("none")]) == [first, second, nil])
        #expect(try cache.statistics(filePath: nil).payloads == 4, "the chart, one library for both, two modules")
        try cache.keepCheckpointsAndCompiledCells(of: "a.ipynb", only: [keys[1]])
        #expect(try cache.compiled(keys) == [nil, second])
        #expect(try cache.invalidate(notebook: "a.ipynb").cells == 2)
        #expect(try cache.statistics(filePath: nil).compiledCells == 0 && cache.statistics(filePath: nil).payloads == 0)
    }

    @Test func fingerprintsAreComputedAgainOnlyWhenTheFileChanges() throws {
        let cache = try ResultCache(DatabaseQueue(), signer: user)
        let path = temporaryPath("lib.so")
        try "one".write(toFile: path, atomically: true, encoding: .utf8)
        var computed = 0
        func digest() throws -> String {
            try cache.fingerprint(of: path, purpose: "digest") { computed += 1; return CacheKey.digest(try Data(contentsOf: URL(fileURLWithPath: path))).hex }
        }
        let first = try digest()
        #expect(try digest() == first && computed == 1)
        try "two!".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try digest() != first && computed == 2)
    }

    @Test(arguments: ["truncated", "garbage", "foreign"])
    func aFileThatIsNotACacheIsMovedAsideAndReplaced(_ kind: String) throws {
        let path = temporaryPath("cache.sqlite")
        let key = CacheKey.digest("k")
        switch kind {
        case "truncated":
            try ResultCache.open(at: path, signer: user).cache.store(executed("x"), key: key, notebook: "n")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try bytes.prefix(1000).write(to: URL(fileURLWithPath: path))
            try? FileManager.default.removeItem(atPath: path + "-wal")
        case "garbage":
            try Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: path))
        default:
            let other = try DatabaseQueue(path: path)
            try other.write { try $0.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY)") }
            try other.close()
        }
        let (cache, notice) = try ResultCache.open(at: path, signer: user)
        #expect(notice?.contains("was not a usable database; it was moved to \(path).damaged-") == true, "\(notice ?? "no notice")")
        try cache.store(executed("y"), key: key, notebook: "n")
        #expect(try cache.cell(key) == executed("y"))
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix("cache.sqlite.damaged-") })
    }

    @Test func aFolderThatCannotBeWrittenIsReported() {
        #expect(throws: CacheError.self) { try ResultCache.open(at: "/proc/no-such-folder/cache.sqlite", signer: user) }
    }

    @Test func severalProcessesMayMakeTheSameNewFileAtOnce() {
        // Making a file switches it to WAL mode, which takes a lock SQLite does not wait for.
        let failures = DispatchQueue(label: "failures")
        nonisolated(unsafe) var errors: [String] = []
        for _ in 0..<20 {
            let path = temporaryPath("cache.sqlite")
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try ResultCache.open(at: path, signer: user) } catch { failures.sync { errors.append("\(error)") } }
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
    }

    @Test func twoConnectionsWriteAtOnceWithoutLocking() throws {
        let path = temporaryPath("cache.sqlite")
        let caches = try (0..<2).map { _ in try ResultCache.open(at: path, signer: user).cache }
        let failures = DispatchQueue(label: "failures")
        nonisolated(unsafe) var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in 0..<100 {
                do {
                    try caches[worker].store(executed("\(index)"), key: CacheKey.digest("\(worker)-\(index)"), notebook: "n\(worker)")
                    _ = try caches[1 - worker].cell(CacheKey.digest("\(1 - worker)-\(index)"))
                } catch {
                    failures.sync { errors.append("\(error)") }
                }
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(try caches[0].statistics(filePath: nil).cells == 200)
    }

    // MARK: - Signatures

    /// A cache file with a cell (and its chart), a report, a checkpoint and a compiled cell, all
    /// written by `user`.
    private func filledCache(at path: String) throws -> (key: CacheKey, compiled: CompiledCell) {
        let cache = try ResultCache.open(at: path, signer: user).cache
        let key = CacheKey.digest("cell")
        let compiled = CompiledCell(moduleName: "Cell1", library: Data("library".utf8), module: Data("module".utf8), runtimeDirectory: "/rt")
        try cache.store(executed("x"), key: key, notebook: "a.ipynb")
        try cache.storeReport(StoredReport(content: "<p>r</p>", title: "T", summary: ""), key: key, notebook: "a.ipynb")
        try cache.storeCheckpoint(Data("state".utf8), key: key, notebook: "a.ipynb")
        try cache.storeCompiled(compiled, key: key, notebook: "a.ipynb")
        return (key, compiled)
    }

    @Test func anotherUsersCacheIsReadAsEmpty() throws {
        // Given a cache file written by one user, copied to another
        let path = temporaryPath("cache.sqlite")
        let (key, compiled) = try filledCache(at: path)
        let copy = temporaryPath("copied.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        // Then its writer reads everything back, and the other user nothing, each entry counted
        let own = try ResultCache.open(at: copy, signer: user).cache
        #expect(try own.cell(key) == executed("x") && own.report(key) != nil)
        #expect(try own.latestCheckpoint(among: [key])?.contents == Data("state".utf8) && own.compiled([key]) == [compiled])
        #expect(own.rejectedEntryCount == 0)
        let other = try ResultCache.open(at: copy, signer: otherUser).cache
        #expect(try other.cell(key) == nil && other.report(key) == nil)
        #expect(try other.latestCheckpoint(among: [key]) == nil && other.compiled([key]) == [nil])
        #expect(other.rejectedEntryCount == 4)
        #expect(other.countingRejectionsApart().rejectedEntryCount == 0)
    }

    @Test(arguments: ["payload bytes", "row pointed at new bytes", "unsigned row"])
    func anAlteredEntryIsNotUsed(_ alteration: String) throws {
        let path = temporaryPath("cache.sqlite")
        let (key, _) = try filledCache(at: path)
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            let library = try String.fetchOne(db, sql: "SELECT library FROM compiled")!
            let chart = try String.fetchOne(db, sql: "SELECT hash FROM payload WHERE length(bytes) > 2048")!
            switch alteration {
            case "payload bytes":
                // The bytes changed under their name.
                try db.execute(sql: "UPDATE payload SET bytes = ? WHERE hash IN (?, ?)", arguments: [Data("evil".utf8), library, chart])
            case "row pointed at new bytes":
                // New bytes stored under their true hash, the rows pointed at them: the signatures no longer match.
                let evil = Data("evil".utf8), hash = CacheKey.digest(evil).hex
                try db.execute(sql: "INSERT INTO payload (hash, bytes) VALUES (?, ?)", arguments: [hash, evil])
                try db.execute(sql: "UPDATE compiled SET library = ?", arguments: [hash])
                try db.execute(sql: "UPDATE checkpoint SET hash = ?", arguments: [hash])
                try db.execute(sql: "UPDATE cell SET outputs = replace(outputs, ?, ?)", arguments: [chart, hash])
            default:
                // As an nbrun before signatures left them.
                for table in ["cell", "checkpoint", "compiled"] { try db.execute(sql: "UPDATE \(table) SET signature = ''") }
            }
        }
        try database.close()
        let cache = try ResultCache.open(at: path, signer: user).cache
        #expect(try cache.cell(key) == nil)
        #expect(try cache.compiled([key]) == [nil])
        if alteration != "payload bytes" { #expect(try cache.latestCheckpoint(among: [key]) == nil) }
        #expect(cache.rejectedEntryCount >= 2)
    }

    @Test func aUsersSecretIsMadeOnceAndKeptPrivate() throws {
        let home = temporaryPath("data")
        let environment = ["XDG_DATA_HOME": home]
        let signers = try (0..<4).map { _ in try CacheSigner.ofThisUser(environment: environment) }
        let parts = ["cell", "k", "v"]
        #expect(signers.allSatisfy { $0.verifies(signers[0].signature(parts), parts) })
        #expect(!otherUser.verifies(user.signature(parts), parts) && !user.verifies(user.signature(parts), ["cell", "k", "w"]))
        #expect(!user.verifies("not hex", parts) && !user.verifies("", parts))
        let attributes = try FileManager.default.attributesOfItem(atPath: CacheSigner.secretPath(environment: environment))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
        // Parts cannot be shifted into one another.
        #expect(user.signature(["ab", "c"]) != user.signature(["a", "bc"]))
    }
}
