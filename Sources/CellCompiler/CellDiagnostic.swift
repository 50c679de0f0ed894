/// One compiler message about a cell, in the user's coordinates.
public struct CellDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }
    public let severity: Severity
    /// 1-based line in the cell.
    public let line: Int
    /// 1-based column in the line.
    public let column: Int
    public let message: String
    /// The user's source line, for showing with a caret.
    public let sourceLine: String
    /// `Cell[3]` style name.
    public let cellName: String

    /// `Cell[3]:2:7: error: cannot find 'y' in scope`, the source line, and a caret under the column.
    public var description: String {
        let caretPadding = String(sourceLine.utf8.prefix(max(column - 1, 0)).map { $0 == 9 ? "\t" : " " }.joined())
        return "\(cellName):\(line):\(column): \(severity.rawValue): \(message)\n\(sourceLine)\n\(caretPadding)^"
    }
}
