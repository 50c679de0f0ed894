/// A layer that applies an activation function to every value and has no weights.
///
/// Keras: `keras.layers.Activation('relu')`. Also the namespace of the activation functions,
/// so notebooks can write `Activation.relu(x)` or plot `Activation.elu`:
///
///     Sequential { Dense(32, inputShape: [4]); Activation(.relu); Dense(1) }
///     Activation(.relu)(Tensor([-1, 0, 2]))        // [0, 0, 2]
public final class Activation: Layer {
    /// The function applied.
    public let function: ActivationFunction
    public let inputShape: [Int]?
    public var name = "activation"
    public private(set) var outputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var lastInput = Tensor(zeros: [0])
    private var lastOutput = Tensor(zeros: [0])

    /// Creates the layer.
    ///
    /// - Parameters:
    ///   - function: The activation, e.g. `.relu`.
    ///   - inputShape: One row's shape, only needed when this is the first layer.
    public init(_ function: ActivationFunction, inputShape: [Int]? = nil) {
        self.function = function
        self.inputShape = inputShape
    }

    /// The activation of every value, in inference mode (never throws: the layer has no shape).
    public func callAsFunction(_ input: Tensor) -> Tensor { function(input) }

    public func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] {
        try checkRebuild(inputShape, builtFor: outputShape)
        outputShape = inputShape
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor {
        if let outputShape { try checkInput(input, expected: outputShape) }
        let output = function(input)
        if training || function.keepsLogits { lastInput = input }
        if training { lastOutput = output }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        function.inputGradient(outputGradient, input: lastInput, output: lastOutput)
    }

    /// The activation's logits are its input: the gradient passes straight through.
    func backward(logitsGradient: Tensor) -> Tensor { logitsGradient }

    /// `max(0, x)`.
    public static let relu = ActivationFunction.relu
    /// `x` for `x > 0`, else `exp(x) - 1`.
    public static let elu = ActivationFunction.elu
    /// Scaled ELU.
    public static let selu = ActivationFunction.selu
    /// `x * sigmoid(x)`.
    public static let swish = ActivationFunction.swish
    /// `1 / (1 + exp(-x))`.
    public static let sigmoid = ActivationFunction.sigmoid
    /// `tanh(x)`.
    public static let tanh = ActivationFunction.tanh
    /// Row-wise `exp(x_i) / Σ exp(x_j)`.
    public static let softmax = ActivationFunction.softmax
    /// The identity.
    public static let linear = ActivationFunction.linear
}

extension Activation: LogitsProducing {
    var outputActivation: ActivationFunction { function }
    var lastLogits: Tensor { lastInput }
}

extension Activation: Codable {
    private enum CodingKeys: String, CodingKey { case function, inputShape, name, outputShape }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(function, forKey: .function)
        try container.encodeIfPresent(inputShape, forKey: .inputShape)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(outputShape, forKey: .outputShape)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(ActivationFunction.self, forKey: .function),
                  inputShape: try container.decodeIfPresent([Int].self, forKey: .inputShape))
        name = try container.decode(String.self, forKey: .name)
        outputShape = try container.decodeIfPresent([Int].self, forKey: .outputShape)
    }
}
