internal import Foundation

/// What training minimises: a comparison of predictions with targets, averaged over the batch.
///
/// Keras: the `loss=` strings and classes. Every loss reduces by the batch mean
/// (Keras' `sum_over_batch_size`), so its value does not grow with the batch size.
public enum Loss: Sendable, Equatable, Codable {
    /// `mean(|prediction - target|)`. Keras: `"mae"`.
    case meanAbsoluteError
    /// `mean((prediction - target)²)`. Keras: `"mse"`.
    case meanSquaredError
    /// `mean(0.5 e²)` where `|e| <= delta`, else `mean(delta (|e| - 0.5 delta))`. Keras: `Huber(delta=1.0)`.
    case huber(delta: Float = 1)
    /// `-mean(t log p + (1 - t) log(1 - p))` for probabilities `p` (sigmoid outputs), clipped to `[1e-7, 1 - 1e-7]`.
    case binaryCrossentropy
    /// `-mean over rows of Σ t log p` for one-hot targets and probability rows (softmax outputs).
    case categoricalCrossentropy
    /// Categorical cross-entropy with targets given as class indices `[rows]` instead of one-hot rows.
    case sparseCategoricalCrossentropy

    /// Keras' short name `"mae"`.
    public static let mae = Loss.meanAbsoluteError
    /// Keras' short name `"mse"`.
    public static let mse = Loss.meanSquaredError

    /// The Keras name: `mean_absolute_error`, `huber`, `binary_crossentropy`, ...
    public var name: String {
        switch self {
        case .meanAbsoluteError: "mean_absolute_error"
        case .meanSquaredError: "mean_squared_error"
        case .huber: "huber"
        case .binaryCrossentropy: "binary_crossentropy"
        case .categoricalCrossentropy: "categorical_crossentropy"
        case .sparseCategoricalCrossentropy: "sparse_categorical_crossentropy"
        }
    }

    static let clipEpsilon: Float = 1e-7

    /// The loss of `predictions` against `targets`.
    ///
    /// - Throws: `NeuralError.targetShapeMismatch` when the shapes cannot be compared
    ///   (targets of shape `[n]` are accepted for predictions `[n, 1]`).
    public func value(predictions: Tensor, targets: Tensor) throws -> Float {
        try evaluate(predictions: predictions, targets: targets, computingGradient: false).value
    }

    /// The loss and its gradient with respect to `predictions`.
    public func valueAndGradient(predictions: Tensor, targets: Tensor) throws -> (value: Float, gradient: Tensor) {
        let result = try evaluate(predictions: predictions, targets: targets, computingGradient: true)
        return (result.value, result.gradient!)
    }

    private func evaluate(predictions: Tensor, targets: Tensor,
                          computingGradient: Bool) throws -> (value: Float, gradient: Tensor?) {
        let p = predictions.asMatrix
        let rows = p.rowCount, width = p.columnCount
        let t = try alignedTargets(targets, predictions: p)
        var gradient = computingGradient ? [Float](repeating: 0, count: p.count) : []
        var total = 0.0
        switch self {
        case .meanAbsoluteError, .meanSquaredError, .huber, .binaryCrossentropy:
            let n = Float(p.count)
            for i in 0..<p.count {
                let (value, derivative) = elementwise(p.scalars[i], t.scalars[i])
                total += Double(value)
                if computingGradient { gradient[i] = derivative / n }
            }
            return (Float(total / Double(max(p.count, 1))), computingGradient ? Tensor(uncheckedShape: p.shape, scalars: gradient) : nil)
        case .categoricalCrossentropy, .sparseCategoricalCrossentropy:
            let eps = Self.clipEpsilon
            for row in 0..<rows {
                let base = row * width
                var rowSum: Float = 0
                for j in 0..<width { rowSum += p.scalars[base + j] }
                var targetSum: Float = 0
                for j in 0..<width {
                    let target = self == .sparseCategoricalCrossentropy
                        ? (Int(t.scalars[row]) == j ? 1 : 0) : t.scalars[base + j]
                    guard target != 0 else { continue }
                    targetSum += target
                    let probability = min(max(p.scalars[base + j] / rowSum, eps), 1 - eps)
                    total -= Double(target) * ReproducibleMath.log(Double(probability))
                    if computingGradient { gradient[base + j] -= target / p.scalars[base + j] / Float(rows) }
                }
                if computingGradient {
                    for j in 0..<width { gradient[base + j] += targetSum / rowSum / Float(rows) }
                }
            }
            return (Float(total / Double(max(rows, 1))), computingGradient ? Tensor(uncheckedShape: p.shape, scalars: gradient) : nil)
        }
    }

    /// The loss of one prediction/target pair and its derivative with respect to the prediction.
    private func elementwise(_ p: Float, _ t: Float) -> (Float, Float) {
        let e = p - t
        switch self {
        case .meanAbsoluteError:
            return (abs(e), e > 0 ? 1 : (e < 0 ? -1 : 0))
        case .meanSquaredError:
            return (e * e, 2 * e)
        case let .huber(delta):
            return abs(e) <= delta ? (0.5 * e * e, e) : (delta * (abs(e) - 0.5 * delta), e > 0 ? delta : -delta)
        case .binaryCrossentropy:
            let eps = Self.clipEpsilon
            let clipped = min(max(p, eps), 1 - eps)
            let value = -(t * ReproducibleMath.log(clipped) + (1 - t) * ReproducibleMath.log(1 - clipped))
            let derivative: Float = (p > eps && p < 1 - eps) ? (clipped - t) / (clipped * (1 - clipped)) : 0
            return (value, derivative)
        case .categoricalCrossentropy, .sparseCategoricalCrossentropy:
            preconditionFailure("row-wise losses are not elementwise")
        }
    }

    /// Targets reshaped to match `predictions` (or checked as class indices for the sparse loss).
    func alignedTargets(_ targets: Tensor, predictions p: Tensor) throws -> Tensor {
        if self == .sparseCategoricalCrossentropy {
            guard targets.count == p.rowCount,
                  targets.scalars.allSatisfy({ $0 >= 0 && $0 < Float(p.columnCount) && $0.rounded() == $0 }) else {
                throw NeuralError.targetShapeMismatch(loss: name, predictions: p.shape, targets: targets.shape)
            }
            return targets
        }
        guard targets.count == p.count, targets.rowCount == p.rowCount || targets.rank == 0 else {
            throw NeuralError.targetShapeMismatch(loss: name, predictions: p.shape, targets: targets.shape)
        }
        return Tensor(uncheckedShape: p.shape, scalars: targets.scalars)
    }
}
