import CellRunner

/// How `NotebookRunner` runs a notebook (nbrun's options).
public struct RunSettings: Sendable {
    /// Read cells from the cache and store executed ones there (`--no-cache` and `nbrun check`: no).
    public var usesCache = true
    /// Execute every cell even when the cache has it, and store the results (`--force`).
    public var force = false
    /// Run on after a cell fails (`--allow-errors`); a failing cell then does not fail the run.
    public var allowsErrors = false
    /// Seconds a cell may run before it is interrupted (`--timeout`); nil for no limit.
    public var timeout: Double?
    public var parameters: Parameters
    /// Show `text/html` outputs as they are instead of sanitized (`--trust-html`).
    public var trustsHTML = false
    /// Save a session checkpoint after a cell that ran at least this many seconds, and keep it in
    /// the cache, so a later run restores it instead of running the cells before it again
    /// (`--checkpoint-after`, `--no-checkpoints`); nil for never.
    public var checkpointThreshold: Double? = SessionConfiguration.defaultCheckpointThreshold

    public init(parameters: Parameters) {
        self.parameters = parameters
    }
}

/// What happens during a run, for progress displays.
public enum RunEvent: Sendable, Equatable {
    /// A notebook's run begins: its code cells to run or fetch.
    case started(notebook: String, codeCells: Int)
    /// The cells before the first one to execute are run again, their output hidden, to rebuild
    /// the state the rest needs.
    case replaying(cells: Int)
    /// What the engine said about rebuilding the state from a checkpoint of the cache (restored
    /// after which cell, what it replayed, or why the checkpoint could not be used).
    case notice(String)
    /// Code cell `position` (1-based) of `count` starts executing.
    case cellStarted(position: Int, count: Int)
    /// Code cell `position` of `count` has its outputs, from the cache or executed.
    case cellFinished(position: Int, count: Int, cached: Bool, seconds: Double)
    /// Something the user should know (a parameter warning, a cache moved aside).
    case warning(String)
}
