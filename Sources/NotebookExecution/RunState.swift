import CellRunner
import NotebookFormat
import Reports
import ResultCache

/// How a notebook's run ended.
public enum RunStatus: Sendable, Equatable {
    /// Every code cell ran (or, with `--allow-errors`, ran to its end or failed; a cell tagged
    /// `raises-exception` may always fail).
    case succeeded
    /// A cell failed, and the run stopped there: its position among the code cells and its error.
    case cellFailed(position: Int, error: CellError)
    /// A cell ran past `--timeout`.
    case timedOut(position: Int)
}

/// What running one notebook gave.
public struct NotebookRunResult: Sendable {
    /// The executed notebook: outputs and execution counts, ids, kernelspec and language_info.
    public let notebook: Notebook
    public let report: Report
    public let facts: RunFacts
    public let status: RunStatus
    public let warnings: [String]
    public let executedCells: Int
    public let cachedCells: Int
}

/// A notebook's run as it goes: outputs put into the notebook, facts for the report, the status.
struct RunState {
    var notebook: Notebook
    let plan: [PlannedCell]
    /// Per code cell that got outputs: the footer's fact.
    private(set) var facts: [RunFacts.CellFact] = []
    private(set) var status = RunStatus.succeeded
    /// Keys whose cache entries this run used.
    private(set) var usedKeys: [CacheKey] = []
    /// Code cells that got their outputs (the rest are cleared).
    private var finished = 0
    private(set) var executedCount = 0
    private(set) var cachedCount = 0
    /// The run stops: a cell failed (without `--allow-errors`) or timed out.
    var stopped = false
    var timedOut: Bool { if case .timedOut = status { true } else { false } }

    init(notebook: Notebook, plan: [PlannedCell]) {
        self.notebook = notebook
        self.plan = plan
    }

    /// Takes the cells the cache has (`found`, one per planned cell) in order, up to the first
    /// it has not; returns the position of the first cell to execute, or nil when none needs to
    /// (all cached, or a cached error stops the run).
    mutating func useCachedCells(_ found: [CachedCell?], allowsErrors: Bool, report: (RunEvent) -> Void) -> Int? {
        for (position, planned) in plan.enumerated() {
            guard let cached = found[position] else { return position }
            usedKeys.append(planned.key)
            let outcome: CellOutcome = cached.status == .ok ? .success
                : .failure(Self.error(in: cached.outputs) ?? CellError(.thrown(type: "Error"), value: "The cell failed."))
            record(position: position, outputs: cached.outputs, outcome: outcome, seconds: cached.seconds, cached: true)
            report(.cellFinished(position: position + 1, count: plan.count, cached: true, seconds: cached.seconds))
            if case .failure = outcome, !allowsErrors, !expectsError(at: position) {
                stopped = true
                return nil
            }
        }
        return nil
    }

    /// Puts a code cell's outputs into the notebook and notes how it ended.
    mutating func record(position: Int, outputs: [NotebookOutput], outcome: CellOutcome, seconds: Double, cached: Bool) {
        let planned = plan[position]
        notebook.cells[planned.index].outputs = outputs
        notebook.cells[planned.index].executionCount = planned.executionCount
        finished = max(finished, position + 1)
        if cached { cachedCount += 1 } else { executedCount += 1 }
        facts.append(RunFacts.CellFact(label: "[\(planned.executionCount)]", anchor: "cell-" + (notebook.cells[planned.index].id ?? ""),
                                       wasCached: cached, seconds: seconds))
        guard case let .failure(error) = outcome, status == .succeeded, error.kind == .timeout || !expectsError(at: position) else { return }
        status = error.kind == .timeout ? .timedOut(position: position + 1) : .cellFailed(position: position + 1, error: error)
    }

    /// A cell whose outputs came from the cache failed when it ran again to rebuild the state for
    /// the cells after it: the run stops there, as if it had failed, its error shown after its outputs.
    mutating func recordReplayFailure(position: Int, error: CellError) {
        let replayError = CellError(error.kind, value: "Running this cell again to rebuild the state for the cells after it failed: "
                                    + error.value, traceback: error.traceback)
        notebook.cells[plan[position].index].outputs.append(.error(name: replayError.name, value: replayError.value, traceback: replayError.traceback))
        if status == .succeeded { status = .cellFailed(position: position + 1, error: replayError) }
        stopped = true
    }

    /// Whether the code cell at `position` is tagged `raises-exception` (as nbclient and nbmake
    /// read it): its error is what the author meant to show, so it neither stops nor fails the run.
    func expectsError(at position: Int) -> Bool {
        notebook.cells[plan[position].index].hasTag(NotebookCell.raisesExceptionTag)
    }

    /// Clears the outputs of the code cells after a stop, which did not run: stale outputs from an
    /// earlier run would read as this run's.
    mutating func clearCellsThatDidNotRun() {
        for planned in plan.dropFirst(finished) {
            notebook.cells[planned.index].outputs = []
            notebook.cells[planned.index].executionCount = nil
        }
        for index in notebook.cells.indices where notebook.cells[index].kind == .code && !notebook.cells[index].isExecutable {
            notebook.cells[index].outputs = []
            notebook.cells[index].executionCount = nil
        }
    }

    /// The error a cached failing cell shows. A cache holds only the kinds of failure that
    /// `NotebookRunner.cacheableKinds` lists, so any other name is a thrown error's type (a cell's
    /// own error named `Timeout` fails a cached run as it failed the fresh one, with status 1).
    private static func error(in outputs: [NotebookOutput]) -> CellError? {
        for case let .error(name, value, traceback) in outputs.reversed() {
            return CellError(name: name, value: value, traceback: traceback, kinds: NotebookRunner.cacheableKinds)
        }
        return nil
    }
}
