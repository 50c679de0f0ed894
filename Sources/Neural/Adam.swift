internal import TrainingKernels
internal import Foundation

/// Adam: per-weight step sizes from moving averages of the gradient and its square.
///
/// Keras: `keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)`, in
/// Keras' form: `m += (g - m)(1 - β1)`, `v += (g² - v)(1 - β2)`,
/// `w -= lr √(1 - β2ᵗ) / (1 - β1ᵗ) · m / (√v + ε)`.
public final class Adam: Optimizer, Codable {
    public var learningRate: Float
    /// Decay of the gradient average.
    public let beta1: Float
    /// Decay of the squared-gradient average.
    public let beta2: Float
    /// Added to `√v` to avoid dividing by zero.
    public let epsilon: Float
    /// Update steps taken so far.
    public private(set) var iterations = 0
    private var slots = OptimizerSlots(buffers: 2)

    /// - Parameters:
    ///   - learningRate: Defaults to 0.001.
    ///   - beta1: Defaults to 0.9.
    ///   - beta2: Defaults to 0.999.
    ///   - epsilon: Defaults to 1e-7.
    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Keras' bias-corrected step size at step `t` (from 1): `rate · sqrt(1 - β2^t) / (1 - β1^t)`,
    /// in double with powers of our own (the same bits on every CPU).
    func stepSize(iteration t: Int) -> Float {
        Float(Double(learningRate) * (1 - reproducible_pow_int(Double(beta2), t)).squareRoot()
              / (1 - reproducible_pow_int(Double(beta1), t)))
    }

    public func update(_ parameters: [Parameter]) {
        iterations += 1
        let alpha = stepSize(iteration: iterations)
        let oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2, epsilon = epsilon, variant = kernelVariantInForce
        for parameter in parameters where parameter.isTrainable {
            slots.withBuffers(of: parameter) { w, g, m, v in
                training_adam_step(variant, w.baseAddress, g.baseAddress, m.baseAddress, v.baseAddress, w.count,
                                   alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
            }
        }
    }
}
