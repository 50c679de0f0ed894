import CellCompiler
import Foundation
import NotebookDisplay
import RunnerProtocol

/// A notebook's Swift session: cells compile into libraries that one runner process loads in turn,
/// so names from earlier cells stay visible and nothing a cell does can take the session down.
///
/// After a cell that runs longer than `configuration.checkpointThreshold`, the session saves a
/// checkpoint of its values; when the runner has to start again (a crash, a cell killed after an
/// interrupt, `shutdown()`), it restores the latest checkpoint and replays only the cells after it.
///
///     let session = try ExecutionSession(configuration: SessionConfiguration(workingDirectory: notebookFolder))
///     let outcome = session.execute("let x = 1") { event in print(event) }
///
/// Use a session from one thread at a time; `execute` blocks until the cell ends.
public final class ExecutionSession {
    public let configuration: SessionConfiguration
    /// Interrupts the running cell; safe to use from another thread while `execute` runs.
    public let interrupter = Interrupter()
    private let compiler: SwiftCompiler
    /// Whether the compiler is the version that built the runtime, found out while the first cell
    /// is on its way.
    private let toolchainCheck: Pending<EngineError?>
    private var runner: RunnerProcess?
    private var cellCount = 0
    /// The cells that ran to their end, in order, with their libraries: what a restarted runner replays.
    private var successfulCells: [(cell: GeneratedCell, library: String)] = []
    /// What those cells declared that the next cell sees (see `SessionScope`).
    public private(set) var scope = SessionScope()
    /// The latest saved state, which a restarted runner restores before replaying the cells after it.
    public private(set) var latestCheckpoint: SessionCheckpoint?

    /// Creates a session; the runner starts with the first cell.
    ///
    /// - Throws: `EngineError.missingFile` when the runtime library or the runner is not built.
    public init(configuration: SessionConfiguration) throws {
        self.configuration = configuration
        for (path, hint) in [(configuration.runtimeLibrary, "build it with `swift build --product NotebookRuntime`"),
                             (configuration.runnerExecutable, "build it with `swift build --product swift-cell-runner`")]
        where !FileManager.default.fileExists(atPath: path) {
            throw EngineError.missingFile(path: path, hint: hint)
        }
        try FileManager.default.createDirectory(atPath: configuration.compiler.workDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: configuration.compiler.moduleCache, withIntermediateDirectories: true)
        compiler = SwiftCompiler(configuration: configuration.compiler)
        let (swiftc, runtimeModule) = (configuration.compiler.swiftc, configuration.compiler.runtimeModuleFile("NotebookRuntime"))
        toolchainCheck = Pending { Toolchain.problem(swiftc: swiftc, runtimeModule: runtimeModule) }
    }

    /// Why no cell can be compiled in this session (the compiler cannot be run, or is another
    /// version than the one that built the runtime), or nil. Every cell fails with it.
    public var toolchainProblem: EngineError? { toolchainCheck.value }

    /// Stops the runner and removes the session's folder of generated sources and libraries.
    deinit {
        runner?.terminate()
        try? FileManager.default.removeItem(atPath: configuration.compiler.workDirectory)
    }

    /// The sources of the successful cells, oldest first (for inspection).
    public var declaredSources: [String] { successfulCells.map(\.cell.userSource) }

    /// The process id of the running runner, if one is running (for monitoring its memory).
    public var runnerProcessID: Int32? { runner?.pid }

    /// The module of the last successful cell, which the next cell links.
    private var previousModule: String? { successfulCells.last?.cell.moduleName }

    /// Answers a cell's `readLine(prompt:)`: the user's text, or nil when there is none.
    public typealias InputProvider = (_ prompt: String, _ isPassword: Bool) -> String?

    /// Compiles and runs one cell, reporting what it prints and displays through `onEvent` as it happens.
    ///
    /// A cell that fails to compile, throws or crashes leaves the session's names as they were; after
    /// a crash the runner is restarted and the successful cells are replayed (their output hidden).
    ///
    /// - Parameters:
    ///   - source: The cell's Swift code.
    ///   - input: Answers `readLine()` in the cell (Jupyter's stdin channel); nil makes it return nil.
    ///   - onEvent: Receives output, displays and notices in order, on the calling thread.
    public func execute(_ source: String, input: InputProvider? = nil, onEvent: (CellEvent) -> Void) -> CellOutcome {
        compileAndRun(source, keepingState: true, input: input, onEvent: onEvent)
    }

    /// Evaluates an expression against the session's state, as Jupyter's `user_expressions` asks:
    /// it compiles and runs like a cell, but what it prints is not shown and what it declares is
    /// not kept.
    ///
    /// - Returns: The value's representations (empty for a `Void` expression), or the error.
    public func evaluate(_ expression: String) -> Result<MIMEBundle, CellError> {
        var value = MIMEBundle([:])
        let outcome = compileAndRun(expression, keepingState: false, input: nil) { event in
            if case let .display(.result(bundle)) = event { value = bundle }
        }
        switch outcome {
        case .success: return .success(value)
        case let .failure(error): return .failure(error)
        }
    }

    private func compileAndRun(_ source: String, keepingState: Bool, input: InputProvider?,
                               onEvent: (CellEvent) -> Void) -> CellOutcome {
        let cell = CellGenerator.generate(source, number: cellCount + 1, scope: scope)
        // An empty cell, or a front end asking for the execution count with empty code: nothing to compile.
        guard cell.hasCode else { return .success }
        interrupter.executionStarted()
        defer { interrupter.executionEnded() }
        cellCount += 1
        if let toolchainProblem {
            return .failure(CellError(.engine, value: toolchainProblem.description))
        }
        let output: SwiftCompiler.Output
        do {
            output = try compiler.compile(cell, previousModule: previousModule)
        } catch {
            return .failure(CellError(.engine, value: "The compiler could not be run: \(error)"))
        }
        guard let library = output.library else {
            return .failure(Self.compileError(output))
        }
        let started = Date()
        switch run(library: library, cell: cell, input: input, onEvent: onEvent) {
        case .success:
            guard keepingState else { return .success }
            record(cell, library: library)
            if let threshold = configuration.checkpointThreshold, Date().timeIntervalSince(started) >= threshold {
                saveCheckpoint()
            }
            return .success
        case let .failure(error):
            return .failure(error)
        }
    }

    /// Keeps a cell that ran to its end: for replays, and for what later cells see.
    private func record(_ cell: GeneratedCell, library: String) {
        successfulCells.append((cell, library))
        scope.record(cell)
    }

    /// Stops the runner; the next cell starts a fresh one (and restores the latest checkpoint and
    /// replays the successful cells after it).
    public func shutdown() {
        runner?.terminate()
        runner = nil
    }

    // MARK: - Checkpoints

    /// Saves the values of every successful cell's bindings, to restore instead of replaying
    /// those cells; the session does this by itself after a cell that ran longer than
    /// `configuration.checkpointThreshold`. A checkpoint that cannot be saved is reported on the
    /// host's standard error and changes nothing else.
    ///
    /// - Returns: The new checkpoint, or nil when none could be saved.
    @discardableResult
    public func saveCheckpoint() -> SessionCheckpoint? {
        guard let process = runner, !successfulCells.isEmpty else { return nil }
        let path = SessionCheckpoint.path(in: configuration.compiler.workDirectory, cellCount: successfulCells.count)
        var report: CheckpointReport?
        let end = drive(process, .checkpoint(path: path, symbols: successfulCells.map(\.cell.names.saveSymbol)),
                        onEvent: { _ in }, input: { _, _ in nil }, onReport: { report = $0 })
        guard case .ended(.success) = end, let report, report.failure == nil else {
            if case .runnerExited = end { runner = nil }
            let reason = report?.failure ?? "the runner \(end.summary)"
            FileHandle.standardError.write(Data("cell engine: no checkpoint after \(successfulCells.count) cell(s): \(reason)\n".utf8))
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
    /// - Returns: False, leaving the session as it was, when a cell does not compile or the
    ///   checkpoint cannot be written to the session's folder.
    public func adopt(cells sources: [String], compiled libraries: [CompiledCell?] = [], checkpoint: Data?, after count: Int) -> Bool {
        precondition(successfulCells.isEmpty && runner == nil, "adopt(cells:checkpoint:after:) needs a session that has run nothing")
        precondition(count <= sources.count, "the checkpoint's cells must be among the cells adopted")
        var compiled: [(GeneratedCell, String)] = []
        var adoptedScope = scope
        for (index, source) in sources.enumerated() {
            let cell = CellGenerator.generate(source, number: cellCount + compiled.count + 1, scope: adoptedScope)
            let prebuilt = libraries.indices.contains(index) ? libraries[index].flatMap { compiled in
                compiled.moduleName == cell.moduleName ? compiler.install(compiled) : nil
            } : nil
            guard cell.hasCode, let library = prebuilt ?? (try? compiler.compile(cell, previousModule: compiled.last?.0.moduleName).library) else {
                return false
            }
            compiled.append((cell, library))
            adoptedScope.record(cell)
        }
        let path = SessionCheckpoint.path(in: configuration.compiler.workDirectory, cellCount: count)
        if let checkpoint, !FileManager.default.createFile(atPath: path, contents: checkpoint) { return false }
        cellCount += compiled.count
        compiled.forEach { record($0.0, library: $0.1) }
        if let checkpoint { adoptCheckpoint(SessionCheckpoint(cellCount: count, path: path, bytes: checkpoint.count, unsaved: [])) }
        return true
    }

    /// Starts the runner now if none runs, bringing back the state of the successful cells
    /// (the latest checkpoint restored, the cells after it replayed) and telling `onEvent` how;
    /// otherwise the next cell does this, and its output shows the notice.
    public func startRunner(onEvent: (CellEvent) -> Void) {
        if runner == nil { recover(onEvent: onEvent, opening: "The runner started") }
    }

    /// The library and module file of the successful cell at `position` (0 for the first), for
    /// another session of the same cells to adopt; nil when its files cannot be read.
    public func compiledCell(at position: Int) -> CompiledCell? {
        guard successfulCells.indices.contains(position) else { return nil }
        return try? compiler.compiledCell(successfulCells[position].cell.moduleName)
    }

    /// The number of cells that ran to their end (what `compiledCell(at:)` and checkpoints count).
    public var successfulCellCount: Int { successfulCells.count }

    /// Makes `checkpoint` the latest, removing the file of the one before.
    private func adoptCheckpoint(_ checkpoint: SessionCheckpoint?) {
        if let old = latestCheckpoint, old.path != checkpoint?.path { try? FileManager.default.removeItem(atPath: old.path) }
        latestCheckpoint = checkpoint
    }

    // MARK: - Running

    private func run(library: String, cell: GeneratedCell, input: InputProvider?, onEvent: (CellEvent) -> Void) -> CellOutcome {
        if runner == nil { recover(onEvent: onEvent) }   // after shutdown() or a failed restart
        let process: RunnerProcess
        do {
            process = try startedRunner()
        } catch {
            return .failure(CellError(.engine, value: "\(error)"))
        }
        guard interrupter.cellStarted(cell.number, runner: process.pid) else {
            return .failure(CellError(.interrupted, value: "\(cell.displayName) was interrupted before it ran."))
        }
        defer { interrupter.cellEnded() }
        switch drive(process, .run(library: library, symbol: cell.names.entrySymbol), onEvent: onEvent, input: { input?($0, $1) }) {
        case let .ended(outcome):
            return outcome
        case let .runnerExited(reason, report):
            runner = nil
            let crash = interrupter.killedRunningCell
                ? CellError(.interrupted, value: "\(cell.displayName) did not stop within a second of the interrupt, so its runner was stopped.")
                : CellError.crash(exitReason: reason, report: report, cellName: cell.displayName)
            recover(onEvent: onEvent)
            return .failure(crash)
        }
    }

    /// How a cell's run (or a checkpoint's save or restore) in the runner ended.
    private enum RunEnd {
        case ended(CellOutcome)
        case runnerExited(reason: String, crashReport: String)

        /// What happened, for a notice: `failed (…)`, `crashed (signal 11 …)`.
        var summary: String {
            switch self {
            case .ended(.success): "succeeded"
            case let .ended(.failure(error)): "failed (\(error))"
            case let .runnerExited(reason, _): "exited (\(reason))"
            }
        }
    }

    /// Sends `command` to `process` and follows what it runs to its end (see `CellRun`), handing
    /// its output to `onEvent`, its `readLine()`s to `input` and a checkpoint's report to `onReport`.
    private func drive(_ process: RunnerProcess, _ command: RunnerCommand, onEvent: (CellEvent) -> Void,
                       input: (String, Bool) -> String?, onReport: (CheckpointReport) -> Void = { _ in }) -> RunEnd {
        process.send(command)
        var run = CellRun()
        while true {
            let message = process.messages.pop(until: run.waitLimit.map { Date() + $0 })
            for action in message.map({ run.receive($0) }) ?? run.waitLimitPassed() {
                switch action {
                case let .emit(event): onEvent(event)
                case let .answerInput(prompt, isPassword): process.answerInput(input(prompt, isPassword))
                case let .checkpointed(report): onReport(report)
                case let .finish(outcome): return .ended(outcome)
                case let .runnerExited(reason, report): return .runnerExited(reason: reason, crashReport: report)
                }
            }
        }
    }

    /// The running runner, starting one if needed.
    private func startedRunner() throws -> RunnerProcess {
        if let runner { return runner }
        let process = try RunnerProcess(executable: configuration.runnerExecutable,
                                        runtimeLibrary: configuration.runtimeLibrary,
                                        workingDirectory: configuration.workingDirectory)
        runner = process
        return process
    }

    /// Starts a new runner and brings back the state of the successful cells: restores the latest
    /// checkpoint, then replays the cells after it (all of them without a checkpoint, or when it
    /// cannot be restored), without showing their output (a replayed `readLine()` gets no input).
    /// A cell that fails or crashes in the replay ends it: the session keeps the cells before it.
    /// The notice that says what happened begins with `opening`.
    private func recover(onEvent: (CellEvent) -> Void, opening: String = "The runner was restarted") {
        guard !successfulCells.isEmpty else { return }
        var process: RunnerProcess
        do {
            process = try startedRunner()
        } catch {
            onEvent(.notice("The runner could not be restarted (\(error)); the next cell will try again."))
            return
        }
        var restored: (checkpoint: SessionCheckpoint, recomputed: [SessionCheckpoint.UnsavedValue])?
        if let checkpoint = latestCheckpoint {
            switch restore(checkpoint, into: process) {
            case let .success(recomputed):
                restored = (checkpoint, recomputed)
            case let .failure(problem):
                onEvent(.notice("The checkpoint after \(successfulCells[checkpoint.cellCount - 1].cell.displayName) could not be restored (\(problem)); replaying every cell instead."))
                adoptCheckpoint(nil)
                process.terminate()
                runner = nil
                guard let fresh = try? startedRunner() else {
                    onEvent(.notice("The runner could not be restarted; the next cell will try again."))
                    return
                }
                process = fresh
            }
        }
        let replayed = successfulCells.dropFirst(restored?.checkpoint.cellCount ?? 0)
        for (index, (cell, library)) in zip(replayed.indices, replayed) {
            let problem: String
            switch drive(process, .run(library: library, symbol: cell.names.entrySymbol), onEvent: { _ in }, input: { _, _ in nil }) {
            case .ended(.success):
                continue
            case let .ended(.failure(error)):
                problem = "failed while replaying \(cell.displayName) (\(error))"
            case .runnerExited:
                runner = nil
                problem = "crashed again while replaying \(cell.displayName)"
            }
            onEvent(.notice("The runner \(problem); later cells start from the state before it."))
            let kept = successfulCells.prefix(index)
            (successfulCells, scope) = ([], SessionScope())
            kept.forEach { record($0.cell, library: $0.library) }
            if let checkpoint = latestCheckpoint, checkpoint.cellCount > kept.count { adoptCheckpoint(nil) }
            return
        }
        let names = replayed.map(\.cell.displayName).joined(separator: ", ")
        guard let (checkpoint, recomputed) = restored else {
            onEvent(.notice("\(opening); replayed \(successfulCells.count) successful cell(s) to restore state: \(names)."))
            return
        }
        var notice = "\(opening); restored the state after \(successfulCells[checkpoint.cellCount - 1].cell.displayName) from its checkpoint"
            + " (\(Self.size(checkpoint.bytes)))" + (replayed.isEmpty ? "." : " and replayed \(replayed.count) cell(s): \(names).")
        if !recomputed.isEmpty {
            notice += " Not in the checkpoint, so recomputed from their initializers: "
                + recomputed.map(\.description).joined(separator: "; ") + "."
        }
        onEvent(.notice(notice))
    }

    /// Restores `checkpoint` into a fresh runner: loads the cells it covers and gives their
    /// bindings the saved values, recomputing the others from their initializers.
    ///
    /// - Returns: The values recomputed, or why the restore failed, or why its state is not the
    ///   session's: a value recomputed that cells had used after its initializer, which a `var` or
    ///   an object may have changed.
    private func restore(_ checkpoint: SessionCheckpoint, into process: RunnerProcess) -> Result<[SessionCheckpoint.UnsavedValue], RestoreProblem> {
        let cells = successfulCells.prefix(checkpoint.cellCount)
        var report: CheckpointReport?
        let end = drive(process, .restore(path: checkpoint.path, libraries: cells.map(\.library), symbols: cells.map(\.cell.names.restoreSymbol)),
                        onEvent: { _ in }, input: { _, _ in nil }, onReport: { report = $0 })
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
    private struct RestoreProblem: Error, CustomStringConvertible {
        let description: String
    }

    /// `2.1 MB`, `530 kB`, `120 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6)
            : bytes >= 1000 ? "\(bytes / 1000) kB" : "\(bytes) bytes"
    }

    // MARK: - Errors

    private static func compileError(_ output: SwiftCompiler.Output) -> CellError {
        if let first = output.diagnostics.first(where: { $0.severity == .error }) ?? output.diagnostics.first {
            return CellError(.compile, value: first.message,
                             traceback: output.diagnostics.map(\.description))
        }
        return CellError(.generatedCode,
                         value: "The generated code for this cell did not compile; this is a bug in the kernel.",
                         traceback: output.internalErrors)
    }
}
