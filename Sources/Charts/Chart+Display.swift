import NotebookDisplay

extension Chart: Displayable, CustomStringConvertible {
    /// The SVG image, with a one-line text description for text-only front ends.
    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.svg: svg, MIMEType.plainText: description])
    }

    /// `Chart "Loss" (640×400): loss (10 points), val_loss (10 points)`; a labelled grid is
    /// `grid 2×2` (rows × columns).
    public var description: String {
        let title = self.title.map { " \"\($0)\"" } ?? ""
        let parts = series.enumerated().map { index, series in
            "\(series.label ?? "series \(index + 1)") (\(series.x.count) points)"
        } + (heatmap.flatMap { $0.showsValues ? ["grid \($0.y.count)×\($0.x.count)"] : nil } ?? [])
        return "Chart\(title) (\(width)×\(height)): " + (parts.isEmpty ? "no data" : parts.joined(separator: ", "))
    }
}
