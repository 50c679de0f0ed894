import Neural

extension Sequential {
    /// A chart of the model's output over inputs from `start` to `end`, for models with one input
    /// and one output. A single-neuron model is titled with its weight and bias, as in the Keras
    /// tutorial: `Weight: 0.53  Bias: -0.12`.
    ///
    ///     let model = Sequential { Dense(1, inputShape: [1]) }
    ///     try model.plotPredictions(from: -1, to: 1)
    ///
    /// - Throws: `NeuralError.shapeMismatch` when the model does not map one input to one output.
    public func plotPredictions(from start: Double = -1, to end: Double = 1, points: Int = 100) throws -> Chart {
        let xs = linspace(start, end, count: points)
        let predictions = try predict(Tensor(xs.map(Float.init)))
        guard predictions.columnCount == 1 else {
            throw NeuralError.shapeMismatch(layer: layers.last?.name ?? name, expected: [1], actual: [predictions.columnCount])
        }
        return Chart(title: neuronTitle ?? "Predictions", xLabel: "Input: x", yLabel: "Target: y")
            .line(x: xs, y: predictions.scalars.map(Double.init))
    }

    /// `Weight: 0.53  Bias: -0.12` for a model that is one `Dense(1)` on one input.
    private var neuronTitle: String? {
        guard layers.count == 1, let dense = layers[0] as? Dense, dense.kernel.shape == [1, 1] else { return nil }
        let bias = dense.useBias ? dense.bias.scalars[0] : 0
        return "Weight: \(Ticks.fixed(Double(dense.kernel.scalars[0])))  Bias: \(Ticks.fixed(Double(bias)))"
    }
}
