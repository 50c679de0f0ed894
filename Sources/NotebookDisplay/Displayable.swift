/// A value with a rich representation in a notebook: a table, a chart, formatted text.
///
/// When such a value is the last expression of a cell, or is passed to `display(_:)`, the
/// notebook shows its richest representation; text-only front ends show `text/plain`.
public protocol Displayable {
    /// The representations of the value; must include `text/plain`.
    var mimeBundle: MIMEBundle { get }
}

/// Escapes text for HTML element content and attribute values.
package func escapeHTML(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}
