import SwiftParser
import SwiftSyntax

/// Rewrites the design card's shorthand `Sequential < Dense(512, .relu), Dense(1) >` into the DSL's
/// array form `Sequential([Dense(512, .relu), Dense(1)])`, which is plain Swift.
///
/// `<` after the identifier `Sequential` opens the list; the matching `>` is the first one at the
/// same nesting depth of parentheses, brackets and braces. The `Neural` DSL's `Sequential` is not
/// generic, so this never meets a real generic argument list.
enum SequentialShorthand {
    /// The rewritten source, its syntax tree, and the text insertions made per line (for mapping
    /// diagnostic columns). Without shorthand the source is parsed once, here.
    static func rewrite(_ source: String) -> (source: String, tree: SourceFileSyntax, insertions: [Int: [GeneratedCell.Insertion]]) {
        let tree = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "", tree: tree)
        let tokens = Array(tree.tokens(viewMode: .sourceAccurate))
        var edits: [(offset: Int, length: Int, replacement: String)] = []
        var index = 0
        while index + 1 < tokens.count {
            defer { index += 1 }
            guard tokens[index].tokenKind == .identifier("Sequential"), tokens[index + 1].text == "<" else { continue }
            var depth = 0
            var closing: Int?
            for candidate in (index + 2)..<tokens.count {
                switch tokens[candidate].text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                case ">" where depth == 0: closing = candidate
                default: break
                }
                if closing != nil || depth < 0 { break }
            }
            guard let closing else { continue }
            edits.append((tokens[index + 1].positionAfterSkippingLeadingTrivia.utf8Offset, 1, "(["))
            edits.append((tokens[closing].positionAfterSkippingLeadingTrivia.utf8Offset, 1, "])"))
            index = closing
        }
        guard !edits.isEmpty else { return (source, tree, [:]) }
        var bytes = Array(source.utf8)
        var insertions: [Int: [GeneratedCell.Insertion]] = [:]
        for edit in edits.reversed() {
            bytes.replaceSubrange(edit.offset..<edit.offset + edit.length, with: Array(edit.replacement.utf8))
            let location = converter.location(for: AbsolutePosition(utf8Offset: edit.offset))
            insertions[location.line, default: []].append(.init(column: location.column, length: edit.replacement.utf8.count - edit.length))
        }
        let rewritten = String(decoding: bytes, as: UTF8.self)
        return (rewritten, Parser.parse(source: rewritten), insertions)
    }
}
