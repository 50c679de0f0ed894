import Frames
import Neural

/// The red-wine regression of the Keras "Stochastic Gradient Descent" tutorial, step by step:
/// read the CSV, split 70/30 as pandas does (`random_state=5`), min-max scale by the training
/// split, separate the features from `quality`.
public struct WineData {
    public let xTrain: Tensor, yTrain: Tensor, xValid: Tensor, yValid: Tensor

    /// Loads and prepares the data from a CSV file.
    public init(csv path: String, seed: Int = 5) throws {
        let redWine = try DataFrame(csv: path)
        let train = try redWine.sample(fraction: 0.7, seed: seed)
        let valid = redWine.dropping(rows: train.index)
        let (lo, hi) = (train.min(), train.max())
        let trainScaled = (train - lo) / (hi - lo)
        let validScaled = (valid - lo) / (hi - lo)
        xTrain = try trainScaled.dropping(columns: ["quality"]).tensor()
        yTrain = try trainScaled["quality"].tensor()
        xValid = try validScaled.dropping(columns: ["quality"]).tensor()
        yValid = try validScaled["quality"].tensor()
    }
}

/// The tutorial's network: 11 -> 512 relu -> 512 relu -> 512 relu -> 1, Adam, mean absolute error.
public func makeWineModel(seed: UInt64) -> Sequential {
    let model = Sequential(seed: seed) {
        Dense(512, .relu, inputShape: [11])
        Dense(512, .relu)
        Dense(512, .relu)
        Dense(1)
    }
    model.compile(optimizer: Adam(), loss: .meanAbsoluteError)
    return model
}
