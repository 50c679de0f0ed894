internal import TrainingKernels

/// A 2-D convolution over channels-last images: `activation(input ⋆ kernel + bias)`.
///
/// Keras: `keras.layers.Conv2D`. Rows are images `[height, width, channels]`; the kernel has
/// shape `[kernelHeight, kernelWidth, inputChannels, filters]` and starts glorot-uniform (fans
/// counted over the window, as Keras does), the bias at zero. The convolution is one matrix
/// product per batch: every window becomes a row (im2col), multiplied by the kernel through the
/// same product as `Dense`.
///
///     Sequential {
///         Conv2D(32, 3, activation: .relu, inputShape: [28, 28, 1])
///         MaxPooling2D(2)
///         Flatten()
///         Dense(10, .softmax)
///     }
public final class Conv2D: Layer {
    /// Output channels.
    public let filters: Int
    /// The window's height and width.
    public let kernelSize: Size2D
    /// How far the window moves, down and across.
    public let strides: Size2D
    /// `.valid` (the default) or `.same`.
    public let padding: Padding
    /// Applied elementwise to `input ⋆ kernel + bias`.
    public let activation: ActivationFunction
    /// Whether the layer adds a bias.
    public let useBias: Bool
    public let inputShape: [Int]?
    public var name = "conv2d"
    public var outputShape: [Int]? { window.map(outputShape(of:)) }
    let kernelInitializer: Initializer
    let biasInitializer: Initializer

    private var window: ImageWindow?
    private var kernelParameter = Parameter("kernel", Tensor(zeros: [0, 0, 0, 0]))
    private var biasParameter = Parameter("bias", Tensor(zeros: [0]))
    /// The last training batch's windows, a matrix `[windows, kernelHeight × kernelWidth × channels]`.
    private var lastColumns = Tensor(zeros: [0, 0])
    private var lastPreActivation = Tensor(zeros: [0, 0])
    private var lastOutput = Tensor(zeros: [0, 0])

    /// Creates a convolution layer.
    ///
    /// - Parameters:
    ///   - filters: Output channels; must be positive.
    ///   - kernelSize: The window, `3` for 3×3 or `[3, 5]`.
    ///   - strides: How far the window moves; defaults to 1.
    ///   - padding: `.valid` (the default: only whole windows) or `.same` (zeros around the image).
    ///   - activation: Applied elementwise to the result. Defaults to `.linear`.
    ///   - inputShape: One image's shape, `[height, width, channels]`. Only the first layer needs it.
    ///   - useBias: Whether to add a bias. Defaults to true.
    ///   - kernelInitializer: Defaults to `.glorotUniform`.
    ///   - biasInitializer: Defaults to `.zeros`.
    public init(_ filters: Int, _ kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                activation: ActivationFunction = .linear, inputShape: [Int]? = nil, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.activation = activation
        self.inputShape = inputShape
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }

    /// Keras' keyword spelling: `Conv2D(filters: 32, kernelSize: 3, activation: .relu)`.
    public convenience init(filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                            activation: ActivationFunction = .linear, inputShape: [Int]? = nil) {
        self.init(filters, kernelSize, strides: strides, padding: padding, activation: activation, inputShape: inputShape)
    }

    /// The kernel, shape `[kernelHeight, kernelWidth, inputChannels, filters]`; settable (a later
    /// forward pass checks its shape).
    public var kernel: Tensor {
        get { kernelParameter.value }
        set { kernelParameter.value = newValue }
    }

    /// The bias, shape `[filters]` (empty when `useBias` is false); settable.
    public var bias: Tensor {
        get { biasParameter.value }
        set { biasParameter.value = newValue }
    }

    public var parameters: [Parameter] { useBias ? [kernelParameter, biasParameter] : [kernelParameter] }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        guard filters > 0 else {
            throw NeuralError.invalidArgument(name: "Conv2D filters", value: "\(filters)", expected: "a positive number")
        }
        let window = try ImageWindow(layer: name, size: kernelSize, strides: strides, padding: padding, image: inputShape)
        if let existing = self.window {
            try checkRebuild(inputShape, builtFor: existing.image)
            return outputShape(of: window)
        }
        let kernelShape = [kernelSize.height, kernelSize.width, inputShape[2], filters]
        kernelParameter.value = kernelInitializer.makeTensor(shape: kernelShape, random: &random)
        kernelParameter.gradient = Tensor(zeros: kernelShape)
        if useBias {
            biasParameter.value = biasInitializer.makeTensor(shape: [filters], random: &random)
            biasParameter.gradient = Tensor(zeros: [filters])
        }
        self.window = window
        return outputShape(of: window)
    }

    /// One output row's shape for `window`: its positions, a channel per filter.
    private func outputShape(of window: ImageWindow) -> [Int] {
        [window.outputHeight, window.outputWidth, filters]
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        guard let window, let outputShape else { throw NeuralError.notBuilt(layer: name) }
        try checkInput(input, expected: window.image)
        let kernelShape = [kernelSize.height, kernelSize.width, window.image[2], filters]
        guard kernel.shape == kernelShape, !useBias || bias.shape == [filters] else {
            throw NeuralError.shapeMismatch(layer: name + ".kernel", expected: kernelShape, actual: kernel.shape)
        }
        let batch = input.rowCount, depth = kernelShape.dropLast().reduce(1, *)
        let rows = batch * window.outputHeight * window.outputWidth
        let columns = Self.columns(of: input, window: window, batch: batch, depth: depth)
        var z = AffineProduct.forward(columns, kernel: kernel, bias: useBias ? bias : nil, rows: rows, depth: depth, units: filters)
        if training { lastColumns = columns; lastPreActivation = z }
        activation.apply(to: &z)
        if training { lastOutput = z }
        return Tensor(uncheckedShape: [batch] + outputShape, scalars: z.scalars)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let delta = logitsGradient(outputGradient)
        setParameterGradients(logitsGradient: delta)
        guard let window else { return outputGradient }
        let batch = outputGradient.rowCount
        let columnGradient = AffineProduct.inputGradient(delta: delta, kernel: kernel, rows: delta.rowCount,
                                                         depth: lastColumns.columnCount, units: filters)
        return Tensor(shape: [batch] + window.image) { image in
            var geometry = window.geometry(batch: batch)
            columnGradient.scalars.withUnsafeBufferPointer { columns_to_image(&geometry, $0.baseAddress, image.baseAddress) }
        }
    }

    /// The kernel's and bias' gradients, without dLoss/dInput: for the first layer of a model,
    /// whose input gradient nothing uses.
    func backwardToParameters(_ outputGradient: Tensor) {
        setParameterGradients(logitsGradient: logitsGradient(outputGradient))
    }
}

extension Conv2D {
    /// The windows of a batch as the rows of a matrix `[windows, depth]`.
    private static func columns(of input: Tensor, window: ImageWindow, batch: Int, depth: Int) -> Tensor {
        Tensor(shape: [batch * window.outputHeight * window.outputWidth, depth]) { out in
            var geometry = window.geometry(batch: batch)
            input.scalars.withUnsafeBufferPointer { image_to_columns(&geometry, $0.baseAddress, out.baseAddress) }
        }
    }

    /// dLoss/dLogits as a matrix `[windows, filters]`, through the activation of the last training batch.
    private func logitsGradient(_ outputGradient: Tensor) -> Tensor {
        let matrix = Tensor(uncheckedShape: [lastOutput.rowCount, filters], scalars: outputGradient.scalars)
        return activation.inputGradient(matrix, input: lastPreActivation, output: lastOutput)
    }

    /// The kernel's gradient `windowsᵀ • delta` and the bias' (the column sums of delta).
    private func setParameterGradients(logitsGradient delta: Tensor) {
        kernelParameter.gradient = AffineProduct.kernelGradient(input: lastColumns, delta: delta, shape: kernel.shape,
                                                                rows: delta.rowCount, depth: lastColumns.columnCount, units: filters)
        if useBias { biasParameter.gradient = columnSums(delta) }
    }
}

extension Conv2D: ParameterGradientsOnly {}

extension Conv2D: Codable {
    private enum CodingKeys: String, CodingKey {
        case filters, kernelSize, strides, padding, activation, useBias, inputShape, name, builtFor, kernelInitializer,
             biasInitializer, kernel, bias
    }

    /// Writes the configuration and the weights (not what the last batch left for `backward`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(filters, forKey: .filters)
        try container.encode(kernelSize, forKey: .kernelSize)
        try container.encode(strides, forKey: .strides)
        try container.encode(padding, forKey: .padding)
        try container.encode(activation, forKey: .activation)
        try container.encode(useBias, forKey: .useBias)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(window?.image, forKey: .builtFor)
        try container.encode(kernelInitializer, forKey: .kernelInitializer)
        try container.encode(biasInitializer, forKey: .biasInitializer)
        try container.encodeShared(kernelParameter, forKey: .kernel, in: encoder)
        try container.encodeShared(biasParameter, forKey: .bias, in: encoder)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Int.self, forKey: .filters), try container.decode(Size2D.self, forKey: .kernelSize),
                  strides: try container.decode(Size2D.self, forKey: .strides), padding: try container.decode(Padding.self, forKey: .padding),
                  activation: try container.decode(ActivationFunction.self, forKey: .activation),
                  inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape),
                  useBias: try container.decode(Bool.self, forKey: .useBias),
                  kernelInitializer: try container.decode(Initializer.self, forKey: .kernelInitializer),
                  biasInitializer: try container.decode(Initializer.self, forKey: .biasInitializer))
        name = try container.decode(String.self, forKey: .name)
        window = try container.decodeIfPresent([Int].self, forKey: .builtFor).map { image in
            try ImageWindow(layer: name, size: kernelSize, strides: strides, padding: padding, image: image)
        }
        kernelParameter = try container.decodeShared(Parameter.self, forKey: .kernel, in: decoder)
        biasParameter = try container.decodeShared(Parameter.self, forKey: .bias, in: decoder)
    }
}
