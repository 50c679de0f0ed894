import NotebookDisplay

/// HTML from a notebook made safe to show in a report: only known elements and attributes pass,
/// so no script runs and nothing loads when the page opens, from the network or from files.
///
/// Dropped with their content: `script`, `style`, `iframe`, `object`, `embed`, `template`,
/// `noscript`, `textarea`, `select`, `foreignObject`. Dropped, content kept: any other element not
/// in the allowed list. Attributes: an allow-list; event handlers (`on…`) never pass. URLs (see
/// `ReportURL`): `<a href>` keeps links (a web link gets `rel="noopener noreferrer"`), `<img src>`
/// only `data:` images (an image from elsewhere becomes a link to it, with a note), SVG `href`
/// only `#id`; no other attribute takes a URL. `style` keeps only the declarations `InlineStyle`
/// allows, and SVG attribute values call no function but colours, transforms and `url(#id)`.
enum HTMLSanitizer {
    static func sanitize(_ html: String) -> String {
        var scanner = Scanner(Array(html.unicodeScalars))
        return scanner.run()
    }

    static let allowedElements: Set<String> = htmlElements.union(svgElements)

    static let htmlElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "progress", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u",
        "ul", "var",
    ]

    /// SVG, as charts draw it (no `image`, `feImage`, `animate` or `set`).
    static let svgElements: Set<String> = [
        "svg", "g", "path", "line", "polyline", "polygon", "rect", "circle", "ellipse", "text", "tspan", "title", "desc",
        "defs", "clippath", "lineargradient", "radialgradient", "stop", "marker", "symbol", "use",
    ]

    /// Elements whose content goes with them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select", "foreignobject",
        "applet", "frameset", "frame", "noembed", "xmp", "plaintext", "math",
    ]

    static let voidElements: Set<String> = ["br", "col", "hr", "img", "input"]

    /// Attributes of HTML elements that take no URL (`href`, `src` and `style` are checked apart).
    static let htmlAttributes: Set<String> = [
        "class", "id", "title", "align", "valign", "width", "height", "colspan", "rowspan", "name", "alt", "type",
        "checked", "disabled", "value", "max", "min", "open", "start", "reversed", "scope", "lang", "dir", "border",
        "cellpadding", "cellspacing", "target",
    ]

    /// The value that `name="value"` keeps on `element`, or nil when the attribute is dropped.
    static func sanitizedAttribute(_ name: String, value: String, on element: String) -> String? {
        if name.hasPrefix("on") { return nil }
        if name == "style" { return InlineStyle.sanitized(value) }
        if svgElements.contains(element) {
            if name == "href" || name == "xlink:href" { return ReportURL(value) == .fragment ? value : nil }
            let isPlainName = name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-:_".unicodeScalars.contains($0) }
            return isPlainName && InlineStyle.isSafeValue(value, allowingFragmentURLs: true) ? value : nil
        }
        switch (element, name) {
        case ("a", "href"): return ReportURL(value).isLink ? value : nil
        case ("img", "src"): return ReportURL(value) == .dataImage ? value : nil
        case ("input", "type"): return value.lowercased() == "checkbox" ? value : nil
        default:
            let allowed = htmlAttributes.contains(name) || name.hasPrefix("data-") || name.hasPrefix("aria-")
            return allowed ? value : nil
        }
    }

    /// What stands for an image whose `src` is not a `data:` URL: a link to it, named by its alt
    /// text, and a note that it was not loaded.
    static func link(toImage source: String, alt: String) -> String {
        let text = alt.isEmpty ? "image" : alt
        return "<a class=\"remote-image\" href=\"\(escapeHTML(source))\" rel=\"noopener noreferrer\">\(escapeHTML(text))</a>"
            + "<small class=\"remote-image-note\"> (image not loaded: a report loads nothing from other files or the network)</small>"
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
            if tag.name == "img", let source = tag.attributes.first(where: { $0.0 == "src" })?.1,
               [ReportURL.web, .relative].contains(ReportURL(source)) {
                let alt = tag.attributes.first(where: { $0.0 == "alt" })?.1 ?? ""
                output.append(contentsOf: HTMLSanitizer.link(toImage: source, alt: alt).unicodeScalars)
                return
            }
            var text = "<" + tag.name
            var isWebLink = false, seen = Set<String>()
            // A browser keeps the first of repeated attributes: so does this.
            for (name, value) in tag.attributes where seen.insert(name).inserted {
                guard name != "rel", let kept = HTMLSanitizer.sanitizedAttribute(name, value: value, on: tag.name) else { continue }
                if tag.name == "a", name == "href", ReportURL(kept) == .web { isWebLink = true }
                text += " \(name)=\"\(escapeHTML(kept))\""
            }
            if isWebLink { text += " rel=\"noopener noreferrer\"" }
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
