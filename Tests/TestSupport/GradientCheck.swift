import Neural

/// Finite-difference checks of analytic gradients, for layers, activations and losses.
public enum GradientCheck {
    /// The largest relative error between the analytic input gradient of `layer` and central differences.
    ///
    /// The scalar checked is `Σ output · projection` for a fixed random projection, so every output
    /// contributes. `random` is replayed for each forward pass, so dropout masks are identical.
    public static func inputGradientError(of layer: any Layer, input: Tensor, training: Bool = true,
                                          step: Float = 1e-2, seed: UInt64 = 7) throws -> Float {
        let random = SeededRandom(seed: seed)
        let (projection, analytic) = try analyticGradients(of: layer, input: input, training: training, random: random)
        var worst: Float = 0
        for i in 0..<input.count {
            var plus = input, minus = input
            plus.scalars[i] += step
            minus.scalars[i] -= step
            let numeric = (try projected(layer, plus, projection, training, random)
                - projected(layer, minus, projection, training, random)) / (2 * step)
            worst = max(worst, relativeError(analytic.scalars[i], numeric))
        }
        return worst
    }

    /// The largest relative error between each parameter's analytic gradient and central differences.
    public static func parameterGradientError(of layer: any Layer, input: Tensor, training: Bool = true,
                                              step: Float = 1e-2, seed: UInt64 = 7) throws -> Float {
        let random = SeededRandom(seed: seed)
        let (projection, _) = try analyticGradients(of: layer, input: input, training: training, random: random)
        let gradients = layer.parameters.map(\.gradient)
        var worst: Float = 0
        for (parameter, analytic) in zip(layer.parameters, gradients) where parameter.isTrainable {
            for i in 0..<parameter.value.count {
                let original = parameter.value.scalars[i]
                parameter.value.scalars[i] = original + step
                let plus = try projected(layer, input, projection, training, random)
                parameter.value.scalars[i] = original - step
                let minus = try projected(layer, input, projection, training, random)
                parameter.value.scalars[i] = original
                worst = max(worst, relativeError(analytic.scalars[i], (plus - minus) / (2 * step)))
            }
        }
        return worst
    }

    /// The largest relative error between a loss's analytic gradient and central differences.
    public static func lossGradientError(_ loss: Loss, predictions: Tensor, targets: Tensor,
                                         step: Float = 1e-3) throws -> Float {
        let analytic = try loss.valueAndGradient(predictions: predictions, targets: targets).gradient
        var worst: Float = 0
        for i in 0..<predictions.count {
            var plus = predictions, minus = predictions
            plus.scalars[i] += step
            minus.scalars[i] -= step
            let numeric = (try loss.value(predictions: plus, targets: targets)
                - loss.value(predictions: minus, targets: targets)) / (2 * step)
            worst = max(worst, relativeError(analytic.scalars[i], numeric))
        }
        return worst
    }

    private static func analyticGradients(of layer: any Layer, input: Tensor, training: Bool,
                                          random: SeededRandom) throws -> (Tensor, Tensor) {
        var generator = random
        let output = try layer.forward(input, training: training, random: &generator)
        var projectionRandom = SeededRandom(seed: 99)
        let projection = output.map { _ in projectionRandom.nextFloat(in: -1, 1) }
        return (projection, layer.backward(projection))
    }

    private static func projected(_ layer: any Layer, _ input: Tensor, _ projection: Tensor,
                                  _ training: Bool, _ random: SeededRandom) throws -> Float {
        var generator = random
        let output = try layer.forward(input, training: training, random: &generator)
        return Float(zip(output.scalars, projection.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
    }

    /// `|a - b| / max(1, |a|, |b|)`: absolute near zero, relative for large values.
    public static func relativeError(_ a: Float, _ b: Float) -> Float {
        abs(a - b) / max(1, abs(a), abs(b))
    }
}
