internal import TrainingKernels

/// An elementwise nonlinearity, applied by `Dense(units, activation)` or the `Activation` layer.
///
/// The cases are also reachable as `Activation.relu`, `Activation.elu`, ... (the Keras spelling).
///
/// Each case is callable, so a notebook can plot it:  `Activation.relu(Tensor([-1, 0, 2]))` gives
/// `[0, 0, 2]`, and `Activation.elu(-1 as Float)` one value.
///
/// Keras: the `activation=` strings `linear relu elu selu swish sigmoid tanh softmax`.
public enum ActivationFunction: String, CaseIterable, Sendable, Codable {
    /// `x` (no activation). Keras: `None` / `"linear"`.
    case linear
    /// `max(0, x)`.
    case relu
    /// `x` for `x > 0`, else `exp(x) - 1` (alpha 1).
    case elu
    /// `scale * elu(x, alpha)` with `scale ≈ 1.0507`, `alpha ≈ 1.6733` (self-normalising).
    case selu
    /// `x * sigmoid(x)` (also called SiLU).
    case swish
    /// `1 / (1 + exp(-x))`.
    case sigmoid
    /// `tanh(x)`.
    case tanh
    /// `exp(x_i) / Σ_j exp(x_j)` along each row (the last axis).
    case softmax

    static let seluScale: Float = 1.0507009873554805
    static let seluAlpha: Float = 1.6732632423543772

    /// The activation of one value; softmax of a single value is 1.
    public func callAsFunction(_ x: Float) -> Float {
        switch self {
        case .linear: x
        case .relu: Swift.max(0, x)
        case .elu: x > 0 ? x : ReproducibleMath.expm1(x)
        case .selu: Self.seluScale * (x > 0 ? x : Self.seluAlpha * ReproducibleMath.expm1(x))
        case .swish: x * Self.logistic(x)
        case .sigmoid: Self.logistic(x)
        case .tanh: ReproducibleMath.tanh(x)
        case .softmax: 1
        }
    }

    /// The activation of every scalar (softmax: of every row, or of the whole vector for rank 1).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var y = x
        apply(to: &y)
        return y
    }

    /// Replaces the scalars of `z` with their activations in place.
    func apply(to z: inout Tensor) {
        if self == .linear { return }
        let width = z.rank <= 1 ? z.count : z.columnCount
        z.scalars.withUnsafeMutableBufferPointer { values in
            if self == .softmax {
                Self.softmaxRows(values, width: width)
            } else if self == .relu {
                training_relu(kernelVariantInForce, values.baseAddress, values.count)
            } else {
                for i in values.indices { values[i] = self(values[i]) }
            }
        }
    }

    /// The gradient with respect to the input, from the gradient with respect to the output.
    ///
    /// - Parameters:
    ///   - outputGradient: dLoss/dOutput.
    ///   - input: the pre-activation values `z`.
    ///   - output: the activations `y = self(z)`.
    /// - Returns: dLoss/dInput.
    func inputGradient(_ outputGradient: Tensor, input: Tensor, output: Tensor) -> Tensor {
        switch self {
        case .linear:
            return outputGradient
        case .relu:
            // One pass into a new tensor: no copy of the output gradient first.
            return Tensor(shape: outputGradient.shape) { result in
                outputGradient.scalars.withUnsafeBufferPointer { g in
                    input.scalars.withUnsafeBufferPointer { z in
                        training_relu_gradient(kernelVariantInForce, g.baseAddress, z.baseAddress, result.baseAddress, result.count)
                    }
                }
            }
        default:
            var gradient = outputGradient
            backpropagate(&gradient, input: input, output: output)
            return gradient
        }
    }

    /// `inputGradient` in place, for the activations other than linear and ReLU.
    private func backpropagate(_ gradient: inout Tensor, input: Tensor, output: Tensor) {
        let width = output.rank <= 1 ? output.count : output.columnCount
        input.scalars.withUnsafeBufferPointer { z in
            output.scalars.withUnsafeBufferPointer { y in
                gradient.scalars.withUnsafeMutableBufferPointer { g in
                    switch self {
                    case .linear, .relu: preconditionFailure("inputGradient handles \(self) itself")
                    case .elu: for i in g.indices where z[i] <= 0 { g[i] *= y[i] + 1 }
                    case .selu:
                        for i in g.indices {
                            g[i] *= z[i] > 0 ? Self.seluScale : y[i] + Self.seluScale * Self.seluAlpha
                        }
                    case .swish:
                        for i in g.indices {
                            let s = Self.logistic(z[i])
                            g[i] *= s + z[i] * s * (1 - s)
                        }
                    case .sigmoid: for i in g.indices { g[i] *= y[i] * (1 - y[i]) }
                    case .tanh: for i in g.indices { g[i] *= 1 - y[i] * y[i] }
                    case .softmax:
                        guard width > 0 else { return }
                        for start in stride(from: 0, to: g.count, by: width) {
                            var dot: Float = 0
                            for i in start ..< start + width { dot += g[i] * y[i] }
                            for i in start ..< start + width { g[i] = y[i] * (g[i] - dot) }
                        }
                    }
                }
            }
        }
    }

    static func logistic(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + ReproducibleMath.exp(-x)) : ReproducibleMath.exp(x) / (1 + ReproducibleMath.exp(x))
    }

    private static func softmaxRows(_ values: UnsafeMutableBufferPointer<Float>, width: Int) {
        guard width > 0 else { return }
        for start in stride(from: 0, to: values.count, by: width) {
            let row = start ..< start + width
            let peak = row.map { values[$0] }.max() ?? 0
            var total: Float = 0
            for i in row {
                values[i] = ReproducibleMath.exp(values[i] - peak)
                total += values[i]
            }
            for i in row { values[i] /= total }
        }
    }
}
