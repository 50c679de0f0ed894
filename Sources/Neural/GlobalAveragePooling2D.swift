internal import TrainingKernels

/// The mean of each channel over the whole image: images `[height, width, channels]` become
/// vectors `[channels]`, a lighter end to a convnet than `Flatten`. No weights.
///
/// Keras: `keras.layers.GlobalAveragePooling2D()`.
///
///     Sequential { Conv2D(16, 3, activation: .relu, inputShape: [8, 8, 1]); GlobalAveragePooling2D(); Dense(10, .softmax) }
public final class GlobalAveragePooling2D: Layer {
    public let inputShape: [Int]?
    public var name = "global_average_pooling2d"
    public private(set) var outputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var builtFor: [Int]?

    /// Creates the layer; `inputShape` is only needed when it is the first.
    public init(inputShape: [Int]? = nil) {
        self.inputShape = inputShape
    }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else { throw NeuralError.notImages(layer: name, actual: inputShape) }
        try checkRebuild(inputShape, builtFor: builtFor)
        builtFor = inputShape
        outputShape = [inputShape[2]]
        return [inputShape[2]]
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        guard let builtFor else { throw NeuralError.notBuilt(layer: name) }
        try checkInput(input, expected: builtFor)
        let batch = input.rowCount, pixels = builtFor[0] * builtFor[1], channels = builtFor[2]
        return Tensor(shape: [batch, channels]) { means in
            input.scalars.withUnsafeBufferPointer { image_channel_means($0.baseAddress, batch, pixels, channels, means.baseAddress) }
        }
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let image = builtFor ?? [1, 1, outputGradient.columnCount]
        let batch = outputGradient.rowCount, pixels = image[0] * image[1], channels = image[2]
        return Tensor(shape: [batch] + image) { gradient in
            outputGradient.scalars.withUnsafeBufferPointer {
                image_channel_means_gradient($0.baseAddress, batch, pixels, channels, gradient.baseAddress)
            }
        }
    }
}

extension GlobalAveragePooling2D: Codable {
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
