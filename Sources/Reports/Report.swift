import Foundation
import NotebookFormat
import NotebookDisplay

/// A notebook as a self-contained HTML report: one file with its style, images and charts inside,
/// that makes no network request when opened.
///
///     let report = Report(notebook, fileName: "03-sgd.ipynb")
///     let page = report.page(facts: facts, links: links)
///
/// The page is the report's `content` (title, contents, cells; the same bytes for the same
/// notebook, so caches can keep it) followed by a footer with the facts of the run that made it.
public struct Report: Sendable {
    /// Everything above the footer.
    public let content: String
    /// The first heading's text, or the file's name.
    public let title: String
    /// The text of the first paragraph of Markdown, for an index of reports.
    public let summary: String

    /// A report rendered before (kept in a cache).
    public init(content: String, title: String, summary: String) {
        self.content = content
        self.title = title
        self.summary = summary
    }

    /// Renders `notebook`.
    ///
    /// - Parameters:
    ///   - fileName: The notebook's file name, the title when it has no heading.
    ///   - trustsHTML: Show `text/html` outputs as they are instead of sanitized.
    public init(_ notebook: Notebook, fileName: String, trustsHTML: Bool = false) {
        var anchors: Set<String> = ["contents", "run-facts"]
        var headings: [Markdown.Heading] = []
        var cells: [String] = []
        var summary: String?
        var failedCell: (label: String, anchor: String)?
        /// The cells up to the one with the title, which come before the contents.
        var titleCells: Int?
        let outputs = OutputRenderer(trustsHTML: trustsHTML)
        for (index, cell) in notebook.cells.enumerated() {
            let presentation = CellPresentation(cell)
            guard !presentation.removesCell else { continue }
            let anchor = "cell-" + (cell.id ?? String(index + 1))
            var html: String
            switch cell.kind {
            case .markdown:
                let markdown = Markdown(Self.resolvingAttachments(in: cell), usedAnchors: &anchors)
                if headings.isEmpty, !markdown.headings.isEmpty { titleCells = cells.count + 1 }
                headings += markdown.headings
                summary = summary ?? Self.firstParagraph(of: markdown.html)
                html = "<div class=\"markdown\">\(HTMLSanitizer.sanitize(markdown.html))</div>"
            case .code:
                html = Self.codeCell(cell, presentation: presentation, outputs: outputs)
                if failedCell == nil, cell.outputs.contains(where: { if case .error = $0 { true } else { false } }) {
                    failedCell = (cell.executionCount.map { "[\($0)]" } ?? "", anchor)
                }
            case .raw where cell.metadata["format"]?.stringValue == "text/html":
                html = HTMLSanitizer.sanitize(cell.source)
            default:
                continue
            }
            if presentation.hidesCell { html = "<details><summary>Show cell</summary>\(html)</details>" }
            cells.append("<section class=\"cell \(cell.kind == .code ? "code" : "text")\" id=\"\(escapeHTML(anchor))\">\(html)</section>")
        }
        title = headings.first?.text ?? (fileName as NSString).deletingPathExtension
        self.summary = summary ?? ""
        // The title first, then an error banner and the contents, then the rest.
        let opening = cells.prefix(titleCells ?? 0)
        var content = PageStyle.head(title: title, trustsHTML: trustsHTML) + "<main>\n"
        content += opening.map { $0 + "\n" }.joined()
        if let failedCell {
            content += "<p class=\"banner\">A cell raised an error: <a href=\"#\(escapeHTML(failedCell.anchor))\">cell \(escapeHTML(failedCell.label))</a>.</p>\n"
        }
        content += Self.tableOfContents(headings)
        content += cells.dropFirst(opening.count).joined(separator: "\n") + "\n</main>\n"
        self.content = content
    }

    /// The whole page: the content, then a footer with `facts` and, for a page of a set of
    /// reports, links to the others.
    public func page(facts: RunFacts, links: SiteLinks? = nil) -> String {
        content + facts.footer(links: links) + "</body>\n</html>\n"
    }

    // MARK: - Parts

    private static func codeCell(_ cell: NotebookCell, presentation: CellPresentation, outputs renderer: OutputRenderer) -> String {
        let count = cell.executionCount.map(String.init) ?? " "
        var html = ""
        if !presentation.removesInput {
            let input = "<div class=\"input\"><div class=\"prompt\">In [\(count)]:</div>"
                + "<pre class=\"source\"><code class=\"language-swift\">\(SwiftHighlighter.html(cell.source))</code></pre></div>"
            html += presentation.hidesInput ? "<details class=\"input-toggle\"><summary>Show code</summary>\(input)</details>" : input
        }
        let shown = presentation.removesOutput ? [] : cell.outputs.filter { output in
            if case let .stream(name, _) = output { return !presentation.removedStreams.contains(name) }
            return true
        }
        if !shown.isEmpty {
            let outputs = shown.map { renderer.html($0, prompt: "Out[\(count)]:") }.joined()
            let block = "<div class=\"outputs\(presentation.scrollsOutput ? " scroll" : "")\">\(outputs)</div>"
            html += presentation.hidesOutput ? "<details class=\"output-toggle\"><summary>Show output</summary>\(block)</details>" : block
        }
        return html
    }

    private static func tableOfContents(_ headings: [Markdown.Heading]) -> String {
        let shown = headings.filter { $0.level <= 3 }
        guard shown.count >= 2 else { return "" }
        let top = shown.map(\.level).min() ?? 1
        let items = shown.map { heading in
            "<li class=\"level-\(heading.level - top + 1)\"><a href=\"#\(heading.anchor)\">\(escapeHTML(heading.text))</a></li>"
        }
        return "<nav class=\"toc\" id=\"contents\" aria-label=\"Contents\"><h2>Contents</h2><ul>\(items.joined())</ul></nav>\n"
    }

    /// Markdown with `attachment:name` links replaced by the cell's attached images, as data URLs.
    private static func resolvingAttachments(in cell: NotebookCell) -> String {
        guard case let .object(attachments)? = cell.otherMembers["attachments"] else { return cell.source }
        var source = cell.source
        for (name, bundle) in attachments {
            guard case let .object(types) = bundle,
                  let (type, value) = types.first(where: { $0.key.hasPrefix("image/") }), let data = value.multilineText else { continue }
            let url = "data:\(type);base64,\(data.filter { !$0.isWhitespace })"
            source = source.replacingOccurrences(of: "attachment:\(name)", with: url)
        }
        return source
    }

    /// The text of the first `<p>` of rendered Markdown, tags removed.
    private static func firstParagraph(of html: String) -> String? {
        guard let start = html.range(of: "<p>"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
        var text = "", inTag = false
        for character in html[start.upperBound..<end.lowerBound] {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return Entities.decode(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Links between the reports of a set rendered together (a course): its index and neighbours.
public struct SiteLinks: Sendable, Equatable {
    public struct Link: Sendable, Equatable {
        public let title: String
        public let href: String

        public init(title: String, href: String) {
            self.title = title
            self.href = href
        }
    }

    public var index: Link?
    public var previous: Link?
    public var next: Link?

    public init(index: Link?, previous: Link?, next: Link?) {
        self.index = index
        self.previous = previous
        self.next = next
    }
}
