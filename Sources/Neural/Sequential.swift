/// A stack of layers, each feeding the next: the Keras `Sequential` model.
///
/// Build it with a result builder, an array, or `add(_:)`; give the first layer an `inputShape`
/// (or let `fit`/`predict` infer it from the first batch), then `compile` and `fit`:
///
///     let model = Sequential {
///         Dense(512, .relu, inputShape: [11])
///         Dense(512, .relu)
///         Dense(1)
///     }
///     model.compile(optimizer: Adam(), loss: .meanAbsoluteError)
///     let history = try model.fit(xTrain, yTrain, validationData: (xValid, yValid), batchSize: 256, epochs: 10)
///
/// Weights, shuffling and dropout draw from the model's own generator: seeded by `seed:` if
/// given, else from the global `Neural.seed(_:)` sequence when the model is created.
public final class Sequential {
    /// The model's name in `summary()`.
    public var name: String
    /// The layers in order.
    public private(set) var layers: [any Layer] = []
    /// Set by a callback to end `fit` after the current epoch.
    public var stopTraining = false
    /// The optimizer given to `compile`.
    public private(set) var optimizer: (any Optimizer)?
    /// The loss given to `compile`.
    public private(set) var loss: Loss?
    /// The metrics given to `compile`.
    public private(set) var metrics: [Metric] = []
    var random: SeededRandom
    private(set) var builtInputShape: [Int]?

    /// Creates a model from the layers written in the closure.
    ///
    /// - Parameters:
    ///   - seed: Seeds this model's weights, shuffling and dropout; nil draws from the global seed.
    ///   - name: Defaults to `"sequential"`.
    ///   - layers: The layers, first to last.
    public convenience init(seed: UInt64? = nil, name: String = "sequential", @LayerBuilder _ layers: () -> [any Layer]) {
        self.init(layers(), seed: seed, name: name)
    }

    /// Creates a model from an array of layers: `Sequential([Dense(4, inputShape: [2]), Dense(1)])`.
    public init(_ layers: [any Layer], seed: UInt64? = nil, name: String = "sequential") {
        self.name = name
        self.random = seed.map(SeededRandom.init(seed:)) ?? makeGeneratorFromGlobalSeed()
        for layer in layers { add(layer) }
    }

    /// Creates a model from layers listed as arguments: `Sequential(Dense(4, inputShape: [2]), Dense(1))`.
    public convenience init(_ first: any Layer, _ rest: any Layer..., seed: UInt64? = nil) {
        self.init([first] + rest, seed: seed)
    }

    /// Appends a layer, naming it uniquely within this model (`dense`, `dense_1`, ...).
    ///
    /// When the model knows its input shape, the new layer's weights are created at once.
    public func add(_ layer: any Layer) {
        let stem = layer.baseName
        let sameKind = layers.filter { $0.baseName == stem }.count
        layer.name = sameKind == 0 ? stem : "\(stem)_\(sameKind)"
        layers.append(layer)
        // A layer that cannot take the shape says so where the model is used: `summary()` shows
        // why, and `fit`, `predict` and `evaluate` build each layer from their data and throw.
        if let shape = builtInputShape ?? layers.first?.inputShape {
            try? build(inputShape: shape)
        }
    }

    /// The shape of one input row, if known.
    public var inputShape: [Int]? { builtInputShape ?? layers.first?.inputShape }

    /// Whether every layer has its weights.
    public var isBuilt: Bool { builtInputShape != nil && layers.allSatisfy { $0.outputShape != nil } }

    /// Creates every layer's weights for input rows of `inputShape`.
    ///
    /// - Throws: `NeuralError.shapeMismatch` when a layer cannot take the shape it receives.
    public func build(inputShape: [Int]) throws {
        var shape = inputShape
        for layer in layers {
            shape = try layer.build(inputShape: shape, random: &random)
        }
        builtInputShape = inputShape
    }

    /// Every weight tensor in layer order (kernel, bias, ...), like Keras' `model.weights`.
    ///
    ///     let (w, b) = (model.weights[0], model.weights[1])
    public var weights: [Tensor] { layers.flatMap { $0.parameters.map(\.value) } }

    /// Replaces every weight tensor, in the order of `weights`.
    ///
    /// - Throws: `NeuralError.weightsMismatch` if the count or a shape differs.
    public func setWeights(_ newWeights: [Tensor]) throws {
        let parameters = layers.flatMap(\.parameters)
        guard parameters.map(\.value.shape) == newWeights.map(\.shape) else {
            throw NeuralError.weightsMismatch(expected: parameters.map(\.value.shape), actual: newWeights.map(\.shape))
        }
        for (parameter, value) in zip(parameters, newWeights) { parameter.value = value }
    }

    /// The parameters an optimizer updates.
    var trainableParameters: [Parameter] { layers.flatMap(\.parameters).filter(\.isTrainable) }

    /// Chooses the optimizer, loss and metrics for `fit` and `evaluate`.
    ///
    /// Keras: `model.compile(optimizer='adam', loss='mae', metrics=['mae'])`.
    ///
    /// - Parameters:
    ///   - optimizer: E.g. `Adam()`, `SGD(learningRate: 0.01)`. Defaults to `RMSprop()` as in Keras.
    ///   - loss: E.g. `.meanAbsoluteError`.
    ///   - metrics: Extra values to report; defaults to none.
    public func compile(optimizer: any Optimizer = RMSprop(), loss: Loss, metrics: [Metric] = []) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }

    /// Input as a batch of rows: a rank-1 tensor becomes one column.
    func batchMatrix(_ x: Tensor) -> Tensor {
        x.rank == 1 ? x.asMatrix : x
    }

    /// Builds from the data's row shape if needed, and checks that `x` fits the model.
    func prepare(for x: Tensor) throws {
        let rowShape = Array(x.shape.dropFirst())
        if !isBuilt { try build(inputShape: inputShape ?? rowShape) }
        if let first = layers.first, builtInputShape != rowShape {
            throw NeuralError.shapeMismatch(layer: first.name, expected: builtInputShape ?? [], actual: rowShape)
        }
    }

    /// Runs one batch through every layer.
    func forward(_ batch: Tensor, training: Bool) throws -> Tensor {
        var activations = batch
        for layer in layers {
            activations = try layer.forward(activations, training: training, random: &random)
        }
        return activations
    }

    /// Passes dLoss/dOutput back through every layer, leaving gradients on the parameters.
    func backward(_ outputGradient: Tensor) {
        backpropagate(outputGradient, throughFirst: layers.count)
    }

    /// Passes a gradient back through the model's first `count` layers, last first. A first layer
    /// that can (`Dense`, `Conv2D`) computes only its parameters' gradients: the gradient with
    /// respect to the model's input is used by nothing.
    func backpropagate(_ outputGradient: Tensor, throughFirst count: Int) {
        var gradient = outputGradient
        for index in (0..<count).reversed() {
            if index == 0, let first = layers[0] as? any ParameterGradientsOnly {
                first.backwardToParameters(gradient)
            } else {
                gradient = layers[index].backward(gradient)
            }
        }
    }
}

extension Sequential {
    /// Takes every part of `other`, a model just decoded and used nowhere else (`init(contentsOf:)`).
    func takeParts(of other: Sequential) {
        layers = other.layers
        optimizer = other.optimizer
        loss = other.loss
        metrics = other.metrics
        random = other.random
        stopTraining = other.stopTraining
        builtInputShape = other.builtInputShape
    }
}

@available(*, unavailable, message: "a model is mutated by training; use it from one thread")
extension Sequential: Sendable {}

extension Sequential: Codable {
    private enum CodingKeys: String, CodingKey { case name, layers, stopTraining, optimizer, loss, metrics, random, builtInputShape }

    /// Writes the layers with their weights, the compile settings with the optimizer's state, and
    /// the model's random generator, so that training a restored model continues exactly.
    ///
    /// - Throws: `NotSavable` when a layer or the optimizer is of a type that is not `Codable`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        var list = container.nestedUnkeyedContainer(forKey: .layers)
        for layer in layers {
            guard let typeName = QualifiedType.name(of: layer), let savable = layer as? any Layer & Encodable else {
                throw NotSavable(description: "its layer '\(layer.name)' is a \(layer.typeName), which is not Codable")
            }
            var element = list.nestedContainer(keyedBy: SingleKey.self)
            try element.encodeShared(savable, typeName: typeName, forKey: .value, in: encoder)
        }
        try container.encode(stopTraining, forKey: .stopTraining)
        if let optimizer {
            guard let typeName = QualifiedType.name(of: optimizer), let savable = optimizer as? any Optimizer & Encodable else {
                throw NotSavable(description: "its optimizer is a \(type(of: optimizer)), which is not Codable")
            }
            try container.encodeShared(savable, typeName: typeName, forKey: .optimizer, in: encoder)
        }
        try container.encodeIfPresent(loss, forKey: .loss)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(random, forKey: .random)
        try container.encodeIfPresent(builtInputShape, forKey: .builtInputShape)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init([], seed: 0, name: try container.decode(String.self, forKey: .name))
        var list = try container.nestedUnkeyedContainer(forKey: .layers)
        while !list.isAtEnd {
            let object = try list.nestedContainer(keyedBy: SingleKey.self).decodeShared(AnyObject.self, forKey: .value, in: decoder) {
                try QualifiedType.decode($1, as: (any Layer).self, from: $0)
            }
            guard let layer = object as? any Layer else { throw NotSavable(description: "object \(object) is not a layer") }
            layers.append(layer)
        }
        stopTraining = try container.decode(Bool.self, forKey: .stopTraining)
        if container.contains(.optimizer) {
            let object = try container.decodeShared(AnyObject.self, forKey: .optimizer, in: decoder) {
                try QualifiedType.decode($1, as: (any Optimizer).self, from: $0)
            }
            guard let optimizer = object as? any Optimizer else { throw NotSavable(description: "object \(object) is not an optimizer") }
            self.optimizer = optimizer
        }
        loss = try container.decodeIfPresent(Loss.self, forKey: .loss)
        metrics = try container.decode([Metric].self, forKey: .metrics)
        random = try container.decode(SeededRandom.self, forKey: .random)
        builtInputShape = try container.decodeIfPresent([Int].self, forKey: .builtInputShape)
    }
}
