internal import CCmarkGFM
import Foundation

/// Markdown cells as HTML, through GitHub's CommonMark (cmark-gfm, with tables, strikethrough,
/// autolinks and task lists), with an anchor on every heading and `$…$` / `$$…$$` math left as
/// written for MathJax or KaTeX.
struct Markdown {
    /// A heading: its level, text and anchor.
    struct Heading: Sendable, Equatable {
        let level: Int
        let text: String
        let anchor: String
    }

    /// The HTML (not yet sanitized: raw HTML in the Markdown passes through) and the headings in order.
    let html: String
    let headings: [Heading]

    /// Renders `source`, giving headings anchors not already in `usedAnchors`.
    init(_ source: String, usedAnchors: inout Set<String>) {
        let (protected, formulas) = MathSpans.protect(source)
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG
        let parser = cmark_parser_new(options)
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let extensionHandle = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, extensionHandle) }
        }
        cmark_parser_feed(parser, protected, protected.utf8.count)
        let document = cmark_parser_finish(parser)
        defer { cmark_node_free(document) }
        var headings: [Heading] = []
        for heading in Self.nodes(in: document, ofType: CMARK_NODE_HEADING) {
            let text = MathSpans.restore(Self.plainText(of: heading), formulas: formulas, escaping: false)
            let anchor = Self.uniqueAnchor(for: text, used: &usedAnchors)
            headings.append(Heading(level: Int(cmark_node_get_heading_level(heading)), text: text, anchor: anchor))
            let link = cmark_node_new(CMARK_NODE_HTML_INLINE)
            cmark_node_set_literal(link, "<a class=\"anchor\" id=\"\(anchor)\" href=\"#\(anchor)\" aria-label=\"Link to this section\"></a>")
            cmark_node_prepend_child(heading, link)
        }
        let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))!
        defer { free(rendered) }
        html = MathSpans.restore(String(cString: rendered), formulas: formulas, escaping: true)
        self.headings = headings
    }

    private static func nodes(in document: OpaquePointer?, ofType type: cmark_node_type) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == type {
                found.append(node)
            }
        }
        return found
    }

    /// The text of a node's inline content (code spans and math included, markup left out).
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    /// GitHub's style of anchor: lower case, spaces as hyphens, punctuation dropped; `-1`, `-2`
    /// after a repeat.
    static func uniqueAnchor(for text: String, used: inout Set<String>) -> String {
        var base = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                base.append(character)
            } else if character == " " {
                base.append("-")
            }
        }
        if base.isEmpty { base = "section" }
        var anchor = base, number = 0
        while used.contains(anchor) {
            number += 1
            anchor = "\(base)-\(number)"
        }
        used.insert(anchor)
        return anchor.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_"])) ?? anchor
    }
}
