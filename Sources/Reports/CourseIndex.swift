import NotebookDisplay

/// The index of a set of reports rendered together (a course): each notebook's title, first
/// paragraph and run facts, linked, in order.
public enum CourseIndex {
    /// One entry.
    public struct Entry: Sendable, Equatable {
        public let title: String
        public let summary: String
        public let href: String
        /// `2 cells executed, 5 from the cache, 1.20 s`.
        public let facts: String

        public init(title: String, summary: String, href: String, facts: String) {
            self.title = title
            self.summary = summary
            self.href = href
            self.facts = facts
        }
    }

    /// The page, titled `title`.
    public static func page(title: String, entries: [Entry]) -> String {
        var html = PageStyle.head(title: title, trustsHTML: false) + "<main>\n<h1>\(escapeHTML(title))</h1>\n<ul class=\"course\">\n"
        for (number, entry) in entries.enumerated() {
            html += "<li><a href=\"\(escapeHTML(entry.href))\">\(number + 1). \(escapeHTML(entry.title))</a>"
            if !entry.summary.isEmpty { html += "<p>\(escapeHTML(entry.summary))</p>" }
            html += "<p class=\"facts\">\(escapeHTML(entry.facts))</p></li>\n"
        }
        return html + "</ul>\n</main>\n</body>\n</html>\n"
    }
}
