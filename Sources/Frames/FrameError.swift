/// Everything in `Frames` that bad input can cause, each naming the file, line and column where known.
public enum FrameError: Error, Equatable, Sendable {
    /// A row has a different number of fields than the header.
    case raggedRow(source: String, line: Int, expected: Int, actual: Int)
    /// A quoted field is not closed before the end of the input.
    case unterminatedQuote(source: String, line: Int, column: Int)
    /// A closing quote is followed by something other than a delimiter or a line end.
    case unexpectedCharacterAfterQuote(source: String, line: Int, column: Int, character: String)
    /// A value that must be numeric is not.
    case nonNumeric(source: String, line: Int?, column: String, value: String)
    /// A column name that does not exist.
    case unknownColumn(name: String, suggestion: String?)
    /// The input has no header line.
    case emptyInput(source: String)
    /// The header names a column twice.
    case duplicateColumn(source: String, name: String)
    /// Reading or writing a file failed.
    case io(path: String, reason: String)
    /// Columns passed to a constructor have different lengths.
    case columnLengthMismatch(column: String, expected: Int, actual: Int)
    /// An argument is outside its valid range.
    case invalidArgument(name: String, value: String, expected: String)
    /// A data set is not on disk and could not be downloaded.
    case downloadFailed(url: String, destination: String, reason: String)
    /// A data set the course ships (in `notebooks/data`) is in none of the folders searched.
    case datasetNotFound(fileName: String, searched: [String])
}

extension FrameError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .raggedRow(source, line, expected, actual):
            "\(source):\(line): row has \(actual) fields but the header has \(expected)."
        case let .unterminatedQuote(source, line, column):
            "\(source):\(line):\(column): quoted field is never closed; add the closing '\"'."
        case let .unexpectedCharacterAfterQuote(source, line, column, character):
            "\(source):\(line):\(column): unexpected \(character) after a closing quote; a quoted field must end at a delimiter or line end (write \"\" for a quote inside it)."
        case let .nonNumeric(source, line, column, value):
            "\(source)\(line.map { ":\($0)" } ?? ""): column '\(column)' holds the non-numeric value \"\(value)\"; drop the column or convert it first."
        case let .unknownColumn(name, suggestion):
            "No column named '\(name)'." + (suggestion.map { " Did you mean '\($0)'?" } ?? "")
        case let .emptyInput(source):
            "\(source): no header line; the input is empty."
        case let .duplicateColumn(source, name):
            "\(source): the header names column '\(name)' more than once."
        case let .io(path, reason):
            "\(path): \(reason)"
        case let .columnLengthMismatch(column, expected, actual):
            "Column '\(column)' has \(actual) values but the other columns have \(expected)."
        case let .invalidArgument(name, value, expected):
            "\(name) must be \(expected), got \(value)."
        case let .downloadFailed(url, destination, reason):
            "Could not download \(url) to \(destination): \(reason). Put the file there by hand, or set NEURAL_DATA to a folder that has it."
        case let .datasetNotFound(fileName, searched):
            "\(fileName) is in none of \(searched.joined(separator: ", ")); the course ships it in notebooks/data: "
                + "copy it into one of them, or set NEURAL_DATA to that folder."
        }
    }
}
