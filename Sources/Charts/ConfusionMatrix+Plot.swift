import Neural

extension ConfusionMatrix {
    /// The matrix as a heat map with the count in each cell: true classes down, predicted across,
    /// so a good model lights up the diagonal.
    ///
    ///     try ConfusionMatrix(predictions: model.predict(xValid), targets: yValid).plot()
    public func plot(title: String = "Confusion matrix") -> Chart {
        let side = max(320, 140 + 44 * labels.count)
        return Chart(title: title, xLabel: "Predicted class", yLabel: "True class", width: side + 80, height: side)
            .grid(counts.map { $0.map(Double.init) }, rows: labels, columns: labels)
    }
}
