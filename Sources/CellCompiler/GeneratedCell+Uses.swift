import SwiftParser
import SwiftSyntax

extension GeneratedCell {
    /// How many times the cell's source names `identifier` (declarations included), by its tokens:
    /// what tells the engine whether a cell may have changed a value it could not save.
    public func occurrences(of identifier: String) -> Int {
        Parser.parse(source: userSource).tokens(viewMode: .sourceAccurate).count { token in
            if case let .identifier(text) = token.tokenKind { text == identifier || text == "`\(identifier)`" } else { false }
        }
    }
}
