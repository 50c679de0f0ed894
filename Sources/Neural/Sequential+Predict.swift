extension Sequential {
    /// The model's outputs for `x`, computed in inference mode (no dropout, moving batch statistics).
    ///
    /// Keras: `model.predict(x, batch_size=32)`.
    ///
    /// - Parameters:
    ///   - x: Inputs, one row per example.
    ///   - batchSize: Rows per forward pass; only memory use depends on it. Defaults to 32.
    /// - Returns: `[rows, outputs]`.
    /// - Throws: `NeuralError.emptyData`, `.invalidBatchSize`, `.shapeMismatch`.
    public func predict(_ x: Tensor, batchSize: Int = 32) throws -> Tensor {
        guard batchSize > 0 else { throw NeuralError.invalidBatchSize(batchSize) }
        let x = batchMatrix(x)
        guard x.rowCount > 0 else { throw NeuralError.emptyData("predict") }
        try prepare(for: x)
        var outputs: [Float] = []
        var width = 0
        for start in stride(from: 0, to: x.rowCount, by: batchSize) {
            let batch = try forward(x.rows(start ..< min(x.rowCount, start + batchSize)), training: false)
            width = batch.columnCount
            outputs += batch.scalars
        }
        return Tensor(uncheckedShape: [x.rowCount, width], scalars: outputs)
    }

    /// The loss and metrics of the model on `x` and `y`, in inference mode.
    ///
    /// Keras: `model.evaluate(x, y, return_dict=True)`.
    ///
    /// - Returns: An `Evaluation` with `loss` and each compiled metric.
    /// - Throws: `NeuralError.notCompiled`, `.emptyData`, `.rowCountMismatch`, `.invalidBatchSize`,
    ///   `.shapeMismatch`, `.targetShapeMismatch`.
    public func evaluate(_ x: Tensor, _ y: Tensor, batchSize: Int = 32) throws -> Evaluation {
        guard batchSize > 0 else { throw NeuralError.invalidBatchSize(batchSize) }
        let (x, y) = try checkedPair(x, y, what: "evaluate")
        try prepare(for: x)
        return try evaluateBatches(x, y, batchSize: batchSize)
    }

    /// Batch-size-weighted means of the loss and metrics, as Keras accumulates them.
    func evaluateBatches(_ x: Tensor, _ y: Tensor, batchSize: Int) throws -> Evaluation {
        guard loss != nil else { throw NeuralError.notCompiled }
        var totals = [Double](repeating: 0, count: 1 + metrics.count)
        for start in stride(from: 0, to: x.rowCount, by: batchSize) {
            let range = start ..< min(x.rowCount, start + batchSize)
            let predictions = try forward(x.rows(range), training: false)
            let targets = y.rows(range)
            let weight = Double(range.count)
            totals[0] += Double(try lossValue(predictions: predictions, targets: targets)) * weight
            for (index, metric) in metrics.enumerated() {
                totals[index + 1] += Double(try metric.value(predictions: predictions, targets: targets)) * weight
            }
        }
        let names = ["loss"] + metrics.map(\.name)
        return Evaluation(values: zip(names, totals).map { .init(name: $0, value: $1 / Double(x.rowCount)) })
    }
}

/// The result of `evaluate`: the loss and each metric, in order.
public struct Evaluation: Sendable, Equatable, CustomStringConvertible {
    /// One named value.
    public struct Value: Sendable, Equatable {
        public let name: String
        public let value: Double
    }

    /// `loss` first, then the metrics.
    public let values: [Value]

    /// The loss.
    public var loss: Double { values[0].value }

    /// The value named `name` (`loss`, `mae`, ...), or nil.
    public subscript(name: String) -> Double? { values.first { $0.name == name }?.value }

    /// `loss: 0.1024 - mae: 0.1024`.
    public var description: String {
        values.map { "\($0.name): \(formatMetric($0.value))" }.joined(separator: " - ")
    }
}
