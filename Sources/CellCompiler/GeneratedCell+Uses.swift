import Foundation
import SwiftParser
import SwiftSyntax

extension GeneratedCell {
    /// How many times the cell's source names each identifier (declarations included, backticks
    /// left out), by its tokens: what tells the engine whether a cell may have changed a value it
    /// could not save. Parses the source; call it once per cell.
    public func identifierCounts() -> [String: Int] {
        Self.identifierCounts(in: Parser.parse(source: userSource))
    }

    /// How many times `tree` names each identifier, backticks left out; a property wrapper's
    /// projection (`$x`) names `x`.
    static func identifierCounts(in tree: some SyntaxProtocol) -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in tree.tokens(viewMode: .sourceAccurate) {
            if case let .identifier(text) = token.tokenKind {
                let name = text.trimmingCharacters(in: ["`"])
                counts[name.hasPrefix("$") ? String(name.dropFirst()) : name, default: 0] += 1
            }
        }
        return counts
    }
}
