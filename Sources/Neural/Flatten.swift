/// Makes each row one vector: images `[height, width, channels]` become `[height × width × channels]`,
/// in row-major order, for the `Dense` layers after convolutions. No weights.
///
/// Keras: `keras.layers.Flatten()`.
///
///     Sequential { Conv2D(8, 3, inputShape: [8, 8, 1]); Flatten(); Dense(10, .softmax) }
public final class Flatten: Layer {
    public let inputShape: [Int]?
    public var name = "flatten"
    public private(set) var outputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var builtFor: [Int]?

    /// Creates the layer; `inputShape` is only needed when it is the first.
    public init(inputShape: [Int]? = nil) {
        self.inputShape = inputShape
    }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        try checkRebuild(inputShape, builtFor: builtFor)
        builtFor = inputShape
        outputShape = [inputShape.reduce(1, *)]
        return [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        if let builtFor { try checkInput(input, expected: builtFor) }
        return input.asMatrix
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        Tensor(uncheckedShape: [outputGradient.rowCount] + (builtFor ?? []), scalars: outputGradient.scalars)
    }
}

extension Flatten: Codable {
    private enum CodingKeys: String, CodingKey { case inputShape, name, builtFor }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(builtFor, forKey: .builtFor)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape))
        name = try container.decode(String.self, forKey: .name)
        try rebuild(forSavedInputShape: try container.decodeIfPresent([Int].self, forKey: .builtFor))
    }
}
