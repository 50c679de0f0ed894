/// A number reported during training and evaluation but not minimised.
///
/// Keras: `metrics=['mae']`. History keys are the Keras names (`mae`, `accuracy`, ...) with a
/// `val_` prefix for the validation data.
public enum Metric: Sendable, Equatable {
    /// Mean absolute error, reported as `mae`.
    case meanAbsoluteError
    /// Mean squared error, reported as `mse`.
    case meanSquaredError
    /// Huber loss, reported as `huber`.
    case huber(delta: Float = 1)
    /// Binary cross-entropy, reported as `binary_crossentropy`.
    case binaryCrossentropy
    /// Categorical cross-entropy, reported as `categorical_crossentropy`.
    case categoricalCrossentropy
    /// Sparse categorical cross-entropy, reported as `sparse_categorical_crossentropy`.
    case sparseCategoricalCrossentropy
    /// The fraction of rows classified correctly, reported as `accuracy`. With one output column
    /// a prediction above 0.5 means class 1; with several, the largest column is the class, compared
    /// with a one-hot row or with a class index.
    case accuracy

    /// Keras' `"mae"`.
    public static let mae = Metric.meanAbsoluteError
    /// Keras' `"mse"`.
    public static let mse = Metric.meanSquaredError

    /// The key in `History` and in evaluation results.
    public var name: String {
        switch self {
        case .meanAbsoluteError: "mae"
        case .meanSquaredError: "mse"
        case .accuracy: "accuracy"
        default: loss!.name
        }
    }

    /// The loss this metric reports, if it is one.
    var loss: Loss? {
        switch self {
        case .meanAbsoluteError: .meanAbsoluteError
        case .meanSquaredError: .meanSquaredError
        case let .huber(delta): .huber(delta: delta)
        case .binaryCrossentropy: .binaryCrossentropy
        case .categoricalCrossentropy: .categoricalCrossentropy
        case .sparseCategoricalCrossentropy: .sparseCategoricalCrossentropy
        case .accuracy: nil
        }
    }

    /// The metric over one batch.
    ///
    /// - Throws: `NeuralError.targetShapeMismatch` when the shapes cannot be compared.
    public func value(predictions: Tensor, targets: Tensor) throws -> Float {
        if let loss { return try loss.value(predictions: predictions, targets: targets) }
        let p = predictions.asMatrix
        let rows = p.rowCount
        guard rows > 0 else { return .nan }
        var correct = 0
        if p.columnCount == 1 {
            guard targets.count == rows else {
                throw NeuralError.targetShapeMismatch(loss: name, predictions: p.shape, targets: targets.shape)
            }
            for row in 0..<rows where (p.scalars[row] > 0.5) == (targets.scalars[row] > 0.5) { correct += 1 }
        } else {
            let predicted = p.argmaxRows()
            let expected: [Int]
            if targets.count == rows {
                expected = targets.scalars.map { Int($0) }
            } else if targets.count == p.count {
                expected = Tensor(uncheckedShape: p.shape, scalars: targets.scalars).argmaxRows()
            } else {
                throw NeuralError.targetShapeMismatch(loss: name, predictions: p.shape, targets: targets.shape)
            }
            correct = zip(predicted, expected).filter { $0 == $1 }.count
        }
        return Float(correct) / Float(rows)
    }
}
