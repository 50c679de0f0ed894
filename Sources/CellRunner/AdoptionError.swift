/// Why `ExecutionSession.adopt(cells:compiled:checkpoint:after:)` could not take a session's cells.
public struct AdoptionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The cell the problem is in, counting from 1 among the cells adopted.
    public let cell: Int
    /// What is wrong with it.
    public let reason: String

    public var description: String { "cell \(cell) of the state cannot be taken: \(reason)" }
}
