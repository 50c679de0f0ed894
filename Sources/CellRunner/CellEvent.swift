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
    /// Jupyter's `ename`: `CompileError`, the thrown error's type, or `Crash`.
    public let name: String
    /// Jupyter's `evalue`: the message.
    public let value: String
    /// Lines shown under the message (source lines with carets, crash details).
    public let traceback: [String]

    public init(name: String, value: String, traceback: [String] = []) {
        self.name = name
        self.value = value
        self.traceback = traceback
    }

    public var description: String { "\(name): \(value)" }
}
