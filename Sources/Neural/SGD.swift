/// Stochastic gradient descent, optionally with (Nesterov) momentum.
///
/// Keras: `keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`. With momentum `μ`:
/// `v = μ v - lr g`, then `w += v` (or `w += μ v - lr g` with Nesterov); without: `w -= lr g`.
public final class SGD: Optimizer, Codable {
    public var learningRate: Float
    /// The momentum `μ`, in `0 ..< 1`.
    public let momentum: Float
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    private var slots = OptimizerSlots(buffers: 1)

    /// - Parameters:
    ///   - learningRate: Defaults to 0.01.
    ///   - momentum: Defaults to 0.
    ///   - nesterov: Defaults to false.
    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public func update(_ parameters: [Parameter]) {
        let lr = learningRate, mu = momentum, nesterov = nesterov
        for parameter in parameters where parameter.isTrainable {
            guard mu != 0 else {
                let gradient = parameter.gradient
                parameter.value.scalars.withUnsafeMutableBufferPointer { w in
                    gradient.scalars.withUnsafeBufferPointer { g in
                        for i in w.indices { w[i] -= lr * g[i] }
                    }
                }
                continue
            }
            slots.withBuffers(of: parameter) { w, g, v, _ in
                for i in w.indices {
                    v[i] = mu * v[i] - lr * g[i]
                    w[i] += nesterov ? mu * v[i] - lr * g[i] : v[i]
                }
            }
        }
    }
}
