/// RMSprop: divides each gradient by the root of a moving average of its square.
///
/// Keras: `keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7)`:
/// `s = ρ s + (1 - ρ) g²`, `step = lr g / √(s + ε)`; with momentum `μ`: `m = μ m + step`, `w -= m`;
/// without: `w -= step`.
public final class RMSprop: Optimizer, Codable {
    public var learningRate: Float
    /// Decay of the squared-gradient average.
    public let rho: Float
    /// Momentum `μ` (0 for none).
    public let momentum: Float
    /// Added inside the square root.
    public let epsilon: Float
    private var slots = OptimizerSlots(buffers: 2)

    /// - Parameters:
    ///   - learningRate: Defaults to 0.001.
    ///   - rho: Defaults to 0.9.
    ///   - momentum: Defaults to 0.
    ///   - epsilon: Defaults to 1e-7.
    public init(learningRate: Float = 0.001, rho: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public func update(_ parameters: [Parameter]) {
        let lr = learningRate, rho = rho, mu = momentum, epsilon = epsilon
        for parameter in parameters where parameter.isTrainable {
            slots.withBuffers(of: parameter) { w, g, s, m in
                for i in w.indices {
                    s[i] = rho * s[i] + (1 - rho) * g[i] * g[i]
                    let step = lr * g[i] / (s[i] + epsilon).squareRoot()
                    if mu != 0 {
                        m[i] = mu * m[i] + step
                        w[i] -= m[i]
                    } else {
                        w[i] -= step
                    }
                }
            }
        }
    }
}
