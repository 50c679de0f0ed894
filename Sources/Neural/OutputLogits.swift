/// A layer whose output is an activation of values it keeps, its *logits*. Cross-entropy behind a
/// sigmoid or softmax output is computed from the logits, as Keras does: exact where the
/// probabilities round to 0 or 1, with the gradient `p − t`.
protocol LogitsProducing: Layer {
    /// The activation between the logits and the output.
    var outputActivation: ActivationFunction { get }
    /// The logits of the most recent forward pass (kept when the activation is a sigmoid or
    /// softmax, in training and inference).
    var lastLogits: Tensor { get }
    /// Passes dLoss/dLogits back (the activation's own derivative is left out), leaving gradients
    /// on the parameters; returns dLoss/dInput.
    func backward(logitsGradient: Tensor) -> Tensor
}

extension ActivationFunction {
    /// Whether a layer keeps the logits behind this activation (a loss may be computed from them).
    var keepsLogits: Bool { self == .sigmoid || self == .softmax }
}

extension Sequential {
    /// The output layer when the compiled loss is computed from its logits.
    var logitsOutput: (any LogitsProducing)? {
        guard let loss, let last = layers.last as? any LogitsProducing, loss.usesLogits(of: last.outputActivation) else {
            return nil
        }
        return last
    }

    /// The loss of the last forward pass's `predictions` (from the logits where that applies).
    func lossValue(predictions: Tensor, targets: Tensor) throws -> Float {
        guard let loss else { throw NeuralError.notCompiled }
        if let output = logitsOutput {
            return try loss.fromLogits(output.lastLogits, targets: targets, computingGradient: false).value
        }
        return try loss.value(predictions: predictions, targets: targets)
    }

    /// The loss of the last training forward pass, and its gradient passed back through every
    /// layer (from the logits where that applies).
    func backpropagateLoss(predictions: Tensor, targets: Tensor) throws -> Float {
        guard let loss else { throw NeuralError.notCompiled }
        if let output = logitsOutput {
            let (value, gradient) = try loss.fromLogits(output.lastLogits, targets: targets, computingGradient: true)
            backpropagate(output.backward(logitsGradient: gradient!), throughFirst: layers.count - 1)
            return value
        }
        let (value, gradient) = try loss.valueAndGradient(predictions: predictions, targets: targets)
        backward(gradient)
        return value
    }
}
