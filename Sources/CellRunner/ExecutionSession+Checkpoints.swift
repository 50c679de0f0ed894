import CellCompiler
import Foundation
import RunnerProtocol

/// Checkpoints of a session's values: saved after long cells, restored when the runner starts
/// again, adopted from another session of the same cells (nbrun's cache).
extension ExecutionSession {
    /// Saves the values of every successful cell's bindings, to restore instead of replaying
    /// those cells; the session does this by itself after a cell that ran longer than
    /// `configuration.checkpointThreshold`. A checkpoint that cannot be saved is a `.warning` to
    /// `onEvent` (which gets nothing else) and changes nothing else.
    ///
    /// - Returns: The new checkpoint, or nil when none could be saved.
    @discardableResult
    public func saveCheckpoint(onEvent: (CellEvent) -> Void) -> SessionCheckpoint? {
        guard let process = runner, !successfulCells.isEmpty else { return nil }
        let path = SessionCheckpoint.path(in: configuration.compiler.workDirectory, cellCount: successfulCells.count)
        var report: CheckpointReport?
        let saving = successfulCells.map(\.cell).filter(\.savesValues)
        let end = drive(process, .checkpoint(path: path, symbols: saving.map(\.names.saveSymbol)),
                        onEvent: onEvent, showing: false, input: { _, _ in nil }, onReport: { report = $0 })
        guard case .ended(.success) = end, let report, report.failure == nil else {
            if case .runnerExited = end { runner = nil }
            let reason = report?.failure ?? "the runner \(end.summary)"
            onEvent(.warning("cell engine: no checkpoint after \(successfulCells.count) cell(s): \(reason)"))
            return nil
        }
        adoptCheckpoint(SessionCheckpoint(cellCount: successfulCells.count, path: path, bytes: report.bytes,
                                          unsaved: SessionCheckpoint.unsavedValues(report.unsaved, cells: successfulCells.map(\.cell))))
        return latestCheckpoint
    }

    /// Takes `sources` as the session's first cells without running them, and makes `checkpoint`
    /// (the contents of a checkpoint saved after the first `count` of them, by a session of the
    /// same cells) the state the runner restores before replaying the rest (without a checkpoint,
    /// it replays them all): how nbrun brings back the state an edited cell needs. Use it on a
    /// session that has run nothing.
    ///
    /// - Parameter libraries: Per cell, what a session of the same cells, runtime and compiler
    ///   compiled (`compiledCell(at:)`), used instead of compiling it; nil (or missing, or for
    ///   another module or runtime folder): the cell is compiled.
    /// - Throws: `AdoptionError`, leaving the session as it was, when a cell has no code or does
    ///   not compile, or the checkpoint cannot be written to the session's folder.
    public func adopt(cells sources: [String], compiled libraries: [CompiledCell?] = [], checkpoint: Data?, after count: Int) throws(AdoptionError) {
        precondition(successfulCells.isEmpty && runner == nil, "adopt(cells:checkpoint:after:) needs a session that has run nothing")
        precondition(count <= sources.count, "the checkpoint's cells must be among the cells adopted")
        var compiled: [(GeneratedCell, String)] = []
        var adoptedScope = scope
        // An error leaves the session as it was, packages included.
        let packagesBefore = packages
        var adopted = false
        defer { if !adopted { adoptPackages(packagesBefore) } }
        for (index, source) in sources.enumerated() {
            try adoptCommands(of: source, cell: index + 1)
            let cell = CellGenerator.generate(source, number: cellCount + compiled.count + 1, scope: adoptedScope)
            let prebuilt = libraries.indices.contains(index) ? libraries[index].flatMap { compiled in
                compiled.moduleName == cell.moduleName ? compiler.install(compiled) : nil
            } : nil
            guard cell.hasCode else { throw AdoptionError(cell: index + 1, reason: "it has no code to run") }
            let library: String
            if let prebuilt {
                library = prebuilt
            } else {
                let output: SwiftCompiler.Output
                do {
                    output = try compiler.compile(cell, previousModule: compiled.last?.0.moduleName)
                } catch {
                    throw AdoptionError(cell: index + 1, reason: "the compiler could not be run: \(error)")
                }
                guard let built = output.library else {
                    throw AdoptionError(cell: index + 1, reason: "it does not compile: \(Self.compileError(output).value)")
                }
                library = built
            }
            compiled.append((cell, library))
            adoptedScope.record(cell)
        }
        let path = SessionCheckpoint.path(in: configuration.compiler.workDirectory, cellCount: count)
        if let checkpoint, !FileManager.default.createFile(atPath: path, contents: checkpoint) {
            throw AdoptionError(cell: count, reason: "its checkpoint cannot be written to \(path)")
        }
        adopted = true
        cellCount += compiled.count
        compiled.forEach { record($0.0, library: $0.1) }
        if let checkpoint { adoptCheckpoint(SessionCheckpoint(cellCount: count, path: path, bytes: checkpoint.count, unsaved: [])) }
    }

    /// Starts the runner now if none runs, bringing back the state of the successful cells
    /// (the latest checkpoint restored, the cells after it replayed) and telling `onEvent` how;
    /// otherwise the next cell does this, and its output shows the notice.
    public func startRunner(onEvent: (CellEvent) -> Void) {
        if runner == nil { recover(onEvent: onEvent, opening: "The runner started") }
    }

    /// The library and module file of the successful cell at `position` (0 for the first), for
    /// another session of the same cells to adopt; nil when no cell succeeded there.
    ///
    /// - Throws: The error reading the cell's files.
    public func compiledCell(at position: Int) throws -> CompiledCell? {
        guard successfulCells.indices.contains(position) else { return nil }
        return try compiler.compiledCell(successfulCells[position].cell.moduleName)
    }

    /// The number of cells that ran to their end (what `compiledCell(at:)` and checkpoints count).
    public var successfulCellCount: Int { successfulCells.count }

    /// Makes `checkpoint` the latest, removing the file of the one before.
    func adoptCheckpoint(_ checkpoint: SessionCheckpoint?) {
        // The old file is in the session's folder, which goes when the session ends in any case.
        if let old = latestCheckpoint, old.path != checkpoint?.path { try? FileManager.default.removeItem(atPath: old.path) }
        latestCheckpoint = checkpoint
    }

    /// Restores `checkpoint` into a fresh runner: loads the cells it covers and gives their
    /// bindings the saved values, recomputing the others from their initializers.
    ///
    /// - Returns: The values recomputed, or why the restore failed, or why its state is not the
    ///   session's: a value recomputed that cells had used after its initializer, which a `var` or
    ///   an object may have changed.
    func restore(_ checkpoint: SessionCheckpoint, into process: RunnerProcess,
                 onEvent: (CellEvent) -> Void) -> Result<[SessionCheckpoint.UnsavedValue], RestoreProblem> {
        let cells = successfulCells.prefix(checkpoint.cellCount)
        var report: CheckpointReport?
        let restoring = cells.map(\.cell).filter(\.savesValues)
        let end = drive(process, .restore(path: checkpoint.path, libraries: cells.map(\.library), symbols: restoring.map(\.names.restoreSymbol)),
                        onEvent: onEvent, showing: false, input: { _, _ in nil }, onReport: { report = $0 })
        guard case .ended(.success) = end, let report, report.failure == nil else {
            return .failure(RestoreProblem(description: report?.failure ?? "the runner \(end.summary)"))
        }
        let recomputed = SessionCheckpoint.unsavedValues(report.unsaved, cells: cells.map(\.cell))
        if let lost = SessionCheckpoint.valueLostByRecomputing(recomputed, cells: cells.map(\.cell)) {
            return .failure(RestoreProblem(description: "\(lost), and cells used it after its initializer, so recomputing it could lose their changes"))
        }
        return .success(recomputed)
    }

    /// Why a checkpoint could not be restored.
    struct RestoreProblem: Error, CustomStringConvertible {
        let description: String
    }

    /// `2.1 MB`, `530 kB`, `120 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6)
            : bytes >= 1000 ? "\(bytes / 1000) kB" : "\(bytes) bytes"
    }
}
