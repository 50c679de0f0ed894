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
