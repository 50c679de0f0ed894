import NotebookDisplay

/// A labelled grid of cell texts, rendered as pandas renders frames: aligned plain text, or an HTML table.
struct RenderedTable {
    /// Column headers.
    var header: [String]
    /// Row labels (the index), one per row.
    var rowLabels: [String]
    /// `cells[row][column]`.
    var cells: [[String]]
    /// Rows left out between the head and the tail (shown as `...`), with the total row count.
    var elided: (after: Int, total: Int)?

    /// Shows at most `limit` rows: the first and last `limit / 2` when there are more.
    init(header: [String], rowLabels: [String], cells: [[String]], limit: Int = 60) {
        self.header = header
        if cells.count > limit {
            let half = 5
            self.rowLabels = Array(rowLabels.prefix(half) + rowLabels.suffix(half))
            self.cells = Array(cells.prefix(half) + cells.suffix(half))
            self.elided = (half, cells.count)
        } else {
            self.rowLabels = rowLabels
            self.cells = cells
        }
    }

    /// Right-aligned columns under their headers, the index on the left.
    var plainText: String {
        let labelWidth = rowLabels.map(\.count).max() ?? 0
        let widths = header.indices.map { column in
            max(header[column].count, cells.map { $0[column].count }.max() ?? 0)
        }
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = [String(repeating: " ", count: labelWidth) + zip(header, widths).map { "  " + pad($0, $1) }.joined()]
        for (row, label) in rowLabels.enumerated() {
            if let elided, row == elided.after {
                lines.append(pad("...", labelWidth) + widths.map { "  " + pad("...", $0) }.joined())
            }
            lines.append(label + String(repeating: " ", count: labelWidth - label.count)
                         + zip(cells[row], widths).map { "  " + pad($0, $1) }.joined())
        }
        if let elided { lines.append("\n[\(elided.total) rows x \(header.count) columns]") }
        return lines.joined(separator: "\n")
    }

    /// An HTML table in the markup pandas uses (`class="dataframe"`), every text escaped.
    var html: String {
        var out = "<table class=\"dataframe\">\n<thead>\n<tr style=\"text-align: right;\"><th></th>"
        out += header.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for (row, label) in rowLabels.enumerated() {
            if let elided, row == elided.after {
                out += "<tr><th>...</th>" + String(repeating: "<td>...</td>", count: header.count) + "</tr>\n"
            }
            out += "<tr><th>\(escapeHTML(label))</th>" + cells[row].map { "<td>\(escapeHTML($0))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>"
        if let elided { out += "\n<p>\(elided.total) rows × \(header.count) columns</p>" }
        return out
    }

    var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.plainText: plainText, MIMEType.html: html])
    }
}
