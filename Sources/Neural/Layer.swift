/// A building block of a model: it maps a batch of rows to a batch of rows and can pass
/// gradients back.
///
/// Layers are reference types that training mutates in place. A layer learns its input size
/// in `build` (from `inputShape` on the first layer, or from the layer before it), creates its
/// weights then, and reports the shape of one output row.
///
/// To write a custom layer, implement the requirements below; `Sequential` calls `build` once,
/// then `forward` for every batch and, while training, `backward` in reverse order.
public protocol Layer: AnyObject {
    /// The layer's name within its model (`dense`, `dense_1`, ...), set by `Sequential`.
    var name: String { get set }
    /// The shape of one input row if the layer was given one (`inputShape:`), else nil.
    var inputShape: [Int]? { get }
    /// The shape of one output row, known once the layer is built.
    var outputShape: [Int]? { get }
    /// The layer's weights in Keras order (`kernel`, `bias`, ...), trainable or not.
    var parameters: [Parameter] { get }

    /// Creates the weights for input rows of shape `inputShape` and returns the output row shape.
    ///
    /// Called once per model; calling again with the same shape keeps the weights.
    /// - Throws: `NeuralError.shapeMismatch` if the layer was already built for another shape,
    ///   `NeuralError.invalidArgument` for a bad constructor argument.
    func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int]

    /// Maps a batch `[rows, features...]` to the layer's output batch.
    ///
    /// While `training`, the layer keeps what `backward` needs and may draw from `random`.
    func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor

    /// Given dLoss/dOutput for the last training forward pass, stores the parameters' gradients
    /// and returns dLoss/dInput.
    func backward(_ outputGradient: Tensor) -> Tensor
}

/// A layer that can compute its parameters' gradients alone, skipping dLoss/dInput: what the
/// first layer of a model does, since nothing uses the gradient of the model's input.
protocol ParameterGradientsOnly: Layer {
    /// The parameters' gradients from dLoss/dOutput, as `backward` leaves them.
    func backwardToParameters(_ outputGradient: Tensor)
}

// MARK: - Default implementations

extension Layer {
    /// The layer's type as Keras shows it in `summary()`: `Dense`, `Dropout`, ...
    public var typeName: String { String(describing: type(of: self)) }

    /// The default name stem, Keras style (its `to_snake_case`): `Dense` -> `dense`,
    /// `BatchNormalization` -> `batch_normalization`, `Conv2D` -> `conv2d`, `MaxPooling2D` -> `max_pooling2d`.
    public var baseName: String {
        let characters = Array(typeName)
        var result = ""
        for (index, character) in characters.enumerated() {
            // A capital starts a word after a lowercase letter, or when a lowercase letter follows it.
            if index > 0, character.isUppercase,
               characters[index - 1].isLowercase || (index + 1 < characters.count && characters[index + 1].isLowercase) {
                result += "_"
            }
            result += character.lowercased()
        }
        return result
    }

    /// The number of scalars in all of the layer's weights.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// The number of scalars an optimizer updates.
    public var trainableParameterCount: Int {
        parameters.filter(\.isTrainable).reduce(0) { $0 + $1.value.count }
    }

    /// Applies the layer in inference mode, building it from the input's shape if needed.
    ///
    ///     let relu = Activation(.relu)
    ///     let y = try Dense(4).callAsFunction(Tensor([[1, 2]]))
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var random = makeGeneratorFromGlobalSeed()
        let matrix = input.asMatrix
        if outputShape == nil {
            _ = try build(inputShape: Array(matrix.shape.dropFirst()), random: &random)
        }
        return try forward(matrix, training: false, random: &random)
    }

    /// Throws `shapeMismatch` unless `input` is a batch of rows of shape `expected`.
    func checkInput(_ input: Tensor, expected: [Int]) throws {
        guard input.rank >= 1, Array(input.shape.dropFirst()) == expected else {
            throw NeuralError.shapeMismatch(layer: name, expected: expected, actual: Array(input.shape.dropFirst()))
        }
    }

    /// Builds a decoded layer without weights again for the input rows it was saved built for (nil:
    /// it was not built), so its shapes come from `build` as they did before it was saved.
    func rebuild(forSavedInputShape inputShape: [Int]?) throws {
        guard let inputShape else { return }
        var unused = SeededRandom(seed: 0)   // a layer without weights draws nothing
        _ = try build(inputShape: inputShape, random: &unused)
    }

    /// Throws `shapeMismatch` if the layer was already built for rows other than `inputShape`.
    func checkRebuild(_ inputShape: [Int], builtFor existing: [Int]?) throws {
        if let existing, existing != inputShape {
            throw NeuralError.shapeMismatch(layer: name, expected: existing, actual: inputShape)
        }
    }
}
