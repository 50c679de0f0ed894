/// A number reported during training and evaluation but not minimised.
///
/// Keras: `metrics=['mae']`. History keys are the Keras names (`mae`, `accuracy`, ...) with a
/// `val_` prefix for the validation data.
public enum Metric: Sendable, Equatable, Codable {
    /// A loss, reported but not minimised: `.meanAbsoluteError` reports `mae`.
    case loss(Loss)
    /// The fraction of rows classified correctly, reported as `accuracy`. With one output column
    /// a prediction above 0.5 means class 1; with several, the largest column is the class, compared
    /// with a one-hot row or with a class index.
    case accuracy
    /// The fraction of values on the right side of 0.5, reported as `binary_accuracy` (Keras'
    /// `BinaryAccuracy`: a prediction above 0.5 is 1, compared with a target of 0 or 1).
    case binaryAccuracy
    /// The fraction of rows whose largest column is the target's one-hot column, reported as
    /// `categorical_accuracy` (Keras' `CategoricalAccuracy`).
    case categoricalAccuracy
    /// The fraction of rows whose largest column is the target class index, reported as
    /// `sparse_categorical_accuracy` (Keras' `SparseCategoricalAccuracy`).
    case sparseCategoricalAccuracy

    /// Mean absolute error, reported as `mae` (Keras' `"mae"`).
    public static let meanAbsoluteError = Metric.loss(.meanAbsoluteError)
    /// Mean squared error, reported as `mse` (Keras' `"mse"`).
    public static let meanSquaredError = Metric.loss(.meanSquaredError)
    /// Keras' `"mae"`.
    public static let mae = meanAbsoluteError
    /// Keras' `"mse"`.
    public static let mse = meanSquaredError
    /// Huber loss, reported as `huber`.
    public static func huber(delta: Float = 1) -> Metric { .loss(.huber(delta: delta)) }
    /// Binary cross-entropy, reported as `binary_crossentropy`.
    public static let binaryCrossentropy = Metric.loss(.binaryCrossentropy)
    /// Categorical cross-entropy, reported as `categorical_crossentropy`.
    public static let categoricalCrossentropy = Metric.loss(.categoricalCrossentropy)
    /// Sparse categorical cross-entropy, reported as `sparse_categorical_crossentropy`.
    public static let sparseCategoricalCrossentropy = Metric.loss(.sparseCategoricalCrossentropy)

    /// The key in `History` and in evaluation results: Keras' short names for MAE and MSE, the
    /// loss's name for the others.
    public var name: String {
        switch self {
        case .loss(.meanAbsoluteError): "mae"
        case .loss(.meanSquaredError): "mse"
        case let .loss(loss): loss.name
        case .accuracy: "accuracy"
        case .binaryAccuracy: "binary_accuracy"
        case .categoricalAccuracy: "categorical_accuracy"
        case .sparseCategoricalAccuracy: "sparse_categorical_accuracy"
        }
    }

    /// The metric over one batch.
    ///
    /// - Throws: `NeuralError.targetShapeMismatch` when the shapes cannot be compared.
    public func value(predictions: Tensor, targets: Tensor) throws -> Float {
        if case let .loss(loss) = self { return try loss.value(predictions: predictions, targets: targets) }
        let p = predictions.asMatrix
        let rows = p.rowCount
        guard rows > 0 else { return .nan }
        let mismatch = NeuralError.targetShapeMismatch(loss: name, predictions: p.shape, targets: targets.shape)
        switch self {
        case .binaryAccuracy:
            guard targets.count == p.count else { throw mismatch }
            let correct = zip(p.scalars, targets.scalars).filter { ($0 > 0.5 ? 1 : 0) == $1 }.count
            return Float(correct) / Float(p.count)
        case .categoricalAccuracy:
            guard targets.count == p.count else { throw mismatch }
            return Self.fractionEqual(p.argmaxRows(), Tensor(uncheckedShape: p.shape, scalars: targets.scalars).argmaxRows())
        case .sparseCategoricalAccuracy:
            guard targets.count == rows else { throw mismatch }
            return Self.fractionEqual(p.argmaxRows(), targets.scalars.map { Int($0) })
        default:
            if p.columnCount == 1 {
                guard targets.count == rows else { throw mismatch }
                return Self.fractionEqual(p.scalars.map { $0 > 0.5 }, targets.scalars.map { $0 > 0.5 })
            }
            if targets.count == rows { return try Metric.sparseCategoricalAccuracy.value(predictions: p, targets: targets) }
            guard targets.count == p.count else { throw mismatch }
            return try Metric.categoricalAccuracy.value(predictions: p, targets: targets)
        }
    }

    /// The fraction of positions where `predicted` and `expected` agree.
    private static func fractionEqual<T: Equatable>(_ predicted: [T], _ expected: [T]) -> Float {
        Float(zip(predicted, expected).filter { $0 == $1 }.count) / Float(predicted.count)
    }
}
