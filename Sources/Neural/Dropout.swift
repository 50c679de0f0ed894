/// Randomly zeroes a fraction of the values while training, scaling the rest by `1 / (1 - rate)`;
/// the identity at inference.
///
/// Keras: `keras.layers.Dropout(rate)`. The mask comes from the model's seed, so training is
/// reproducible.
///
///     Sequential { Dense(1024, .relu, inputShape: [11]); Dropout(0.3); Dense(1) }
public final class Dropout: Layer {
    /// The fraction of values dropped, in `0 ..< 1`.
    public let rate: Float
    public let inputShape: [Int]?
    public var name = "dropout"
    public private(set) var outputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var lastMask = Tensor(zeros: [0])

    /// Creates a dropout layer.
    ///
    /// - Parameters:
    ///   - rate: The fraction of values to drop while training, in `0 ..< 1`.
    ///   - inputShape: One row's shape, only needed when this is the first layer.
    public init(_ rate: Float, inputShape: [Int]? = nil) {
        self.rate = rate
        self.inputShape = inputShape
    }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        guard rate >= 0, rate < 1 else {
            throw NeuralError.invalidArgument(name: "Dropout rate", value: "\(rate)", expected: "in 0 ..< 1")
        }
        try checkRebuild(inputShape, builtFor: outputShape)
        outputShape = inputShape
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        if let outputShape { try checkInput(input, expected: outputShape) }
        guard training, rate > 0 else { return input }
        let scale = 1 / (1 - rate), rate = rate
        lastMask = Tensor(shape: input.shape) { mask in
            for i in mask.indices { mask[i] = random.nextUnitFloat() >= rate ? scale : 0 }
        }
        return input * lastMask
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        rate > 0 && lastMask.count == outputGradient.count ? outputGradient * lastMask : outputGradient
    }
}

extension Dropout: Codable {
    private enum CodingKeys: String, CodingKey { case rate, inputShape, name, outputShape }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rate, forKey: .rate)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(outputShape, forKey: .outputShape)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Float.self, forKey: .rate), inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape))
        name = try container.decode(String.self, forKey: .name)
        outputShape = try container.decodeIfPresent([Int].self, forKey: .outputShape)
    }
}
