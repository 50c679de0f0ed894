/// Normalises each feature to zero mean and unit variance, then scales by `gamma` and shifts by `beta`.
///
/// While training it uses the batch's statistics and updates moving averages
/// (`moving = momentum * moving + (1 - momentum) * batch`); at inference it uses the moving
/// averages. Keras: `keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3)`.
///
///     Sequential { BatchNormalization(inputShape: [11]); Dense(512, .relu); BatchNormalization(); Dense(1) }
public final class BatchNormalization: Layer {
    /// The weight of the old moving statistics in each update.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float
    public let inputShape: [Int]?
    public var name = "batch_normalization"
    public private(set) var outputShape: [Int]?

    private var gammaParameter = Parameter("gamma", Tensor(zeros: [0]))
    private var betaParameter = Parameter("beta", Tensor(zeros: [0]))
    private var movingMeanParameter = Parameter("moving_mean", Tensor(zeros: [0]), isTrainable: false)
    private var movingVarianceParameter = Parameter("moving_variance", Tensor(zeros: [0]), isTrainable: false)
    private var lastNormalized = Tensor(zeros: [0, 0])
    private var lastInverseDeviation: [Float] = []
    private var lastWasTraining = false

    /// Creates a batch normalisation layer; the feature count comes from the layer before it.
    ///
    /// - Parameters:
    ///   - momentum: Defaults to 0.99 (Keras).
    ///   - epsilon: Defaults to 0.001 (Keras).
    ///   - inputShape: One row's shape, only needed when this is the first layer.
    public init(momentum: Float = 0.99, epsilon: Float = 1e-3, inputShape: [Int]? = nil) {
        self.momentum = momentum
        self.epsilon = epsilon
        self.inputShape = inputShape
    }

    /// The learned scale, shape `[features]`, starting at one.
    public var gamma: Tensor { get { gammaParameter.value } set { gammaParameter.value = newValue } }
    /// The learned shift, shape `[features]`, starting at zero.
    public var beta: Tensor { get { betaParameter.value } set { betaParameter.value = newValue } }
    /// The moving mean used at inference.
    public var movingMean: Tensor { movingMeanParameter.value }
    /// The moving (biased) variance used at inference.
    public var movingVariance: Tensor { movingVarianceParameter.value }

    public var parameters: [Parameter] {
        [gammaParameter, betaParameter, movingMeanParameter, movingVarianceParameter]
    }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        guard inputShape.count == 1 else {
            throw NeuralError.shapeMismatch(layer: name, expected: [inputShape.reduce(1, *)], actual: inputShape)
        }
        guard epsilon > 0, momentum >= 0, momentum <= 1 else {
            throw NeuralError.invalidArgument(name: "BatchNormalization momentum/epsilon",
                                              value: "\(momentum)/\(epsilon)", expected: "momentum in 0...1 and epsilon > 0")
        }
        try checkRebuild(inputShape, builtFor: outputShape)
        if outputShape == nil {
            let features = inputShape[0]
            gammaParameter.value = Tensor(repeating: 1, shape: [features])
            betaParameter.value = Tensor(zeros: [features])
            movingMeanParameter.value = Tensor(zeros: [features])
            movingVarianceParameter.value = Tensor(repeating: 1, shape: [features])
            for parameter in parameters { parameter.gradient = Tensor(zeros: [features]) }
            outputShape = inputShape
        }
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        guard let outputShape else { throw NeuralError.notBuilt(layer: name) }
        try checkInput(input, expected: outputShape)
        let rows = input.rowCount, features = outputShape[0]
        let mean: [Float], variance: [Float]
        if training {
            (mean, variance) = Self.moments(input, rows: rows, features: features)
            let keep = momentum
            movingMeanParameter.value.scalars = zip(movingMean.scalars, mean).map { keep * $0 + (1 - keep) * $1 }
            movingVarianceParameter.value.scalars = zip(movingVariance.scalars, variance).map { keep * $0 + (1 - keep) * $1 }
        } else {
            (mean, variance) = (movingMean.scalars, movingVariance.scalars)
        }
        let inverseDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let gamma = gamma.scalars, beta = beta.scalars
        var normalized = input
        var output = input
        normalized.scalars.withUnsafeMutableBufferPointer { n in
            output.scalars.withUnsafeMutableBufferPointer { y in
                for row in 0..<rows {
                    for j in 0..<features {
                        let i = row * features + j
                        n[i] = (n[i] - mean[j]) * inverseDeviation[j]
                        y[i] = gamma[j] * n[i] + beta[j]
                    }
                }
            }
        }
        lastNormalized = normalized
        lastInverseDeviation = inverseDeviation
        lastWasTraining = training
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let rows = outputGradient.rowCount, features = outputGradient.columnCount
        let dy = outputGradient.scalars, xHat = lastNormalized.scalars, gamma = gamma.scalars
        var gammaGradient = [Float](repeating: 0, count: features)
        var betaGradient = [Float](repeating: 0, count: features)
        for row in 0..<rows {
            for j in 0..<features {
                gammaGradient[j] += dy[row * features + j] * xHat[row * features + j]
                betaGradient[j] += dy[row * features + j]
            }
        }
        gammaParameter.gradient = Tensor(gammaGradient)
        betaParameter.gradient = Tensor(betaGradient)
        let n = Float(rows), inverseDeviation = lastInverseDeviation, training = lastWasTraining
        return Tensor(shape: outputGradient.shape) { dx in
            for row in 0..<rows {
                for j in 0..<features {
                    let i = row * features + j
                    let dxHat = dy[i] * gamma[j]
                    if training {
                        // d/dx of (x - mean) / sqrt(var + eps) with batch statistics:
                        // (1/N) * invStd * (N * dxHat - Σ dxHat - xHat * Σ dxHat * xHat)
                        let sumDxHat = betaGradient[j] * gamma[j]
                        let sumDxHatXHat = gammaGradient[j] * gamma[j]
                        dx[i] = inverseDeviation[j] / n * (n * dxHat - sumDxHat - xHat[i] * sumDxHatXHat)
                    } else {
                        dx[i] = dxHat * inverseDeviation[j]
                    }
                }
            }
        }
    }

    /// Per-feature mean and biased variance of a batch, accumulated in `Double`.
    private static func moments(_ input: Tensor, rows: Int, features: Int) -> ([Float], [Float]) {
        var sum = [Double](repeating: 0, count: features)
        var sumSquares = [Double](repeating: 0, count: features)
        for row in 0..<rows {
            for j in 0..<features {
                let x = Double(input.scalars[row * features + j])
                sum[j] += x
                sumSquares[j] += x * x
            }
        }
        let n = Double(rows)
        let mean = sum.map { $0 / n }
        let variance = zip(sumSquares, mean).map { Swift.max(0, $0 / n - $1 * $1) }
        return (mean.map(Float.init), variance.map(Float.init))
    }
}

extension BatchNormalization: Codable {
    private enum CodingKeys: String, CodingKey { case momentum, epsilon, inputShape, name, outputShape, gamma, beta, movingMean, movingVariance }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(momentum, forKey: .momentum)
        try container.encode(epsilon, forKey: .epsilon)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(outputShape, forKey: .outputShape)
        try container.encodeShared(gammaParameter, forKey: .gamma, in: encoder)
        try container.encodeShared(betaParameter, forKey: .beta, in: encoder)
        try container.encodeShared(movingMeanParameter, forKey: .movingMean, in: encoder)
        try container.encodeShared(movingVarianceParameter, forKey: .movingVariance, in: encoder)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(momentum: try container.decode(Float.self, forKey: .momentum), epsilon: try container.decode(Float.self, forKey: .epsilon),
                  inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape))
        name = try container.decode(String.self, forKey: .name)
        outputShape = try container.decodeIfPresent([Int].self, forKey: .outputShape)
        gammaParameter = try container.decodeShared(Parameter.self, forKey: .gamma, in: decoder)
        betaParameter = try container.decodeShared(Parameter.self, forKey: .beta, in: decoder)
        movingMeanParameter = try container.decodeShared(Parameter.self, forKey: .movingMean, in: decoder)
        movingVarianceParameter = try container.decodeShared(Parameter.self, forKey: .movingVariance, in: decoder)
    }
}
