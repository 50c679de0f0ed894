/// Updates a model's trainable parameters from their gradients, once per batch.
///
/// Keras: `keras.optimizers`. An optimizer keeps per-parameter state (momentum, moving averages)
/// for the parameters it has seen, so use one optimizer per model.
public protocol Optimizer: AnyObject {
    /// The step size.
    var learningRate: Float { get set }
    /// Applies one update step to every trainable parameter, using its `gradient`.
    func update(_ parameters: [Parameter])
}

/// Per-parameter optimizer state: two moment buffers the size of each parameter, zero at first.
final class OptimizerSlots {
    private final class Moments {
        var first: [Float]
        var second: [Float]
        init(count: Int) {
            first = [Float](repeating: 0, count: count)
            second = [Float](repeating: 0, count: count)
        }
    }

    private var moments: [ObjectIdentifier: Moments] = [:]

    /// Runs `body` on the parameter's values, its gradient and its two moment buffers, in place.
    func withBuffers(of parameter: Parameter,
                     _ body: (_ value: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>,
                              _ first: UnsafeMutableBufferPointer<Float>, _ second: UnsafeMutableBufferPointer<Float>) -> Void) {
        let key = ObjectIdentifier(parameter)
        let state = moments[key] ?? Moments(count: parameter.value.count)
        moments[key] = state
        let gradient = parameter.gradient
        parameter.value.scalars.withUnsafeMutableBufferPointer { value in
            gradient.scalars.withUnsafeBufferPointer { g in
                state.first.withUnsafeMutableBufferPointer { first in
                    state.second.withUnsafeMutableBufferPointer { second in body(value, g, first, second) }
                }
            }
        }
    }
}
