import Neural

extension History {
    /// A chart of a quantity per epoch with its validation twin: `loss` and `val_loss` by default.
    ///
    /// Epochs are numbered from 1, as Keras prints them.
    ///
    ///     history.plot()          // loss and val_loss
    ///     history.plot("mae")     // mae and val_mae
    public func plot(_ key: String = "loss") -> Chart {
        let epochNumbers = epochs.map { Double($0 + 1) }
        var chart = Chart(title: key == "loss" ? "Loss" : key, xLabel: "Epoch", yLabel: key)
        for name in [key, "val_" + key] {
            if let values = self[name] { chart = chart.line(x: epochNumbers, y: values, label: name) }
        }
        if self[key] == nil {
            chart = chart.noting("History has no '\(key)'; it has \(keys.joined(separator: ", ")).")
        }
        return chart
    }
}
