import Foundation
import NotebookFormat
import NotebookDisplay

/// One cell output as report HTML.
struct OutputRenderer {
    /// Whether `text/html` outputs are shown as they are (`--trust-html`) rather than sanitized.
    let trustsHTML: Bool

    /// The MIME types shown, best first (nbconvert's order); a display shows the first it has.
    static let priority = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown",
                           "text/latex", "application/json", "text/plain"]

    func html(_ output: NotebookOutput, prompt: String?) -> String {
        switch output {
        case let .stream(name, text):
            return "<div class=\"output stream \(escapeHTML(name))\"><pre>\(TerminalText.html(text))</pre></div>"
        case let .displayData(data, _):
            return display(data, prompt: nil)
        case let .executeResult(_, data, _):
            return display(data, prompt: prompt)
        case let .error(name, value, traceback):
            let lines = traceback.isEmpty ? "" : "\n" + traceback.map(TerminalText.html).joined(separator: "\n")
            return "<div class=\"output error\"><pre><span class=\"ename\">\(escapeHTML(name))</span>: \(TerminalText.html(value))\(lines)</pre></div>"
        case .other:
            return ""
        }
    }

    private func display(_ data: [String: JSONValue], prompt: String?) -> String {
        guard let type = Self.priority.first(where: { data[$0] != nil }), let value = data[type] else { return "" }
        let content: String
        switch (type, value) {
        case let ("text/html", .string(html)):
            content = "<div class=\"html\">\(trustsHTML ? html : HTMLSanitizer.sanitize(html))</div>"
        case let ("image/svg+xml", .string(svg)):
            content = "<img class=\"chart\" alt=\"\(escapeHTML(data["text/plain"]?.stringValue ?? "chart"))\" "
                + "src=\"data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())\">"
        case let (image, .string(base64)) where image.hasPrefix("image/"):
            let compact = base64.filter { !$0.isWhitespace }
            content = "<img alt=\"\(escapeHTML(data["text/plain"]?.stringValue ?? "image"))\" src=\"data:\(image);base64,\(escapeHTML(compact))\">"
        case let ("text/markdown", .string(markdown)):
            var anchors = Set<String>()
            content = "<div class=\"markdown\">\(HTMLSanitizer.sanitize(Markdown(markdown, usedAnchors: &anchors).html))</div>"
        case let ("text/latex", .string(latex)):
            content = "<div class=\"latex\">\(escapeHTML(latex))</div>"
        case ("application/json", _):
            content = "<pre class=\"json\">\(escapeHTML(JSONWriter.notebookText(value)))</pre>"
        case let (_, .string(text)):
            content = "<pre>\(TerminalText.html(text))</pre>"
        default:
            content = ""
        }
        let label = prompt.map { "<div class=\"prompt\">\(escapeHTML($0))</div>" } ?? ""
        return "<div class=\"output display\">\(label)\(content)</div>"
    }
}
