/// What a complete request is answered with: the matches, the code-point range they replace,
/// and JupyterLab's `_jupyter_types_experimental` details (kind and signature) where known.
struct Completion {
    var matches: [String]
    var start: Int
    var end: Int
    /// JupyterLab's details of the matches, where known.
    var details: [CompletionDetail] = []
}

/// Completes the identifier before the cursor from the names given (the session's and the
/// runtime's) and Swift's keywords: the answer when sourcekitd (`SourceKitAssistant`) gives none.
/// It knows no types, so it offers nothing after a dot.
struct NameCompleter {
    static let keywords = [
        "actor", "as", "associatedtype", "async", "await", "break", "case", "catch", "class", "continue", "default",
        "defer", "do", "else", "enum", "extension", "fallthrough", "false", "for", "func", "guard", "if", "import",
        "in", "init", "inout", "is", "let", "nil", "private", "protocol", "public", "repeat", "return", "self",
        "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var",
        "where", "while",
    ]

    /// The code-point range of the identifier being typed: from its start to the cursor.
    static func typedRange(in scalars: [Unicode.Scalar], cursor: Int) -> Range<Int> {
        let end = min(max(cursor, 0), scalars.count)
        var start = end
        while start > 0, isIdentifier(scalars[start - 1]) { start -= 1 }
        return start..<end
    }

    /// The code-point range of the identifier to inspect: the one the cursor is in or just after,
    /// or, right after a call's `(` (as in `model.fit(`), the called name.
    static func inspectedRange(in code: String, cursor: Int) -> Range<Int>? {
        let scalars = Array(code.unicodeScalars)
        var end = min(max(cursor, 0), scalars.count)
        while end < scalars.count, isIdentifier(scalars[end]) { end += 1 }
        if end == 0 || !isIdentifier(scalars[end - 1]) {
            var before = end
            while before > 0, scalars[before - 1] == " " { before -= 1 }
            guard before > 0, scalars[before - 1] == "(" else { return nil }
            end = before - 1
        }
        let range = typedRange(in: scalars, cursor: end)
        return range.isEmpty ? nil : range
    }

    /// The identifier `inspectedRange` finds, or "".
    static func inspectedName(in code: String, cursor: Int) -> String {
        guard let range = inspectedRange(in: code, cursor: cursor) else { return "" }
        return String(String.UnicodeScalarView(Array(code.unicodeScalars)[range]))
    }

    static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    /// The names that start with the identifier before the cursor (none after a dot).
    static func complete(_ code: String, cursor: Int, names: [String]) -> Completion {
        let scalars = Array(code.unicodeScalars)
        let typed = typedRange(in: scalars, cursor: cursor)
        if typed.lowerBound > 0, scalars[typed.lowerBound - 1] == "." {
            return Completion(matches: [], start: typed.lowerBound, end: typed.upperBound)
        }
        let prefix = String(String.UnicodeScalarView(scalars[typed]))
        var seen = Set<String>()
        let matches = (names + keywords).filter { name in
            name.hasPrefix(prefix) && name != prefix && seen.insert(name).inserted
        }
        return Completion(matches: matches, start: typed.lowerBound, end: typed.upperBound)
    }
}
