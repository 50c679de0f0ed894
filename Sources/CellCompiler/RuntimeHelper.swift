/// The runtime's functions that generated cell code calls (NotebookDisplay's and NotebookRuntime's
/// `_cell…` functions): the one place the engine spells their names. The runtime declares them
/// (a Swift declaration cannot take its name from a constant); a case that names no runtime
/// function fails every cell's compile (an `InternalError`), and `RunnerInterfaceTests` checks
/// the generic parameters' names.
public enum RuntimeHelper: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Shows the value of a cell's last expression.
    case result = "_cellResult"
    /// Computes a binding's initializer into its storage, or takes its value from the checkpoint being restored.
    case catching = "_cellCatching"
    /// `catching` for an initializer that awaits.
    case awaitResult = "_cellAwaitResult"
    /// A binding's value out of its storage.
    case value = "_cellValue"
    /// The start of a cell's entry function.
    case started = "_cellStarted"
    /// The end of a cell's entry function, successful or not.
    case finished = "_cellFinished"
    /// An error the cell threw.
    case failed = "_cellFailed"
    /// Hands a binding's value to the checkpoint being saved.
    case save = "_cellSave"
    /// Tells the checkpoint being saved why a binding cannot be saved.
    case notSaved = "_cellNotSaved"
    /// Gives a binding its saved value back.
    case restore = "_cellRestore"
    /// `%timeit`: times a closure in loops and prints IPython's summary.
    case timeIt = "_cellTimeIt"
    /// `%who` and `%whos`: prints the session's variables.
    case listVariables = "_cellListVariables"
    /// `%env`: lists, prints or sets environment variables.
    case environment = "_cellEnvironment"
    /// `%cd`: changes the current folder.
    case changeDirectory = "_cellChangeDirectory"

    /// The names of the generic parameters of `catching`, `awaitResult` and `value`: the compiler
    /// names them when a cell's own error leaves them uninferable, an echo not for the user.
    public static let genericParameters = ["CellValue", "CellFailure"]

    public var description: String { rawValue }
}
