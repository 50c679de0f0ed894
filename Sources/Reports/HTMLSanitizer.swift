import NotebookDisplay

/// HTML from a notebook made safe to show in a report: only known elements and attributes pass,
/// so no script runs and nothing loads from the network when the page opens.
///
/// Dropped with their content: `script`, `style`, `iframe`, `object`, `embed`, `template`,
/// `noscript`, `textarea`, `select`, `foreignObject`. Dropped, content kept: any other element not
/// in the allowed list. Dropped attributes: event handlers (`on…`), `style` with `url(` or
/// `expression(`, and links whose scheme is not http, https or mailto (images: `data:image/…` only).
enum HTMLSanitizer {
    static func sanitize(_ html: String) -> String {
        var scanner = Scanner(Array(html.unicodeScalars))
        return scanner.run()
    }

    static let allowedElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "progress", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u",
        "ul", "var",
        // SVG, as charts draw it.
        "svg", "g", "path", "line", "polyline", "polygon", "rect", "circle", "ellipse", "text", "tspan", "title", "desc",
        "defs", "clippath", "lineargradient", "radialgradient", "stop", "marker", "symbol", "use",
    ]

    /// Elements whose content goes with them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select", "foreignobject",
        "applet", "frameset", "frame", "noembed", "xmp", "plaintext", "math",
    ]

    static let voidElements: Set<String> = ["br", "col", "hr", "img", "input"]

    static let svgElements: Set<String> = [
        "svg", "g", "path", "line", "polyline", "polygon", "rect", "circle", "ellipse", "text", "tspan", "title", "desc",
        "defs", "clippath", "lineargradient", "radialgradient", "stop", "marker", "symbol", "use",
    ]

    static let htmlAttributes: Set<String> = [
        "class", "id", "title", "style", "align", "valign", "width", "height", "colspan", "rowspan", "href", "name", "src",
        "alt", "type", "checked", "disabled", "value", "max", "min", "open", "start", "reversed", "scope", "lang", "dir",
        "border", "cellpadding", "cellspacing", "rel", "target",
    ]

    /// Whether `name="value"` may stay on `element`.
    static func allowsAttribute(_ name: String, value: String, on element: String) -> Bool {
        if name.hasPrefix("on") || name.hasPrefix("formaction") { return false }
        if name == "style" {
            let lowered = value.lowercased()
            return !lowered.contains("url(") && !lowered.contains("expression(") && !lowered.contains("javascript:")
        }
        if ["href", "src", "xlink:href", "action", "background", "poster"].contains(name) {
            return isSafeURL(value, image: element == "img" && name == "src", fragmentOnly: svgElements.contains(element))
        }
        if element == "input" && name == "type" { return value.lowercased() == "checkbox" }
        return svgElements.contains(element)
            ? name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ":" || $0 == "_" }
            : htmlAttributes.contains(name) || name.hasPrefix("data-") || name.hasPrefix("aria-")
    }

    /// http, https, mailto, fragment and relative links; for images also `data:image/…` (not SVG,
    /// which can carry script); in SVG only fragments (`#clip1`).
    static func isSafeURL(_ value: String, image: Bool, fragmentOnly: Bool) -> Bool {
        let compact = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7f }).lowercased()
        if fragmentOnly { return compact.hasPrefix("#") }
        if image, compact.hasPrefix("data:image/") { return !compact.hasPrefix("data:image/svg") }
        guard let colon = compact.firstIndex(of: ":") else { return true }   // relative
        let beforeColon = compact[..<colon]
        if beforeColon.contains("/") || beforeColon.contains("?") || beforeColon.contains("#") { return true }   // relative path with a colon later
        return ["http", "https", "mailto"].contains(String(beforeColon))
    }

    private struct Scanner {
        let input: [Unicode.Scalar]
        var position = 0
        var output = String.UnicodeScalarView()
        /// Open allowed elements, to close at the end what the input left open.
        var open: [String] = []

        init(_ input: [Unicode.Scalar]) { self.input = input }

        mutating func run() -> String {
            while position < input.count {
                if input[position] == "<", let markup = readMarkup() {
                    if case let .tag(tag) = markup { emit(tag) }
                } else {
                    let scalar = input[position]
                    position += 1
                    switch scalar {
                    case "<": output.append(contentsOf: "&lt;".unicodeScalars)
                    case ">": output.append(contentsOf: "&gt;".unicodeScalars)
                    default: output.append(scalar)
                    }
                }
            }
            for element in open.reversed() { output.append(contentsOf: "</\(element)>".unicodeScalars) }
            return String(output)
        }

        struct Tag {
            var name: String
            var isEnd: Bool
            var attributes: [(String, String)]
            var selfClosing: Bool
        }

        enum Markup {
            case tag(Tag)
            /// A comment, doctype or processing instruction, skipped.
            case skipped
        }

        /// Reads the markup at `<`, or nil (the position unchanged) when the `<` starts none.
        mutating func readMarkup() -> Markup? {
            let start = position
            position += 1
            if startsWith("!--") {
                position = indexAfter("-->", from: position + 3)
                return .skipped
            }
            if position < input.count, input[position] == "!" || input[position] == "?" {
                position = indexAfter(">", from: position)
                return .skipped
            }
            var isEnd = false
            if position < input.count, input[position] == "/" { isEnd = true; position += 1 }
            guard position < input.count, input[position].properties.isAlphabetic else { position = start; return nil }
            var name = ""
            while position < input.count, !isSpace(input[position]), input[position] != "/", input[position] != ">" {
                name.unicodeScalars.append(input[position])
                position += 1
            }
            var tag = Tag(name: name.lowercased(), isEnd: isEnd, attributes: [], selfClosing: false)
            while position < input.count {
                skipSpace()
                guard position < input.count else { break }
                if input[position] == ">" { position += 1; return .tag(tag) }
                if input[position] == "/" { tag.selfClosing = true; position += 1; continue }
                var attribute = ""
                while position < input.count, !isSpace(input[position]), !["/", ">", "="].contains(input[position]) {
                    attribute.unicodeScalars.append(input[position])
                    position += 1
                }
                skipSpace()
                var value = ""
                if position < input.count, input[position] == "=" {
                    position += 1
                    skipSpace()
                    if position < input.count, input[position] == "\"" || input[position] == "'" {
                        let quote = input[position]
                        position += 1
                        while position < input.count, input[position] != quote { value.unicodeScalars.append(input[position]); position += 1 }
                        position += 1
                    } else {
                        while position < input.count, !isSpace(input[position]), input[position] != ">" {
                            value.unicodeScalars.append(input[position])
                            position += 1
                        }
                    }
                }
                if !attribute.isEmpty { tag.attributes.append((attribute.lowercased(), Entities.decode(value))) }
            }
            return .tag(tag)   // the input ended inside the tag
        }

        mutating func emit(_ tag: Tag) {
            if droppedWithContent.contains(tag.name) {
                if !tag.isEnd && !tag.selfClosing { position = indexAfterEndTag(of: tag.name) }
                return
            }
            guard allowedElements.contains(tag.name) else { return }
            if tag.isEnd {
                guard let index = open.lastIndex(of: tag.name) else { return }
                for element in open[index...].reversed() { output.append(contentsOf: "</\(element)>".unicodeScalars) }
                open.removeSubrange(index...)
                return
            }
            var text = "<" + tag.name
            for (name, value) in tag.attributes where HTMLSanitizer.allowsAttribute(name, value: value, on: tag.name) {
                text += " \(name)=\"\(escapeHTML(value))\""
            }
            let isVoid = voidElements.contains(tag.name) || (tag.selfClosing && svgElements.contains(tag.name))
            text += isVoid && svgElements.contains(tag.name) ? "/>" : ">"
            output.append(contentsOf: text.unicodeScalars)
            if !isVoid { open.append(tag.name) }
        }

        func startsWith(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            return position + scalars.count <= input.count && Array(input[position..<position + scalars.count]) == scalars
        }

        func indexAfter(_ text: String, from start: Int) -> Int {
            let scalars = Array(text.unicodeScalars)
            var index = start
            while index + scalars.count <= input.count {
                if Array(input[index..<index + scalars.count]) == scalars { return index + scalars.count }
                index += 1
            }
            return input.count
        }

        /// The position after `</name …>`, case-insensitively, or the end.
        func indexAfterEndTag(of name: String) -> Int {
            let target = Array("</\(name)".unicodeScalars)
            var index = position
            while index + target.count <= input.count {
                if zip(input[index..<index + target.count], target).allSatisfy({ String($0).lowercased() == String($1) }) {
                    let after = index + target.count
                    if after == input.count || isSpace(input[after]) || input[after] == ">" || input[after] == "/" {
                        var end = after
                        while end < input.count, input[end] != ">" { end += 1 }
                        return min(end + 1, input.count)
                    }
                }
                index += 1
            }
            return input.count
        }

        mutating func skipSpace() {
            while position < input.count, isSpace(input[position]) { position += 1 }
        }

        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{C}" }
    }
}

/// Character references in attribute values, decoded before the values are checked.
enum Entities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":", "tab": "\t",
        "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")", "period": ".",
    ]

    /// `value` with `&#…;`, `&#x…;` and the common named references decoded; unknown names stay.
    static func decode(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = "", index = value.startIndex
        while index < value.endIndex {
            guard value[index] == "&", let semicolon = value[index...].prefix(12).firstIndex(of: ";") else {
                result.append(value[index])
                index = value.index(after: index)
                continue
            }
            let body = value[value.index(after: index)..<semicolon]
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = named[body.lowercased()]
            }
            if let decoded {
                result += decoded
                index = value.index(after: semicolon)
            } else {
                result.append("&")
                index = value.index(after: index)
            }
        }
        return result
    }
}
