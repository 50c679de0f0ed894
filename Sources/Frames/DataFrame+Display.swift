import NotebookDisplay

extension DataFrame: Displayable, CustomStringConvertible {
    /// The frame as a table: HTML in a notebook, aligned text elsewhere (60 rows at most, then head and tail).
    public var mimeBundle: MIMEBundle { table.mimeBundle }

    /// The frame as aligned text, pandas style.
    public var description: String { table.plainText }

    private var table: RenderedTable {
        RenderedTable(header: columnNames, rowLabels: index.map(String.init),
                      cells: (0..<rowCount).map { row in columns.map { $0.text(at: row) } })
    }
}

extension FrameDescription: Displayable, CustomStringConvertible {
    /// The statistics as a table.
    public var mimeBundle: MIMEBundle { table.mimeBundle }

    /// The statistics as aligned text.
    public var description: String { table.plainText }

    private var table: RenderedTable {
        RenderedTable(header: columnNames, rowLabels: Self.statistics,
                      cells: values.map { $0.map(formatNumber) })
    }
}

extension Series: CustomStringConvertible {
    /// `index  value` lines, then the name and length.
    public var description: String {
        let table = RenderedTable(header: [name], rowLabels: index.map(String.init),
                                  cells: (0..<count).map { [data.text(at: $0)] })
        return table.plainText
    }
}
