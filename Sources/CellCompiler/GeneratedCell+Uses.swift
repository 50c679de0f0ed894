import Foundation
import SwiftParser
import SwiftSyntax

extension GeneratedCell {
    /// How many times the cell's source names each identifier (declarations included, backticks
    /// left out), by its tokens: what tells the engine whether a cell may have changed a value it
    /// could not save. Parses the source; call it once per cell.
    public func identifierCounts() -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in Parser.parse(source: userSource).tokens(viewMode: .sourceAccurate) {
            if case let .identifier(text) = token.tokenKind { counts[text.trimmingCharacters(in: ["`"]), default: 0] += 1 }
        }
        return counts
    }
}
