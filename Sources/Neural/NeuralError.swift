/// Everything in `Neural` that a user can get wrong, each case carrying the nouns needed to fix it.
public enum NeuralError: Error, Equatable, Sendable {
    /// A layer received rows of the wrong shape.
    case shapeMismatch(layer: String, expected: [Int], actual: [Int])
    /// Predictions and targets cannot be compared by the loss or a metric.
    case targetShapeMismatch(loss: String, predictions: [Int], targets: [Int])
    /// `x` and `y` (or validation `x` and `y`) have different numbers of rows.
    case rowCountMismatch(x: Int, y: Int)
    /// A fit, predict or evaluate call got no rows.
    case emptyData(String)
    /// `batchSize` must be at least 1.
    case invalidBatchSize(Int)
    /// An argument is outside its valid range.
    case invalidArgument(name: String, value: String, expected: String)
    /// The loss became NaN or infinite during training.
    case lossIsNaN(epoch: Int, batch: Int)
    /// A training step left a weight infinite or NaN.
    case weightsNotFinite(parameter: String, epoch: Int, batch: Int)
    /// `fit` or `evaluate` was called before `compile`.
    case notCompiled
    /// A layer was used before its input size was known.
    case notBuilt(layer: String)
    /// The input shape of the first layer is unknown and no data has been seen yet.
    case unknownInputShape
    /// A shape has a negative dimension.
    case invalidShape([Int])
    /// `Tensor(shape:scalars:)` got a count that is not the product of the shape.
    case scalarCountMismatch(shape: [Int], count: Int)
    /// A reshape to a different number of scalars.
    case invalidReshape(from: [Int], to: [Int])
    /// `setWeights` got a list that does not match the model's weights.
    case weightsMismatch(expected: [[Int]], actual: [[Int]])
    /// An image layer (`Conv2D`, `MaxPooling2D`, ...) got rows that are not images `[height, width, channels]`.
    case notImages(layer: String, actual: [Int])
    /// A window with valid padding is larger than the images it slides over.
    case windowLargerThanImage(layer: String, window: [Int], image: [Int])
}

extension NeuralError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .shapeMismatch(layer, expected, actual):
            "Layer '\(layer)' expects input of shape \(Self.batchShape(expected)), got \(Self.batchShape(actual))."
        case let .targetShapeMismatch(loss, predictions, targets):
            "Loss '\(loss)' cannot compare predictions of shape \(predictions) with targets of shape \(targets)."
        case let .rowCountMismatch(x, y):
            "x has \(x) rows but y has \(y); they must have one target row per input row."
        case let .emptyData(what):
            "\(what) got no rows; pass at least one row of data."
        case let .invalidBatchSize(size):
            "batchSize must be at least 1, got \(size)."
        case let .invalidArgument(name, value, expected):
            "\(name) must be \(expected), got \(value)."
        case let .lossIsNaN(epoch, batch):
            "The loss became NaN at epoch \(epoch), batch \(batch); training stopped. Lower the learning rate or scale the inputs."
        case let .weightsNotFinite(parameter, epoch, batch):
            "A weight (\(parameter)) became infinite or NaN at epoch \(epoch), batch \(batch); training stopped. Lower the learning rate or scale the inputs."
        case .notCompiled:
            "The model must be compiled before training or evaluation: call model.compile(optimizer: Adam(), loss: .meanSquaredError) first."
        case let .notBuilt(layer):
            "Layer '\(layer)' has no weights yet: give the first layer an inputShape, or call fit or predict once."
        case .unknownInputShape:
            "The model's input shape is unknown: give the first layer an inputShape, e.g. Dense(64, .relu, inputShape: [11])."
        case let .invalidShape(shape):
            "Shape \(shape) has a negative dimension."
        case let .scalarCountMismatch(shape, count):
            "Shape \(shape) holds \(shape.reduce(1, *)) scalars, got \(count)."
        case let .invalidReshape(from, to):
            "Cannot reshape a tensor of shape \(from) (\(from.reduce(1, *)) scalars) to \(to)."
        case let .weightsMismatch(expected, actual):
            "The model's weights have shapes \(expected), got \(actual)."
        case let .notImages(layer, actual):
            "Layer '\(layer)' expects images of shape (None, height, width, channels), got \(Self.batchShape(actual)); "
                + "reshape the data, e.g. x.reshaped(to: [rows, 8, 8, 1]), or add Reshape([8, 8, 1]) first."
        case let .windowLargerThanImage(layer, window, image):
            "Layer '\(layer)' slides a \(window[0])×\(window[1]) window over images of \(image[0])×\(image[1]) with valid padding, "
                + "which leaves nothing; use a smaller window or padding: .same."
        }
    }

    /// A row shape written the Keras way, with the batch dimension as `None`: `(None, 11)`.
    static func batchShape(_ rowShape: [Int]) -> String {
        "(" + (["None"] + rowShape.map(String.init)).joined(separator: ", ") + ")"
    }
}
