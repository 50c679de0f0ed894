import CellCompiler
import CellOutputs
import CellRunner
import Foundation
import NotebookFormat
import Reports
import ResultCache
import Synchronization

/// Runs notebooks whose cells are Swift through the cell engine, in this process (no Jupyter),
/// with a cache of executed cells: what `nbrun` does for each notebook.
///
/// A code cell's cache key chains the engine's identity and the source of every code cell up to
/// it (`CacheKey`). A fully cached notebook starts no runner or compiler. When cell *k* is the
/// first not cached, the state the cells before it left is rebuilt (their outputs come from the
/// cache): from the latest session checkpoint the cache keeps for one of them, plus the cells
/// after it run again with their output hidden; without a checkpoint, all of them run again.
/// Then *k* and everything after it execute. Checkpoints that the session takes after long cells,
/// and each cell's compiled library, are kept in the cache with the cell's entry, so a later
/// rebuild neither trains nor compiles again.
public final class NotebookRunner {
    public let settings: RunSettings
    private let cache: ResultCache?
    private let engine: EngineSetup
    private let progress: (RunEvent) -> Void
    /// What went wrong in this run without stopping it (a cache that could not be written, a
    /// warning of the engine's), for the progress output and the report's footer.
    private var problems: [String] = []

    /// - Parameters:
    ///   - cache: Where executed cells are kept; nil runs everything and keeps nothing.
    ///   - progress: Told what happens, on the calling thread.
    public init(settings: RunSettings, cache: ResultCache?, engine: EngineSetup = .current,
                progress: @escaping (RunEvent) -> Void = { _ in }) {
        self.settings = settings
        self.cache = settings.usesCache ? cache?.countingRejectionsApart() : nil
        self.engine = engine
        self.progress = progress
    }

    /// Runs the notebook at `path`.
    ///
    /// - Throws: `NotebookRunError` for a notebook that cannot be read or is not a Swift
    ///   notebook, for bad parameters, and when the engine cannot start; a cell that fails is no
    ///   error of the run (see `NotebookRunResult.status`).
    public func run(notebookAt path: String) throws(NotebookRunError) -> NotebookRunResult {
        let started = Date()
        problems = []
        var notebook: Notebook
        do {
            notebook = try Notebook(contentsOf: path)
        } catch {
            throw .unreadable(error)
        }
        if let kernel = Self.foreignKernel(of: notebook) {
            throw .notSwift(path: path, kernel: kernel)
        }
        let warnings: [String]
        do {
            (notebook, warnings) = try settings.parameters.inject(into: notebook)
        } catch {
            throw .badParameter(path: path, error)
        }
        warnings.forEach { progress(.warning("\(path): \($0)")) }
        notebook.addMissingCellIDs()
        notebook.metadata["kernelspec"] = notebook.metadata["kernelspec"] ?? SwiftLanguage.kernelspec
        notebook.metadata["language_info"] = SwiftLanguage.languageInfo

        let plan = try executionPlan(for: notebook, folder: Self.folder(of: path))
        progress(.started(notebook: path, codeCells: plan.count))
        var state = RunState(notebook: notebook, plan: plan)
        let found = settings.force ? nil : usingCache("read the cached cells") { try $0.cells(plan.map(\.key)) }
        let firstToExecute = found.map { state.useCachedCells($0, allowsErrors: settings.allowsErrors, report: progress) } ?? 0
        if let firstToExecute, !state.stopped {
            try execute(&state, from: firstToExecute, notebookPath: path)
        }
        state.clearCellsThatDidNotRun()
        usingCache("mark the cells used") { try $0.touch(cells: state.usedKeys, report: nil, notebook: path) }
        // A run that executed something may have left an earlier version's checkpoints and libraries.
        if state.executedCount > 0 {
            usingCache("remove an earlier version's checkpoints") { try $0.keepCheckpointsAndCompiledCells(of: path, only: plan.map(\.key)) }
        }
        let fileName = (path as NSString).lastPathComponent
        let report = render(state.notebook, fileName: fileName, notebookPath: path, reusable: state.executedCount == 0)
        if let rejected = cache?.rejectedEntryCount, rejected > 0 {
            problems.append("\(rejected) cache entr\(rejected == 1 ? "y was" : "ies were") not used: not written by this user's nbrun "
                + "(a cache file from elsewhere, or altered), so \(rejected == 1 ? "its cell" : "their cells") ran again")
        }
        problems.forEach { progress(.warning("\(path): \($0)")) }
        let facts = RunFacts(date: started, totalSeconds: Date().timeIntervalSince(started), cells: state.facts,
                             // Only the footer shows it: a run served from the cache needs no compiler.
                             toolchain: (try? engine.toolchainVersion(cache: cache)) ?? "unknown toolchain",
                             generator: "nbrun \(ProjectVersion.current)", parameters: settings.parameters.summary,
                             trustsHTML: settings.trustsHTML, warnings: problems)
        return NotebookRunResult(notebook: state.notebook, report: report, facts: facts, status: state.status, warnings: warnings,
                                 executedCells: state.executedCount, cachedCells: state.cachedCount)
    }

    /// The kernel a notebook names when it is not Swift (`python3`), or nil.
    static func foreignKernel(of notebook: Notebook) -> String? {
        let language = notebook.metadata["kernelspec"]?["language"]?.stringValue ?? notebook.metadata["language_info"]?["name"]?.stringValue
        let name = notebook.metadata["kernelspec"]?["name"]?.stringValue
        if let language, language.lowercased() != "swift" { return name ?? language }
        if language == nil, let name, !name.lowercased().contains("swift") { return name }
        return nil
    }

    // MARK: - Keys

    /// The executable code cells, in order, with their keys (placeholder keys without a cache).
    /// From a cell with `%install` lines on, the keys take in what the packages installed so far
    /// resolve to (`EngineSetup.packageKey`), so a new version of a package runs the cells again.
    private func executionPlan(for notebook: Notebook, folder: String) throws(NotebookRunError) -> [PlannedCell] {
        var key: CacheKey
        do {
            key = try cache.map { try engine.keyBase(cache: $0) } ?? CacheKey.base([:])
        } catch {
            throw .engineUnavailable("\(error)")
        }
        var plan: [PlannedCell] = []
        var requests: [PackageRequest] = []
        for (index, cell) in notebook.cells.enumerated() where cell.isExecutable {
            key = key.next(source: cell.source)
            let installs = PackageRequest.requests(in: cell.source, relativeTo: folder)
            if cache != nil, !installs.isEmpty {
                requests += installs
                key = key.next(source: engine.packageKey(for: requests, workingDirectory: folder))
            }
            plan.append(PlannedCell(index: index, key: key, executionCount: plan.count + 1))
        }
        return plan
    }

    /// The folder of the notebook at `path`, where its cells run.
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    // MARK: - Executing

    private func execute(_ state: inout RunState, from first: Int, notebookPath: String) throws(NotebookRunError) {
        let session: ExecutionSession
        do {
            var configuration = engine.configuration(Self.folder(of: notebookPath))
            configuration.checkpointThreshold = settings.checkpointThreshold
            session = try ExecutionSession(configuration: configuration)
        } catch {
            throw .engineUnavailable("\(error)")
        }
        defer { session.shutdown() }
        if let problem = session.toolchainProblem { throw .engineUnavailable("\(problem)") }
        let restored = first > 0 && restoreState(before: first, of: &state, into: session)
        if first > 0 && !restored { progress(.replaying(cells: first)) }
        var keptCheckpoint = session.latestCheckpoint
        for position in state.plan.indices where !state.stopped {
            let planned = state.plan[position]
            let source = state.notebook.cells[planned.index].source
            defer {
                if !(restored && position < first) { keepCompiledCell(of: session, at: position, key: planned.key, notebookPath: notebookPath) }
                keep(session.latestCheckpoint, after: position, key: planned.key, seen: &keptCheckpoint, notebookPath: notebookPath)
            }
            if position < first {
                // Its outputs came from the cache: run it again for the state it leaves, unseen. If
                // it fails now, the cells after it would run on a broken state: stop as it would.
                if !restored, case let .failure(error) = session.execute(source, onEvent: { keepWarning($0) }) {
                    state.recordReplayFailure(position: position, error: error)
                }
                continue
            }
            progress(.cellStarted(position: position + 1, count: state.plan.count))
            let cellStart = Date()
            var outputs = NotebookOutputs()
            let timer = settings.timeout.map { TimeLimit(seconds: $0, interrupter: session.interrupter) }
            var outcome = session.execute(source) { event in
                keepWarning(event)
                if let message = OutputMessage(event, executionCount: planned.executionCount) { outputs.apply(message, cell: 0) }
            }
            timer?.cancel()
            if timer?.expired == true {
                outcome = .failure(CellError(.timeout, value: "The cell ran longer than \(Self.seconds(settings.timeout ?? 0)) and was interrupted (--timeout)."))
            }
            if case let .failure(error) = outcome { outputs.apply(.error(error), cell: 0) }
            let seconds = Date().timeIntervalSince(cellStart)
            state.record(position: position, outputs: outputs[cell: 0], outcome: outcome, seconds: seconds, cached: false)
            progress(.cellFinished(position: position + 1, count: state.plan.count, cached: false, seconds: seconds))
            if let status = Self.cacheableStatus(of: outcome) {
                usingCache("keep cell [\(planned.executionCount)]'s outputs") {
                    try $0.store(CachedCell(status: status, outputs: outputs[cell: 0], seconds: seconds), key: planned.key, notebook: notebookPath)
                }
            }
            if case .failure = outcome, !(settings.allowsErrors || state.expectsError(at: position)) || state.timedOut {
                state.stopped = true
            }
        }
    }

    /// Brings back the state that the cells before `first` leave, from the latest checkpoint the
    /// cache keeps for one of them and the cells after it (replayed), their libraries from the
    /// cache where it has them (else compiled); false when the cache has neither a checkpoint nor
    /// every library, or they cannot be used (the caller then runs every cell again).
    ///
    /// A cell that fails while the runner replays it stops the run there (`recordReplayFailure`).
    private func restoreState(before first: Int, of state: inout RunState, into session: ExecutionSession) -> Bool {
        guard let cache else { return false }
        let keys = state.plan.prefix(first).map(\.key)
        let checkpoint = usingCache("read a checkpoint") { try $0.latestCheckpoint(among: keys) } ?? nil
        let compiled = usingCache("read the compiled cells") { try $0.compiled(keys) } ?? []
        guard checkpoint != nil || (compiled.count == first && !compiled.contains(nil)) else { return false }
        let sources = state.plan.prefix(first).map { state.notebook.cells[$0.index].source }
        do {
            try session.adopt(cells: sources, compiled: compiled, checkpoint: checkpoint?.contents,
                              after: checkpoint.map { $0.position + 1 } ?? 0)
        } catch {
            problems.append("the cached state could not be used (\(error)); every cell ran again")
            return false
        }
        var notices: [String] = []
        session.startRunner { event in
            keepWarning(event)
            if case let .notice(text) = event { notices.append(text) }
        }
        notices.forEach { progress(.notice($0)) }
        if session.successfulCellCount < first {
            state.recordReplayFailure(position: session.successfulCellCount,
                                      error: CellError(.engine, value: notices.last ?? "the runner did not rebuild the state"))
        }
        return true
    }

    /// Makes `event`, when it is one of the engine's warnings, one of the run's problems.
    private func keepWarning(_ event: CellEvent) {
        if case let .warning(text) = event { problems.append(text) }
    }

    /// Stores the compiled library of the cell at `position` in the cache when every cell up to it
    /// succeeded (so it is the session's cell `position + 1`, as a later session adopting it numbers it).
    private func keepCompiledCell(of session: ExecutionSession, at position: Int, key: CacheKey, notebookPath: String) {
        guard let cache, session.successfulCellCount == position + 1 else { return }
        usingCache("keep a compiled cell") { cache in
            if let compiled = try session.compiledCell(at: position) { try cache.storeCompiled(compiled, key: key, notebook: notebookPath) }
        }
    }

    /// Stores the session's checkpoint in the cache under the key of the cell at `position` when
    /// it is new since `seen` and holds the state after every cell up to that one.
    private func keep(_ checkpoint: SessionCheckpoint?, after position: Int, key: CacheKey, seen: inout SessionCheckpoint?,
                      notebookPath: String) {
        guard let cache, let checkpoint, checkpoint != seen else { return }
        seen = checkpoint
        guard checkpoint.cellCount == position + 1 else { return }
        usingCache("keep a checkpoint") { try $0.storeCheckpoint(try checkpoint.contents(), key: key, notebook: notebookPath) }
    }

    /// How a cell's outcome is cached: successes and the errors it would raise again; never a
    /// crash, an interrupt, a timeout or a failure of the engine.
    static func cacheableStatus(of outcome: CellOutcome) -> CachedCell.Status? {
        switch outcome {
        case .success: return .ok
        case let .failure(error):
            if case .thrown = error.kind { return .error }
            return cacheableKinds.contains(error.kind) ? .error : nil
        }
    }

    /// The kinds of failure that are cached besides thrown errors: the deterministic ones (never a
    /// crash, an interrupt, a timeout or an engine failure).
    static let cacheableKinds: [CellError.Kind] = [.compile, .generatedCode, .load, .command]

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// What `use` gives with the cache, or nil when there is no cache or it fails: then what
    /// could not be done (`purpose`) and why is one of the run's problems, and the run goes on
    /// as it would without the cache.
    @discardableResult
    private func usingCache<T>(_ purpose: String, _ use: (ResultCache) throws -> T) -> T? {
        guard let cache else { return nil }
        do {
            return try use(cache)
        } catch {
            problems.append("the cache could not \(purpose): \(error)")
            return nil
        }
    }

    // MARK: - Report

    /// The notebook's report; when nothing executed (every output came from the cache), the one
    /// stored for exactly this notebook and this renderer, if any.
    private func render(_ notebook: Notebook, fileName: String, notebookPath: String, reusable: Bool) -> Report {
        // Without the renderer's digest a stored report could be an older nbrun's: keep none.
        guard let renderer = usingCache("identify the renderer", { try engine.digest(of: RuntimeLayout.runningExecutable, cache: $0) })
        else { return Report(notebook, fileName: fileName, trustsHTML: settings.trustsHTML) }
        let key = CacheKey.digest("\(renderer)\n\(settings.trustsHTML)\n\(fileName)\n" + notebook.jsonText)
        if reusable, let stored = usingCache("read the stored report", { try $0.report(key) }) ?? nil {
            return Report(content: stored.content, title: stored.title, summary: stored.summary)
        }
        let report = Report(notebook, fileName: fileName, trustsHTML: settings.trustsHTML)
        usingCache("keep the report") {
            try $0.storeReport(StoredReport(content: report.content, title: report.title, summary: report.summary), key: key, notebook: notebookPath)
        }
        return report
    }
}

/// A code cell to run: where it is, its key and its execution count.
struct PlannedCell: Sendable {
    let index: Int
    let key: CacheKey
    let executionCount: Int
}

/// Interrupts a cell that runs longer than its limit.
private final class TimeLimit: Sendable {
    private let state = Mutex((expired: false, cancelled: false))

    init(seconds: Double, interrupter: Interrupter) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            let expires = state.withLock { state in
                guard !state.cancelled else { return false }
                state.expired = true
                return true
            }
            if expires { interrupter.interrupt() }
        }
    }

    /// The cell ended: the limit no longer applies.
    func cancel() { state.withLock { $0.cancelled = true } }

    /// Whether the limit passed before the cell ended.
    var expired: Bool { state.withLock { $0.expired } }
}
