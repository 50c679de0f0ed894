import Foundation

/// The host's answer to a cell's `readLine()` (`RunnerEvent.inputRequest`), one line on the
/// runner's stdin: `=` and the text, or `!` when there is no input (the cell's `readLine()`
/// returns nil). The text cannot hold a newline; one becomes a space.
package enum InputReply {
    /// The line that carries `text`, newline included.
    package static func line(for text: String?) -> String {
        guard let text else { return "!\n" }
        return "=" + text.replacingOccurrences(of: "\n", with: " ") + "\n"
    }

    /// The text a reply line (without its newline) carries, or nil for "no input" and for a line
    /// that is not a reply.
    package static func text(of line: String) -> String? {
        line.first == "=" ? String(line.dropFirst()) : nil
    }
}
