internal import Foundation

extension Loss {
    /// Whether Keras computes this loss from the logits behind `activation`: binary cross-entropy
    /// behind a sigmoid, (sparse) categorical cross-entropy behind a softmax.
    func usesLogits(of activation: ActivationFunction) -> Bool {
        switch (self, activation) {
        case (.binaryCrossentropy, .sigmoid), (.categoricalCrossentropy, .softmax), (.sparseCategoricalCrossentropy, .softmax):
            true
        default:
            false
        }
    }

    /// The loss of the probabilities `activation(logits)` against `targets`, computed from the
    /// logits without clipping, and its gradient with respect to the logits (`p − t`, averaged).
    ///
    /// Binary: `max(z, 0) − z·t + log(1 + e^−|z|)` per value. Categorical: per row,
    /// `Σ t·(logsumexp(z) − z)`.
    ///
    /// - Throws: `NeuralError.targetShapeMismatch` when the targets do not fit the logits.
    func fromLogits(_ logits: Tensor, targets: Tensor, computingGradient: Bool) throws -> (value: Float, gradient: Tensor?) {
        let z = logits.asMatrix
        let t = try alignedTargets(targets, predictions: z)
        let rows = z.rowCount, width = z.columnCount
        var gradient = computingGradient ? [Float](repeating: 0, count: z.count) : []
        var total = 0.0
        if self == .binaryCrossentropy {
            for i in 0..<z.count {
                let value = Double(z.scalars[i]), target = Double(t.scalars[i])
                total += max(value, 0) - value * target + ReproducibleMath.log1p(ReproducibleMath.exp(-abs(value)))
                if computingGradient { gradient[i] = Float((1 / (1 + ReproducibleMath.exp(-value)) - target) / Double(z.count)) }
            }
            return (Float(total / Double(max(z.count, 1))), computingGradient ? Tensor(uncheckedShape: z.shape, scalars: gradient) : nil)
        }
        for row in 0..<rows {
            let base = row * width
            let values = (0..<width).map { Double(z.scalars[base + $0]) }
            let largest = values.max() ?? 0
            let exponentials = values.map { ReproducibleMath.exp($0 - largest) }
            let sum = exponentials.reduce(0, +)
            let logSumExp = largest + ReproducibleMath.log(sum)
            var targetSum = 0.0
            for j in 0..<width {
                let target = self == .sparseCategoricalCrossentropy ? (Int(t.scalars[row]) == j ? 1 : 0) : Double(t.scalars[base + j])
                targetSum += target
                total += target * (logSumExp - values[j])
                if computingGradient { gradient[base + j] -= Float(target / Double(rows)) }
            }
            if computingGradient {
                for j in 0..<width { gradient[base + j] += Float(exponentials[j] / sum * targetSum / Double(rows)) }
            }
        }
        return (Float(total / Double(max(rows, 1))), computingGradient ? Tensor(uncheckedShape: z.shape, scalars: gradient) : nil)
    }
}
