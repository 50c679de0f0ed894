import SwiftParser
import SwiftSyntax

/// Whether a cell is ready to run, as Jupyter's `is_complete_request` asks (for consoles that
/// decide between running the input and continuing it on a new line).
public enum Completeness: Equatable, Sendable {
    /// Parses cleanly: run it.
    case complete
    /// Ends inside an open bracket, brace, string or similar: continue with this indent.
    case incomplete(indent: String)
    /// Has a syntax error that more lines cannot fix.
    case invalid

    /// Classifies `code` with swift-syntax.
    public static func of(_ code: String) -> Completeness {
        let tree = Parser.parse(source: code)
        guard tree.hasError else { return .complete }
        // Missing tokens at the very end (a closing brace, parenthesis, quote, expression) mean the
        // input stops early; errors anywhere else mean it is wrong.
        let end = tree.endPositionBeforeTrailingTrivia
        let problems = tree.tokens(viewMode: .all).filter { $0.presence == .missing || $0.tokenKind == .unknown("") }
        let unexpected = tree.tokens(viewMode: .sourceAccurate).contains { token in
            token.parent?.is(UnexpectedNodesSyntax.self) == true
        }
        if !unexpected, !problems.isEmpty, problems.allSatisfy({ $0.position >= end }) {
            let lastLine = code.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
            let indent = String(lastLine.prefix { $0 == " " || $0 == "\t" })
            return .incomplete(indent: indent + "    ")
        }
        return .invalid
    }
}
