internal import TrainingKernels

/// A fully connected layer: `activation(input • kernel + bias)`.
///
/// Keras: `keras.layers.Dense`. The kernel has shape `[inputFeatures, units]` and starts
/// glorot-uniform; the bias starts at zero. Both are drawn from the model's seed.
///
///     Sequential { Dense(512, .relu, inputShape: [11]); Dense(1) }
public final class Dense: Layer {
    /// Outputs per row.
    public let units: Int
    /// Applied elementwise to `input • kernel + bias`.
    public let activation: ActivationFunction
    /// Whether the layer adds a bias.
    public let useBias: Bool
    public let inputShape: [Int]?
    public var name = "dense"
    public private(set) var outputShape: [Int]?
    let kernelInitializer: Initializer
    let biasInitializer: Initializer

    private var kernelParameter = Parameter("kernel", Tensor(zeros: [0, 0]))
    private var biasParameter = Parameter("bias", Tensor(zeros: [0]))
    private var lastInput = Tensor(zeros: [0, 0])
    private var lastPreActivation = Tensor(zeros: [0, 0])
    private var lastOutput = Tensor(zeros: [0, 0])

    /// Creates a fully connected layer.
    ///
    /// - Parameters:
    ///   - units: Outputs per row; must be positive.
    ///   - activation: Applied elementwise to the result. Defaults to `.linear`.
    ///   - inputShape: One row's shape, without the batch (`[11]`). Only the first layer needs it.
    ///   - useBias: Whether to add a bias. Defaults to true.
    ///   - kernelInitializer: Defaults to `.glorotUniform`.
    ///   - biasInitializer: Defaults to `.zeros`.
    public init(_ units: Int, _ activation: ActivationFunction = .linear, inputShape: [Int]? = nil,
                useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                biasInitializer: Initializer = .zeros) {
        self.units = units
        self.activation = activation
        self.inputShape = inputShape
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }

    /// Keras' keyword spelling: `Dense(units: 64, activation: .relu)`.
    public convenience init(units: Int, activation: ActivationFunction = .linear, inputShape: [Int]? = nil) {
        self.init(units, activation, inputShape: inputShape)
    }

    /// Keras' most common spelling: `Dense(64, activation: .relu)`.
    public convenience init(_ units: Int, activation: ActivationFunction, inputShape: [Int]? = nil) {
        self.init(units, activation, inputShape: inputShape)
    }

    /// The weight matrix, shape `[inputFeatures, units]`; settable (a later forward pass checks its shape).
    public var kernel: Tensor {
        get { kernelParameter.value }
        set { kernelParameter.value = newValue }
    }

    /// The bias vector, shape `[units]` (empty when `useBias` is false); settable.
    public var bias: Tensor {
        get { biasParameter.value }
        set { biasParameter.value = newValue }
    }

    public var parameters: [Parameter] { useBias ? [kernelParameter, biasParameter] : [kernelParameter] }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        guard units > 0 else {
            throw NeuralError.invalidArgument(name: "Dense units", value: "\(units)", expected: "a positive number")
        }
        guard inputShape.count == 1 else {
            throw NeuralError.shapeMismatch(layer: name, expected: [inputShape.reduce(1, *)], actual: inputShape)
        }
        if outputShape != nil {
            try checkRebuild(inputShape, builtFor: [kernel.rowCount])
            return [units]
        }
        kernelParameter.value = kernelInitializer.makeTensor(shape: [inputShape[0], units], random: &random)
        kernelParameter.gradient = Tensor(zeros: kernel.shape)
        if useBias {
            biasParameter.value = biasInitializer.makeTensor(shape: [units], random: &random)
            biasParameter.gradient = Tensor(zeros: [units])
        }
        outputShape = [units]
        return [units]
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        guard outputShape != nil else { throw NeuralError.notBuilt(layer: name) }
        try checkInput(input, expected: [kernel.rowCount])
        guard kernel.shape == [kernel.rowCount, units], !useBias || bias.shape == [units] else {
            throw NeuralError.shapeMismatch(layer: name + ".kernel", expected: [kernel.rowCount, units], actual: kernel.shape)
        }
        var z = AffineProduct.forward(input, kernel: kernel, bias: useBias ? bias : nil,
                                      rows: input.rowCount, depth: kernel.rowCount, units: units)
        if training { lastInput = input }
        if activation == .linear {
            if training { lastPreActivation = z; lastOutput = z }
            return z
        }
        if training || activation.keepsLogits { lastPreActivation = z }
        activation.apply(to: &z)
        if training { lastOutput = z }
        return z
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        backward(logitsGradient: logitsGradient(outputGradient))
    }

    /// The kernel's and bias' gradients from dLoss/dOutput, without dLoss/dInput: for the first
    /// layer of a model, whose input gradient nothing uses.
    func backwardToParameters(_ outputGradient: Tensor) {
        setParameterGradients(logitsGradient: logitsGradient(outputGradient))
    }

    /// dLoss/dInput from dLoss/dLogits (the gradient before the activation), leaving the
    /// kernel's and bias' gradients.
    func backward(logitsGradient delta: Tensor) -> Tensor {
        setParameterGradients(logitsGradient: delta)
        return AffineProduct.inputGradient(delta: delta, kernel: kernel, rows: delta.rowCount, depth: kernel.rowCount, units: units)
    }
}

extension Dense {
    /// dLoss/dLogits from dLoss/dOutput, through the activation of the last training batch.
    private func logitsGradient(_ outputGradient: Tensor) -> Tensor {
        activation.inputGradient(outputGradient, input: lastPreActivation, output: lastOutput)
    }

    /// The kernel's gradient `inputᵀ • delta` and the bias' (the column sums of delta).
    private func setParameterGradients(logitsGradient delta: Tensor) {
        kernelParameter.gradient = AffineProduct.kernelGradient(input: lastInput, delta: delta, shape: kernel.shape,
                                                                rows: delta.rowCount, depth: kernel.rowCount, units: units)
        if useBias { biasParameter.gradient = columnSums(delta) }
    }
}

extension Dense: ParameterGradientsOnly {}

extension Dense: LogitsProducing {
    var outputActivation: ActivationFunction { activation }
    var lastLogits: Tensor { lastPreActivation }
}

/// Sums each column of a matrix in `Float`, row by row (deterministic order).
func columnSums(_ matrix: Tensor) -> Tensor {
    let rows = matrix.rowCount, width = matrix.columnCount
    return Tensor(shape: [width]) { out in
        matrix.scalars.withUnsafeBufferPointer { training_column_sums(kernelVariantInForce, $0.baseAddress, rows, width, out.baseAddress) }
    }
}

extension Dense: Codable {
    private enum CodingKeys: String, CodingKey {
        case units, activation, useBias, inputShape, name, outputShape, kernelInitializer, biasInitializer, kernel, bias
    }

    /// Writes the configuration and the weights (not what the last batch left for `backward`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(units, forKey: .units)
        try container.encode(activation, forKey: .activation)
        try container.encode(useBias, forKey: .useBias)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(outputShape, forKey: .outputShape)
        try container.encode(kernelInitializer, forKey: .kernelInitializer)
        try container.encode(biasInitializer, forKey: .biasInitializer)
        try container.encodeShared(kernelParameter, forKey: .kernel, in: encoder)
        try container.encodeShared(biasParameter, forKey: .bias, in: encoder)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Int.self, forKey: .units), try container.decode(ActivationFunction.self, forKey: .activation),
                  inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape),
                  useBias: try container.decode(Bool.self, forKey: .useBias),
                  kernelInitializer: try container.decode(Initializer.self, forKey: .kernelInitializer),
                  biasInitializer: try container.decode(Initializer.self, forKey: .biasInitializer))
        name = try container.decode(String.self, forKey: .name)
        outputShape = try container.decodeIfPresent([Int].self, forKey: .outputShape)
        kernelParameter = try container.decodeShared(Parameter.self, forKey: .kernel, in: decoder)
        biasParameter = try container.decodeShared(Parameter.self, forKey: .bias, in: decoder)
    }
}
