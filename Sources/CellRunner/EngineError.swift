/// Failures of the engine itself (not of a user's cell).
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The runner process could not be started.
    case runnerFailedToStart(reason: String)
    /// A file the engine needs is missing.
    case missingFile(path: String, hint: String)

    public var description: String {
        switch self {
        case let .runnerFailedToStart(reason): "The cell runner could not be started: \(reason)"
        case let .missingFile(path, hint): "\(path) is missing; \(hint)"
        }
    }
}
