/// A notebook's `style` attributes (and SVG presentation attributes) reduced to what cannot load
/// anything: each declaration is read after CSS unescaping (`u\72l(` is `url(`), kept only when
/// its property is a known layout or typography one and its value calls no function but colours,
/// arithmetic and transforms, and written back as read, so the browser sees exactly what was
/// checked.
///
///     InlineStyle.sanitized("text-align: right; background: u\\72l(https://t/p.png)")   // "text-align: right"
enum InlineStyle {
    /// The declarations of `style` that may stay, as `property: value` joined by `; `; nil when
    /// none may.
    static func sanitized(_ style: String) -> String? {
        let declarations = withoutComments(style).split(separator: ";").compactMap { declaration -> String? in
            guard let colon = declaration.firstIndex(of: ":") else { return nil }
            let property = unescaped(declaration[..<colon]).trimmingCharacters(in: cssSpace).lowercased()
            let value = unescaped(declaration[declaration.index(after: colon)...]).trimmingCharacters(in: cssSpace)
            guard allowsProperty(property), isSafeValue(value, allowingFragmentURLs: false) else { return nil }
            return "\(property): \(value)"
        }
        return declarations.isEmpty ? nil : declarations.joined(separator: "; ")
    }

    /// Whether a CSS value (a declaration's or an SVG attribute's) can load nothing: after
    /// unescaping it has no backslash, comment, semicolon, brace, `@` or unbalanced quote, and
    /// calls only the functions of `allowedFunctions` (`url(#id)`, a reference inside the page,
    /// too when `allowingFragmentURLs`).
    static func isSafeValue(_ raw: String, allowingFragmentURLs: Bool) -> Bool {
        let value = unescaped(withoutComments(raw)[...])
        guard !value.contains(where: { "\\;{}@<>".contains($0) }), !value.contains("/*"),
              value.filter({ $0 == "\"" }).count.isMultiple(of: 2), value.filter({ $0 == "'" }).count.isMultiple(of: 2) else { return false }
        let scalars = Array(value.lowercased().unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "(" {
            var start = index
            while start > 0, isNameScalar(scalars[start - 1]) { start -= 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<index]))
            if name == "url" {
                let argument = String(String.UnicodeScalarView(scalars[(index + 1)...])).drop { " \"'".contains($0) }
                guard allowingFragmentURLs, argument.hasPrefix("#") else { return false }
            } else if !name.isEmpty, !allowedFunctions.contains(name) {
                return false
            }
        }
        return true
    }

    /// Functions that compute a colour, a length or a transform, and fetch nothing.
    static let allowedFunctions: Set<String> = [
        "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "calc", "min", "max", "clamp", "var",
        "translate", "translatex", "translatey", "rotate", "scale", "scalex", "scaley", "skewx", "skewy", "matrix",
        "linear-gradient", "radial-gradient", "repeating-linear-gradient", "repeating-radial-gradient",
    ]

    /// Properties of colour, box, text and table layout. Not those that take an image
    /// (`background-image`, `list-style-image`, `border-image`, `mask`, `cursor`, `content`) or
    /// place an element over the page (`position`, `z-index`).
    static let allowedProperties: Set<String> = [
        "color", "background", "background-color", "opacity", "display", "visibility", "float", "clear", "overflow",
        "overflow-x", "overflow-y", "box-sizing", "width", "height", "min-width", "max-width", "min-height", "max-height",
        "text-align", "text-decoration", "text-transform", "text-indent", "vertical-align", "white-space", "word-break",
        "overflow-wrap", "line-height", "letter-spacing", "font", "font-family", "font-size", "font-style", "font-weight",
        "font-variant", "list-style-type", "list-style-position", "table-layout", "border-collapse", "border-spacing",
        "caption-side", "empty-cells", "gap", "flex", "flex-direction", "flex-wrap", "justify-content", "align-items",
        "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    ]

    static func allowsProperty(_ property: String) -> Bool {
        if allowedProperties.contains(property) { return true }
        let sided = ["margin", "padding", "border"].contains { property == $0 || property.hasPrefix($0 + "-") }
        return sided && !property.hasPrefix("border-image")
    }

    /// `css` with its `/* … */` comments removed (an unclosed one runs to the end, as in CSS).
    static func withoutComments(_ css: String) -> String {
        var result = "", rest = css[...]
        while let open = rest.range(of: "/*") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// `css` with CSS escapes resolved: `\` and up to six hex digits (and one space after them) is
    /// that code point, `\` and another character is that character; a final `\` is dropped.
    static func unescaped(_ css: Substring) -> String {
        guard css.contains("\\") else { return String(css) }
        var result = String.UnicodeScalarView(), scalars = Array(css.unicodeScalars), index = 0
        while index < scalars.count {
            guard scalars[index] == "\\" else { result.append(scalars[index]); index += 1; continue }
            index += 1
            var hex = ""
            while index < scalars.count, hex.count < 6, scalars[index].properties.isASCIIHexDigit {
                hex.unicodeScalars.append(scalars[index])
                index += 1
            }
            if hex.isEmpty {
                if index < scalars.count, scalars[index] != "\n" { result.append(scalars[index]) }
                index += 1
                continue
            }
            let code = UInt32(hex, radix: 16) ?? 0
            result.append(code == 0 || code > 0x10FFFF ? "\u{FFFD}" : Unicode.Scalar(code) ?? "\u{FFFD}")
            if index < scalars.count, cssSpace.contains(Character(scalars[index])) { index += 1 }
        }
        return String(result)
    }

    private static let cssSpace: Set<Character> = [" ", "\t", "\n", "\r", "\u{C}"]

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar.value > 0x7f
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
