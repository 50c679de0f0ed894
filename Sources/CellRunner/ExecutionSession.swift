import CellCompiler
import Foundation
import NotebookDisplay
import RunnerProtocol
import Spawning

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
    let compiler: SwiftCompiler
    /// Whether the compiler is the version that built the runtime, found out while the first cell
    /// is on its way.
    private let toolchainCheck: Pending<EngineError?>
    var runner: RunnerProcess?
    var cellCount = 0
    /// The cells that ran to their end, in order, with their libraries: what a restarted runner replays.
    var successfulCells: [(cell: GeneratedCell, library: String)] = []
    /// What those cells declared that the next cell sees (see `SessionScope`).
    public internal(set) var scope = SessionScope()
    /// The packages the session's `%install` lines installed, which every runner loads first.
    public internal(set) var packages: InstalledPackages?
    /// The folder `%install-location` named for building this session's packages, if any.
    var packageLocation: String?
    /// How long the last cell's compile and run took (what `%time` prints).
    var lastCellSeconds = (compile: 0.0, run: 0.0)
    /// The latest saved state, which a restarted runner restores before replaying the cells after it.
    public internal(set) var latestCheckpoint: SessionCheckpoint?

    /// Creates a session; the runner starts with the first cell. From now on this process ignores
    /// SIGPIPE (`ChildProcess.ignoreBrokenPipes`): a runner that crashes while its host writes to
    /// it is reported as a crash, and does not kill the host.
    ///
    /// - Throws: `EngineError.missingFile` when the runtime library or the runner is not built.
    public init(configuration: SessionConfiguration) throws {
        self.configuration = configuration
        ChildProcess.ignoreBrokenPipes()
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
        // A folder left in the temporary folder harms nothing, and a deinit has no one to tell.
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
        let commands = KernelCommandLine.lines(in: source)
        if commands.isEmpty { return compileAndRun(source, keepingState: true, input: input, onEvent: onEvent) }
        return executeCommands(commands, of: source, input: input, onEvent: onEvent)
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

    func compileAndRun(_ source: String, keepingState: Bool, input: InputProvider?,
                               onEvent: (CellEvent) -> Void) -> CellOutcome {
        let unchanged = unchangedCell(source)
        let cell = unchanged?.cell ?? CellGenerator.generate(source, number: cellCount + 1, scope: scope)
        // An empty cell, or a front end asking for the execution count with empty code: nothing to compile.
        guard cell.hasCode else { return .success }
        interrupter.executionStarted()
        defer { interrupter.executionEnded() }
        cellCount += 1
        if let toolchainProblem {
            return .failure(CellError(.engine, value: toolchainProblem.description))
        }
        let compileStarted = Date()
        let library: String
        if let unchanged {
            library = unchanged.library
        } else {
            let output: SwiftCompiler.Output
            do {
                output = try compiler.compile(cell, previousModule: previousModule)
            } catch {
                return .failure(CellError(.engine, value: "The compiler could not be run: \(error)"))
            }
            guard let built = output.library else {
                return .failure(Self.compileError(output))
            }
            library = built
        }
        let started = Date()
        defer { lastCellSeconds = (started.timeIntervalSince(compileStarted), Date().timeIntervalSince(started)) }
        switch run(library: library, cell: cell, input: input, onEvent: onEvent) {
        case .success:
            guard keepingState else { return .success }
            record(cell, library: library)
            if let threshold = configuration.checkpointThreshold, Date().timeIntervalSince(started) >= threshold {
                saveCheckpoint(onEvent: onEvent)
            }
            return .success
        case let .failure(error):
            return .failure(error)
        }
    }

    /// The latest successful cell that `source` would compile to again, byte for byte, with its
    /// library: a cell run again unchanged (the same source, nothing it refers to declared anew
    /// since) whose module holds no state of its own (`GeneratedCell.holdsState`), so that calling
    /// its entry function again runs the cell again. Such a cell is not compiled again; it keeps
    /// its first number (`Cell[3]` in what it traps with).
    func unchangedCell(_ source: String) -> (cell: GeneratedCell, library: String)? {
        guard let earlier = successfulCells.last(where: { $0.cell.userSource == source }), !earlier.cell.holdsState
        else { return nil }
        let again = CellGenerator.generate(source, number: earlier.cell.number, scope: scope)
        return again == earlier.cell ? earlier : nil
    }

    /// Keeps a cell that ran to its end: for replays, and for what later cells see.
    func record(_ cell: GeneratedCell, library: String) {
        successfulCells.append((cell, library))
        scope.record(cell)
    }

    /// Stops the runner; the next cell starts a fresh one (and restores the latest checkpoint and
    /// replays the successful cells after it).
    public func shutdown() {
        runner?.terminate()
        runner = nil
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
    enum RunEnd {
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
    /// its output (unless `showing` is false: a replay, a checkpoint) and the engine's warnings
    /// (always) to `onEvent`, its `readLine()`s to `input` and a checkpoint's report to `onReport`.
    func drive(_ process: RunnerProcess, _ command: RunnerCommand, onEvent: (CellEvent) -> Void, showing output: Bool = true,
               input: (String, Bool) -> String?, onReport: (CheckpointReport) -> Void = { _ in }) -> RunEnd {
        process.send(command)
        var run = CellRun()
        while true {
            let message = process.messages.pop(until: run.waitLimit.map { Date() + $0 })
            for action in message.map({ run.receive($0) }) ?? run.waitLimitPassed() {
                switch action {
                case let .emit(event):
                    if output || event.isWarning { onEvent(event) }
                case let .answerInput(prompt, isPassword): process.answerInput(input(prompt, isPassword))
                case let .checkpointed(report): onReport(report)
                case let .finish(outcome): return .ended(outcome)
                case let .runnerExited(reason, report): return .runnerExited(reason: reason, crashReport: report)
                }
            }
        }
    }

    /// The running runner, starting one if needed.
    /// The running runner, starting one if needed, with the session's packages loaded.
    ///
    /// - Throws: `EngineError` when it cannot be started or cannot load the packages.
    func startedRunner() throws -> RunnerProcess {
        if let runner { return runner }
        let process = try RunnerProcess(executable: configuration.runnerExecutable,
                                        runtimeLibrary: configuration.runtimeLibrary,
                                        workingDirectory: configuration.workingDirectory)
        if let packages, let problem = load(packages, into: process, onEvent: { _ in }) {
            process.terminate()
            throw EngineError.packagesNotLoaded(library: packages.library, reason: problem)
        }
        runner = process
        return process
    }

    /// The running runner, starting one if needed; nil, with a notice to `onEvent`, when none starts.
    private func restartedRunner(onEvent: (CellEvent) -> Void) -> RunnerProcess? {
        do {
            return try startedRunner()
        } catch {
            onEvent(.notice("The runner could not be restarted (\(error)); the next cell will try again."))
            return nil
        }
    }

    /// Starts a new runner and brings back the state of the successful cells: restores the latest
    /// checkpoint, then replays the cells after it (all of them without a checkpoint, or when it
    /// cannot be restored), without showing their output (a replayed `readLine()` gets no input).
    /// A cell that fails or crashes in the replay ends it: the session keeps the cells before it.
    /// The notice that says what happened begins with `opening`.
    func recover(onEvent: (CellEvent) -> Void, opening: String = "The runner was restarted") {
        guard !successfulCells.isEmpty, var process = restartedRunner(onEvent: onEvent) else { return }
        var restored: (checkpoint: SessionCheckpoint, recomputed: [SessionCheckpoint.UnsavedValue])?
        if let checkpoint = latestCheckpoint {
            switch restore(checkpoint, into: process, onEvent: onEvent) {
            case let .success(recomputed):
                restored = (checkpoint, recomputed)
            case let .failure(problem):
                onEvent(.notice("The checkpoint after \(successfulCells[checkpoint.cellCount - 1].cell.displayName) could not be restored (\(problem)); replaying every cell instead."))
                adoptCheckpoint(nil)
                process.terminate()
                runner = nil
                guard let fresh = restartedRunner(onEvent: onEvent) else { return }
                process = fresh
            }
        }
        let replayed = successfulCells.dropFirst(restored?.checkpoint.cellCount ?? 0)
        for (index, (cell, library)) in zip(replayed.indices, replayed) {
            let problem: String
            switch drive(process, .run(library: library, symbol: cell.names.entrySymbol), onEvent: onEvent, showing: false,
                         input: { _, _ in nil }) {
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

    // MARK: - Errors

    static func compileError(_ output: SwiftCompiler.Output) -> CellError {
        if let first = output.diagnostics.first(where: { $0.severity == .error }) ?? output.diagnostics.first {
            return CellError(.compile, value: first.message,
                             traceback: output.diagnostics.map(\.description))
        }
        return CellError(.generatedCode,
                         value: "The generated code for this cell did not compile; this is a bug in the kernel.",
                         traceback: output.internalErrors)
    }
}
