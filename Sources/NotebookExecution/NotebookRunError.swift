import NotebookFormat

/// Why a notebook could not be run at all (a cell that fails is not one: see `RunStatus`).
public enum NotebookRunError: Error, Sendable, CustomStringConvertible {
    /// The file cannot be read or is not an nbformat 4 notebook.
    case unreadable(NotebookFileError)
    /// The notebook is for another kernel.
    case notSwift(path: String, kernel: String)
    case badParameter(path: String, ParameterError)
    /// The compiler, runner or runtime cannot be used.
    case engineUnavailable(String)

    public var description: String {
        switch self {
        case let .unreadable(error): error.description
        case let .notSwift(path, kernel): "\(path): the notebook is for the '\(kernel)' kernel; nbrun runs Swift notebooks"
        case let .badParameter(path, error): "\(path): \(error)"
        case let .engineUnavailable(reason): "the cell engine cannot be used: \(reason)"
        }
    }
}
