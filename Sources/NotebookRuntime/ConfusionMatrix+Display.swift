import Neural
import NotebookDisplay

extension ConfusionMatrix: Displayable {
    /// The table as text, and as an HTML table for notebooks: true classes down, predicted across,
    /// the right answers (the diagonal) in bold.
    public var mimeBundle: MIMEBundle {
        var html = "<table class=\"dataframe\">\n<thead><tr><th>true \\ predicted</th>"
        html += labels.map { "<th style=\"text-align: right\">\(escapeHTML($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (index, row) in counts.enumerated() {
            html += "<tr><th>\(escapeHTML(labels[index]))</th>"
            html += row.enumerated().map { column, count in
                "<td style=\"text-align: right\">\(column == index ? "<b>\(count)</b>" : "\(count)")</td>"
            }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>"
        return MIMEBundle([MIMEType.plainText: description, MIMEType.html: html])
    }
}
