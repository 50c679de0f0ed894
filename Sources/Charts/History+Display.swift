import Neural
import NotebookDisplay

extension History: Displayable {
    /// The loss chart (`plot()`) as SVG, with the per-epoch values as text.
    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.svg: plot().svg, MIMEType.plainText: description])
    }
}
