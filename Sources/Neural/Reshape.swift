/// Gives each row a new shape of the same size: `Reshape([8, 8, 1])` turns rows of 64 pixels into
/// images for `Conv2D`. One dimension may be `-1`, inferred. No weights.
///
/// Keras: `keras.layers.Reshape(target_shape)`.
///
///     Sequential { Reshape([8, 8, 1], inputShape: [64]); Conv2D(8, 3); Flatten(); Dense(10, .softmax) }
public final class Reshape: Layer {
    /// One output row's shape, as given (possibly with a `-1`).
    public let targetShape: [Int]
    public let inputShape: [Int]?
    public var name = "reshape"
    public private(set) var outputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var builtFor: [Int]?

    /// Creates the layer.
    ///
    /// - Parameters:
    ///   - targetShape: One output row's shape, without the batch; one dimension may be `-1`.
    ///   - inputShape: One input row's shape, only needed when this is the first layer.
    public init(_ targetShape: [Int], inputShape: [Int]? = nil) {
        self.targetShape = targetShape
        self.inputShape = inputShape
    }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        try checkRebuild(inputShape, builtFor: builtFor)
        let output = try Tensor.resolved(targetShape, from: inputShape)
        builtFor = inputShape
        outputShape = output
        return output
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        guard let builtFor, let outputShape else { throw NeuralError.notBuilt(layer: name) }
        try checkInput(input, expected: builtFor)
        return Tensor(uncheckedShape: [input.rowCount] + outputShape, scalars: input.scalars)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        Tensor(uncheckedShape: [outputGradient.rowCount] + (builtFor ?? []), scalars: outputGradient.scalars)
    }
}

extension Reshape: Codable {
    private enum CodingKeys: String, CodingKey { case targetShape, inputShape, name, builtFor }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetShape, forKey: .targetShape)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(builtFor, forKey: .builtFor)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode([Int].self, forKey: .targetShape),
                  inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape))
        name = try container.decode(String.self, forKey: .name)
        try rebuild(forSavedInputShape: try container.decodeIfPresent([Int].self, forKey: .builtFor))
    }
}
