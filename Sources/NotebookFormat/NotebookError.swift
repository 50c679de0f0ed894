/// Why a notebook file cannot be read.
public enum NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not JSON: where and why.
    case invalidJSON(JSONSyntaxError)
    /// The file is JSON but not an nbformat 4 notebook.
    case invalid(String)
    /// The notebook is written in another format version.
    case unsupportedVersion(major: Int, minor: Int)

    public var description: String {
        switch self {
        case let .invalidJSON(error): "not valid JSON at \(error)"
        case let .invalid(reason): "not a valid notebook: \(reason)"
        case let .unsupportedVersion(major, minor):
            "nbformat \(major).\(minor) is not supported; only version 4 is (upgrade it with `jupyter nbconvert --to notebook`)"
        }
    }
}
