import Testing
import TestSupport
@testable import Neural

/// Analytic gradients of every layer, activation and loss against central finite differences.
@Suite struct GradientTests {
    static let input = Tensor([[0.3, -0.7, 1.2], [-1.1, 0.4, 0.9], [0.6, 0.25, -0.45], [1.3, -0.2, 0.05]])
    static let tolerance: Float = 2e-2

    func built<L: Layer>(_ layer: L, features: Int = 3) throws -> L {
        var random = SeededRandom(seed: 3)
        _ = try layer.build(inputShape: [features], random: &random)
        return layer
    }

    @Test(arguments: ActivationFunction.allCases)
    func denseWithEachActivation(_ activation: ActivationFunction) throws {
        let layer = try built(Dense(4, activation))
        #expect(try GradientCheck.inputGradientError(of: layer, input: Self.input) < Self.tolerance)
        #expect(try GradientCheck.parameterGradientError(of: layer, input: Self.input) < Self.tolerance)
    }

    @Test(arguments: ActivationFunction.allCases)
    func activationLayer(_ activation: ActivationFunction) throws {
        let layer = try built(Activation(activation))
        #expect(try GradientCheck.inputGradientError(of: layer, input: Self.input) < Self.tolerance)
    }

    @Test func dropoutInTrainingUsesItsMask() throws {
        let layer = try built(Dropout(0.5))
        #expect(try GradientCheck.inputGradientError(of: layer, input: Self.input) < Self.tolerance)
    }

    @Test func batchNormalizationWithBatchStatistics() throws {
        let layer = try built(BatchNormalization())
        layer.gamma = Tensor([1.5, 0.5, -1])
        layer.beta = Tensor([0.1, -0.2, 0.3])
        #expect(try GradientCheck.inputGradientError(of: layer, input: Self.input, step: 1e-2) < 5e-2)
        #expect(try GradientCheck.parameterGradientError(of: layer, input: Self.input) < Self.tolerance)
    }

    @Test func batchNormalizationWithMovingStatistics() throws {
        let layer = try built(BatchNormalization())
        #expect(try GradientCheck.inputGradientError(of: layer, input: Self.input, training: false) < Self.tolerance)
    }

    struct LossCase: Sendable, CustomTestStringConvertible {
        let loss: Loss
        let predictions: Tensor
        let targets: Tensor
        var testDescription: String { loss.name }

        static let all: [LossCase] = [
            .init(loss: .meanAbsoluteError, predictions: Tensor([[0.2, 0.9], [0.4, -0.3]]), targets: Tensor([[0.5, 0.1], [0.0, 0.2]])),
            .init(loss: .meanSquaredError, predictions: Tensor([[0.2, 0.9], [0.4, -0.3]]), targets: Tensor([[0.5, 0.1], [0.0, 0.2]])),
            .init(loss: .huber(delta: 0.5), predictions: Tensor([[0.2, 0.9], [0.4, -0.3]]), targets: Tensor([[0.5, 0.1], [0.0, 0.2]])),
            .init(loss: .binaryCrossentropy, predictions: Tensor([[0.2], [0.7], [0.9]]), targets: Tensor([0, 1, 0])),
            .init(loss: .categoricalCrossentropy, predictions: Tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]),
                  targets: Tensor([[0, 1, 0], [1, 0, 0]])),
            .init(loss: .sparseCategoricalCrossentropy, predictions: Tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]),
                  targets: Tensor([1, 2])),
        ]
    }

    @Test(arguments: LossCase.all)
    func lossGradient(_ c: LossCase) throws {
        #expect(try GradientCheck.lossGradientError(c.loss, predictions: c.predictions, targets: c.targets) < 1e-2)
    }

    @Test func lossValuesMatchHandComputedOnes() throws {
        let p = Tensor([[0.2, 0.9], [0.4, -0.3]]), t = Tensor([[0.5, 0.1], [0.0, 0.2]])
        // errors: -0.3, 0.8, 0.4, -0.5
        #expect(abs(try Loss.mae.value(predictions: p, targets: t) - 0.5) < 1e-6)
        #expect(abs(try Loss.mse.value(predictions: p, targets: t) - (0.09 + 0.64 + 0.16 + 0.25) / 4) < 1e-6)
        // huber(1): all |e| <= 1 -> 0.5 e^2 averaged
        #expect(abs(try Loss.huber().value(predictions: p, targets: t) - 0.5 * 1.14 / 4) < 1e-6)
        let bce = try Loss.binaryCrossentropy.value(predictions: Tensor([[0.8]]), targets: Tensor([1]))
        #expect(abs(bce - 0.22314355) < 1e-5)
    }

    @Test func targetsOfShapeNMatchPredictionsOfShapeNByOne() throws {
        let value = try Loss.mae.value(predictions: Tensor([[1], [2]]), targets: Tensor([1, 4]))
        #expect(value == 1)
        #expect(throws: NeuralError.targetShapeMismatch(loss: "mean_absolute_error", predictions: [2, 1], targets: [3])) {
            try Loss.mae.value(predictions: Tensor([[1], [2]]), targets: Tensor([1, 2, 3]))
        }
    }
}
