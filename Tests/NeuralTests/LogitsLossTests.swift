import Foundation
import Neural
import Testing

/// Cross-entropy behind a sigmoid or softmax output, computed from the logits as Keras does.
/// Reference values are worked out by hand (shown beside each) and agree with Keras 3 on
/// TensorFlow, which the issue that asked for this measured.
@Suite struct LogitsLossTests {
    @Test func aConfidentlyWrongSoftmaxLearnsInsteadOfTurningIntoNaN() throws {
        let model = Sequential { Dense(3, .softmax, inputShape: [1]) }
        try model.setWeights([Tensor([[100, 0, -100]]), Tensor([0, 0, 0])])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: .categoricalCrossentropy)
        let history = try model.fit(Tensor([[2]]), Tensor([[0, 0, 1]]), epochs: 1, shuffle: false, verbose: .silent)
        // Logits z = [200, 0, -200]: loss = logsumexp(z) − z₂ = 200 − (−200) = 400.
        #expect(abs(history.loss[0] - 400) < 1e-3)
        // dLoss/dz = softmax(z) − t ≈ [1, 0, −1]; dLoss/dkernel = x · that = [2, 0, −2]; 100 − 0.1 · 2 = 99.8.
        let kernel = (model.layers[0] as! Dense).kernel.scalars
        #expect(zip(kernel, [99.8, 0, -99.8] as [Float]).allSatisfy { abs($0 - $1) < 1e-4 }, "\(kernel)")
    }

    @Test func aConfidentlyWrongSigmoidStillGetsItsGradient() throws {
        let model = Sequential { Dense(1, .sigmoid, inputShape: [1]) }
        try model.setWeights([Tensor([[30]]), Tensor([0])])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: .binaryCrossentropy)
        let history = try model.fit(Tensor([[1]]), Tensor([[0]]), epochs: 1, shuffle: false, verbose: .silent)
        // z = 30, t = 0: max(z, 0) − z·t + log(1 + e^−30) = 30 (to 1e-13).
        #expect(abs(history.loss[0] - 30) < 1e-4)
        // dLoss/dz = sigmoid(30) − 0 ≈ 1, so the weight moves by 0.1 · 1 · x = 0.1.
        #expect(abs((model.layers[0] as! Dense).kernel.scalars[0] - 29.9) < 1e-5)
        // Evaluation reports the loss from the logits too: the bias also moved by 0.1, so z = 29.8.
        #expect(abs(try model.evaluate(Tensor([[1]]), Tensor([[0]])).loss - 29.8) < 1e-4)
    }

    @Test func inTheOrdinaryRangeTheLogitsGiveTheProbabilitiesLoss() throws {
        // Where no probability is near 0 or 1, the two computations agree.
        let model = Sequential { Dense(3, .softmax, inputShape: [2]) }
        try model.setWeights([Tensor([[0.2, -0.1, 0.4], [0.3, 0.5, -0.2]]), Tensor([0.1, 0, -0.1])])
        model.compile(optimizer: SGD(learningRate: 0), loss: .categoricalCrossentropy)
        let x = Tensor([[1, 2], [-0.5, 0.3]]), y = Tensor([[0, 1, 0], [1, 0, 0]])
        let fromLogits = try model.evaluate(x, y).loss
        let fromProbabilities = try Loss.categoricalCrossentropy.value(predictions: try model.predict(x), targets: y)
        #expect(abs(fromLogits - Double(fromProbabilities)) < 1e-5)
        // An Activation layer at the end is a logits output too.
        let separate = Sequential { Dense(3, inputShape: [2]); Activation(.softmax) }
        try separate.setWeights(model.weights)
        separate.compile(optimizer: SGD(learningRate: 0), loss: .categoricalCrossentropy)
        #expect(abs(try separate.evaluate(x, y).loss - fromLogits) < 1e-6)
    }

    @Test func aStepThatBreaksTheWeightsStopsTraining() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(learningRate: 1e38), loss: .meanSquaredError)
        #expect(throws: NeuralError.weightsNotFinite(parameter: "kernel", epoch: 1, batch: 1)) {
            try model.fit(Tensor([[10]]), Tensor([[-10]]), epochs: 3, verbose: .silent)
        }
    }
}
