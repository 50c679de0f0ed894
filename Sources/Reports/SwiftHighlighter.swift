import SwiftIDEUtils
import SwiftParser
import SwiftSyntax
import NotebookDisplay

/// Swift source as HTML with its tokens classified by swift-syntax (keywords, types, literals,
/// comments, attributes), each a span whose class the style sheet colours.
enum SwiftHighlighter {
    static func html(_ source: String) -> String {
        let tree = Parser.parse(source: source)
        let bytes = Array(source.utf8)
        var html = "", position = 0
        for range in tree.classifications {
            let start = max(range.range.lowerBound.utf8Offset, position), end = min(range.range.upperBound.utf8Offset, bytes.count)
            if start > position { html += escapeHTML(String(decoding: bytes[position..<start], as: UTF8.self)) }
            guard end > start else { continue }
            let text = escapeHTML(String(decoding: bytes[start..<end], as: UTF8.self))
            if let name = className(range.kind) { html += "<span class=\"\(name)\">\(text)</span>" } else { html += text }
            position = end
        }
        if position < bytes.count { html += escapeHTML(String(decoding: bytes[position...], as: UTF8.self)) }
        return html
    }

    /// Pygments' short class names, which readers of other reports will recognise.
    private static func className(_ kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword: "k"
        case .type: "nc"
        case .integerLiteral, .floatLiteral: "m"
        case .stringLiteral, .regexLiteral: "s"
        case .lineComment, .blockComment: "c"
        case .docLineComment, .docBlockComment: "cd"
        case .attribute: "nd"
        case .ifConfigDirective: "cp"
        case .operator: "o"
        case .dollarIdentifier: "nv"
        case .argumentLabel: "na"
        default: nil
        }
    }
}
