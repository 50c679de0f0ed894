import NotebookDisplay

/// Something a cell produced while it ran, in order.
public enum CellEvent: Sendable, Equatable {
    /// Text the cell printed.
    case stdout(String)
    /// Text the cell wrote to standard error.
    case stderr(String)
    /// A display, display update, clear, or the value of the cell's last expression.
    case display(DisplayEvent)
    /// A message from the engine itself, e.g. that it restarted the runner after a crash.
    case notice(String)
    /// A problem of the engine's own that the cell's output does not show (a checkpoint that could
    /// not be saved, a line from the runner that could not be read): for the host's log. Replays
    /// and checkpoints, which show no output, still pass these on.
    case warning(String)

    /// Whether this is a `warning`.
    public var isWarning: Bool {
        if case .warning = self { true } else { false }
    }
}

/// How a cell ended.
public enum CellOutcome: Sendable, Equatable {
    /// The cell ran to its end.
    case success
    /// The cell did not compile, threw, or crashed its runner.
    case failure(CellError)
}

/// A failed cell, shaped like Jupyter's `error` output.
public struct CellError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong; Jupyter's `ename` derives from it.
    public enum Kind: Sendable, Equatable {
        /// The cell did not compile: `CompileError`.
        case compile
        /// The code generated around the cell did not compile, a bug of the engine: `InternalError`.
        case generatedCode
        /// The cell's library could not be loaded into the runner: `LoadError`.
        case load
        /// An error of the named type, thrown by the cell (or raised for it by its host): that name.
        case thrown(type: String)
        /// The cell crashed its runner (a trap, a signal, `exit`): `Crash`.
        case crash
        /// The cell was interrupted: `Interrupted`.
        case interrupted
        /// The cell ran past its time limit: `Timeout`.
        case timeout
        /// The engine failed (the compiler or the runner could not be started): `EngineError`.
        case engine
        /// A `%` line is not a command, or not one written right: `CommandError`.
        case command
        /// The packages an `%install` line asks for could not be resolved, built or loaded: `PackageError`.
        case package
    }

    public let kind: Kind
    /// Jupyter's `evalue`: the message.
    public let value: String
    /// Lines shown under the message (source lines with carets, crash details).
    public let traceback: [String]

    public init(_ kind: Kind, value: String, traceback: [String] = []) {
        self.kind = kind
        self.value = value
        self.traceback = traceback
    }

    /// The error an `ename` names (as a stored notebook or a cache keeps it): the first of `kinds`
    /// whose name it is, else a thrown error of that type (a cell's own `struct Timeout: Error`
    /// when `kinds` leaves `.timeout` out).
    public init(name: String, value: String, traceback: [String] = [],
                kinds: [Kind] = [.compile, .generatedCode, .load, .crash, .interrupted, .timeout, .engine, .command, .package]) {
        self.init(kinds.first { CellError($0, value: "").name == name } ?? .thrown(type: name), value: value, traceback: traceback)
    }

    /// Jupyter's `ename`: `CompileError`, the thrown error's type, `Crash`, ...
    public var name: String {
        switch kind {
        case .compile: "CompileError"
        case .generatedCode: "InternalError"
        case .load: "LoadError"
        case let .thrown(type): type
        case .crash: "Crash"
        case .interrupted: "Interrupted"
        case .timeout: "Timeout"
        case .engine: "EngineError"
        case .command: "CommandError"
        case .package: "PackageError"
        }
    }

    public var description: String { "\(name): \(value)" }
}
