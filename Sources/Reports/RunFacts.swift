import Foundation
import NotebookDisplay

/// The facts of the run that made a report, shown in its footer: when, how long, which cells ran
/// and which came from the cache, with what.
public struct RunFacts: Sendable, Equatable {
    /// How one code cell got its outputs.
    public struct CellFact: Sendable, Equatable {
        /// `[3]`, the cell's execution count as the report shows it.
        public let label: String
        public let anchor: String
        public let wasCached: Bool
        /// Seconds it ran (when it was cached: when it was executed).
        public let seconds: Double

        public init(label: String, anchor: String, wasCached: Bool, seconds: Double) {
            self.label = label
            self.anchor = anchor
            self.wasCached = wasCached
            self.seconds = seconds
        }
    }

    /// When the run started.
    public let date: Date
    /// The run's seconds, all of it.
    public let totalSeconds: Double
    public let cells: [CellFact]
    /// `Swift 6.3.1 (swift-6.3.1-RELEASE)`.
    public let toolchain: String
    /// `nbrun 0.2.0`.
    public let generator: String
    /// Parameters given with `-p`, as `name=value`.
    public let parameters: [String]
    /// Whether the report shows HTML outputs as the notebook wrote them (`--trust-html`).
    public let trustsHTML: Bool
    /// Problems of the run that did not stop it (a cache entry that could not be written).
    public let warnings: [String]

    public init(date: Date, totalSeconds: Double, cells: [CellFact], toolchain: String, generator: String, parameters: [String],
                trustsHTML: Bool = false, warnings: [String] = []) {
        self.date = date
        self.totalSeconds = totalSeconds
        self.cells = cells
        self.toolchain = toolchain
        self.generator = generator
        self.parameters = parameters
        self.trustsHTML = trustsHTML
        self.warnings = warnings
    }

    func footer(links: SiteLinks?) -> String {
        var html = "<footer id=\"run-facts\">\n"
        if let links {
            html += "<nav class=\"pager\" aria-label=\"Course\">"
            html += links.previous.map { "<a class=\"previous\" href=\"\(escapeHTML($0.href))\">← \(escapeHTML($0.title))</a>" } ?? "<span></span>"
            html += links.index.map { "<a class=\"index\" href=\"\(escapeHTML($0.href))\">\(escapeHTML($0.title))</a>" } ?? "<span></span>"
            html += links.next.map { "<a class=\"next\" href=\"\(escapeHTML($0.href))\">\(escapeHTML($0.title)) →</a>" } ?? "<span></span>"
            html += "</nav>\n"
        }
        if trustsHTML {
            html += "<p class=\"trust-note\"><strong>HTML shown as written.</strong> This report was made with "
                + "<code>--trust-html</code>: the notebook's HTML outputs were not sanitized, so opening it may run their "
                + "scripts and load from the network.</p>\n"
        }
        if !warnings.isEmpty {
            html += "<ul class=\"run-warnings\">" + warnings.map { "<li>\(escapeHTML($0))</li>" }.joined() + "</ul>\n"
        }
        let executed = cells.filter { !$0.wasCached }.count
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        html += "<details class=\"facts\"><summary>Run on \(formatter.string(from: date)) in \(Self.duration(totalSeconds)): "
        html += "\(executed) cell\(executed == 1 ? "" : "s") executed, \(cells.count - executed) from the cache</summary>\n"
        html += "<p>\(escapeHTML(generator)), \(escapeHTML(toolchain))"
        if !parameters.isEmpty { html += "; parameters: <code>\(escapeHTML(parameters.joined(separator: " ")))</code>" }
        html += "</p>\n<table><thead><tr><th>Cell</th><th>Outputs</th><th>Seconds</th></tr></thead><tbody>"
        for cell in cells {
            html += "<tr><td><a href=\"#\(escapeHTML(cell.anchor))\">\(escapeHTML(cell.label))</a></td>"
            html += "<td>\(cell.wasCached ? "cached" : "executed")</td><td>\(String(format: "%.2f", cell.seconds))</td></tr>"
        }
        html += "</tbody></table></details>\n</footer>\n"
        return html
    }

    /// `0.42 s`, `1 min 12 s`.
    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.2f s", seconds) : "\(Int(seconds) / 60) min \(Int(seconds) % 60) s"
    }
}
