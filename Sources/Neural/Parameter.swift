/// A trainable (or tracked) tensor of a layer, with the gradient of the last backward pass.
///
/// Optimizers update `value` from `gradient`. Non-trainable parameters (batch normalisation's
/// moving statistics) are counted by `summary()` but never touched by an optimizer.
public final class Parameter {
    /// The parameter's role in its layer: `kernel`, `bias`, `gamma`, `moving_mean`, ...
    public let name: String
    /// The current value.
    public var value: Tensor
    /// dLoss/dValue from the most recent backward pass (zeros before the first).
    public var gradient: Tensor
    /// Whether an optimizer updates this parameter.
    public let isTrainable: Bool

    init(_ name: String, _ value: Tensor, isTrainable: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
        self.isTrainable = isTrainable
    }
}

extension Parameter: Codable {
    private enum CodingKeys: String, CodingKey { case name, value, gradient, isTrainable }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        try container.encode(gradient, forKey: .gradient)
        try container.encode(isTrainable, forKey: .isTrainable)
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(String.self, forKey: .name), try container.decode(Tensor.self, forKey: .value),
                  isTrainable: try container.decode(Bool.self, forKey: .isTrainable))
        gradient = try container.decode(Tensor.self, forKey: .gradient)
    }
}
