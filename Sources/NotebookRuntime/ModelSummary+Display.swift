import Neural
import NotebookDisplay

extension ModelSummary: Displayable {
    /// The Keras-style table as text, and as an HTML table for notebooks.
    public var mimeBundle: MIMEBundle {
        var html = "<p>Model: <b>\(escapeHTML(modelName))</b></p>\n<table class=\"dataframe\">\n"
        html += "<thead><tr><th>Layer (type)</th><th>Output Shape</th><th style=\"text-align: right\">Param #</th></tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr><td>\(escapeHTML(row.layer))</td><td>\(escapeHTML(row.outputShape))</td>"
            html += "<td style=\"text-align: right\">\(groupedThousands(row.parameterCount))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n<p>Total params: \(Self.countAndSize(totalParameters))"
        html += "<br>Trainable params: \(Self.countAndSize(trainableParameters))"
        html += "<br>Non-trainable params: \(Self.countAndSize(nonTrainableParameters))</p>"
        if let buildProblem { html += "\n<p>The model cannot be built: \(escapeHTML(buildProblem))</p>" }
        return MIMEBundle([MIMEType.plainText: description, MIMEType.html: html])
    }
}

extension Sequential: Displayable {
    /// A model shown as a cell's result is its summary table (Keras shows only its name there).
    public var mimeBundle: MIMEBundle { summaryTable.mimeBundle }
}
