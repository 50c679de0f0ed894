internal import TrainingKernels

/// The largest value of each window, channel by channel: images shrink, the strongest responses stay.
///
/// Keras: `keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None, padding="valid")`; strides
/// default to the pool size, so windows do not overlap. The gradient goes to the value that was
/// the maximum (the first of equal ones).
///
///     Sequential { Conv2D(32, 3, activation: .relu, inputShape: [28, 28, 1]); MaxPooling2D(2); Flatten(); Dense(10, .softmax) }
public final class MaxPooling2D: Layer {
    /// The window's height and width.
    public let poolSize: Size2D
    /// How far the window moves; the pool size unless given.
    public let strides: Size2D
    /// `.valid` (the default) or `.same` (windows over the edge look at what is inside only).
    public let padding: Padding
    public let inputShape: [Int]?
    public var name = "max_pooling2d"
    public var outputShape: [Int]? { window.map(Self.outputShape(of:)) }
    public var parameters: [Parameter] { [] }

    private var window: ImageWindow?
    /// Where each output of the last training batch came from, as indices into its input.
    private var lastArgmax: [Int] = []
    private var lastInputShape: [Int] = []

    /// Creates a max pooling layer.
    ///
    /// - Parameters:
    ///   - poolSize: The window, `2` for 2×2 (the default) or `[2, 3]`.
    ///   - strides: How far the window moves; defaults to `poolSize`.
    ///   - padding: `.valid` (the default) or `.same`.
    ///   - inputShape: One image's shape, only needed when this is the first layer.
    public init(_ poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid, inputShape: [Int]? = nil) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
        self.inputShape = inputShape
    }

    /// Keras' keyword spelling: `MaxPooling2D(poolSize: [2, 2])`.
    public convenience init(poolSize: Size2D, strides: Size2D? = nil, padding: Padding = .valid) {
        self.init(poolSize, strides: strides, padding: padding)
    }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        let window = try ImageWindow(layer: name, size: poolSize, strides: strides, padding: padding, image: inputShape)
        try checkRebuild(inputShape, builtFor: self.window?.image)
        self.window = window
        return Self.outputShape(of: window)
    }

    /// One output row's shape for `window`: its positions, the input's channels.
    private static func outputShape(of window: ImageWindow) -> [Int] {
        [window.outputHeight, window.outputWidth, window.image[2]]
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        guard let window, let outputShape else { throw NeuralError.notBuilt(layer: name) }
        try checkInput(input, expected: window.image)
        let batch = input.rowCount
        var argmax = [Int](repeating: 0, count: batch * outputShape.reduce(1, *))
        let output = Tensor(shape: [batch] + outputShape) { out in
            var geometry = window.geometry(batch: batch)
            input.scalars.withUnsafeBufferPointer { values in
                argmax.withUnsafeMutableBufferPointer { image_max_pool(&geometry, values.baseAddress, out.baseAddress, $0.baseAddress) }
            }
        }
        if training {
            lastArgmax = argmax
            lastInputShape = input.shape
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let argmax = lastArgmax
        return Tensor(shape: lastInputShape) { gradient in
            outputGradient.scalars.withUnsafeBufferPointer { g in
                argmax.withUnsafeBufferPointer {
                    image_max_pool_gradient(g.baseAddress, $0.baseAddress, g.count, gradient.baseAddress, gradient.count)
                }
            }
        }
    }
}

extension MaxPooling2D: Codable {
    private enum CodingKeys: String, CodingKey { case poolSize, strides, padding, inputShape, name, builtFor }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(poolSize, forKey: .poolSize)
        try container.encode(strides, forKey: .strides)
        try container.encode(padding, forKey: .padding)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(window?.image, forKey: .builtFor)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Size2D.self, forKey: .poolSize), strides: try container.decode(Size2D.self, forKey: .strides),
                  padding: try container.decode(Padding.self, forKey: .padding),
                  inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape))
        name = try container.decode(String.self, forKey: .name)
        try rebuild(forSavedInputShape: try container.decodeIfPresent([Int].self, forKey: .builtFor))
    }
}
