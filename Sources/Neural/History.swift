/// What `fit` recorded: the loss and every metric after each epoch.
///
/// Keras: the `History` object, whose `history` dictionary this mirrors with `history["val_loss"]`.
/// Values are `Double`, in epoch order; validation series carry a `val_` prefix.
///
///     let history = try model.fit(x, y, validationData: (xv, yv), epochs: 10)
///     history.loss.last       // training loss after the last epoch
///     history.valLoss.min()   // best validation loss
public struct History: Codable, Sendable, Equatable {
    /// One named series of per-epoch values.
    public struct Series: Codable, Sendable, Equatable {
        /// `loss`, `val_loss`, `mae`, ...
        public let name: String
        /// One value per completed epoch.
        public internal(set) var values: [Double]
    }

    /// The training settings, as in Keras' `history.params`.
    public struct Parameters: Codable, Sendable, Equatable {
        /// Epochs requested.
        public let epochs: Int
        /// Batches per epoch.
        public let steps: Int
        /// Rows per batch.
        public let batchSize: Int
    }

    /// The series in the order Keras reports them: `loss`, metrics, then `val_` series.
    public private(set) var series: [Series] = []
    /// The indices of the completed epochs, from 0 (Keras' `history.epoch`).
    public private(set) var epochs: [Int] = []
    /// The settings of the run.
    public let parameters: Parameters

    init(parameters: Parameters) {
        self.parameters = parameters
    }

    /// The number of completed epochs.
    public var epochCount: Int { epochs.count }
    /// The names of the series: `["loss", "mae", "val_loss", "val_mae"]`.
    public var keys: [String] { series.map(\.name) }
    /// The training loss per epoch.
    public var loss: [Double] { self["loss"] ?? [] }
    /// The validation loss per epoch; empty without validation data.
    public var valLoss: [Double] { self["val_loss"] ?? [] }

    /// The series named `key`, or nil.
    public subscript(key: String) -> [Double]? {
        series.first { $0.name == key }?.values
    }

    /// Appends one epoch's values; `logs` is in reporting order.
    mutating func record(epoch: Int, logs: [(String, Double)]) {
        epochs.append(epoch)
        for (name, value) in logs {
            if let index = series.firstIndex(where: { $0.name == name }) {
                series[index].values.append(value)
            } else {
                series.append(Series(name: name, values: [value]))
            }
        }
    }
}

extension History: CustomStringConvertible {
    /// One line per epoch: `epoch 1: loss 0.2985, val_loss 0.1242`.
    public var description: String {
        guard !epochs.isEmpty else { return "History (no epochs)" }
        return epochs.indices.map { index in
            "epoch \(epochs[index] + 1): " + series.map { "\($0.name) \(formatMetric($0.values[index]))" }
                .joined(separator: ", ")
        }.joined(separator: "\n")
    }
}

/// A metric value with four decimals, as Keras logs it.
func formatMetric(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let scaled = (value * 10_000).rounded()
    let sign = scaled < 0 ? "-" : ""
    let magnitude = Int64(abs(scaled))
    let fraction = String(magnitude % 10_000)
    return "\(sign)\(magnitude / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
}
