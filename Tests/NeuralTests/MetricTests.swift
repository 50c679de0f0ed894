import Testing
@testable import Neural

/// The classification metrics under Keras' names, with the values Keras 3.15.1's metric objects
/// give for the same predictions and targets.
@Suite struct MetricTests {
    static let probabilities = Tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.3, 0.3, 0.4], [0.2, 0.2, 0.6]])

    @Test func binaryAccuracyCountsEveryValueOnTheRightSideOfOneHalf() throws {
        // keras.metrics.BinaryAccuracy: 0.6666667.
        let value = try Metric.binaryAccuracy.value(predictions: Tensor([[0.9, 0.2], [0.4, 0.6], [0.51, 0.5]]),
                                                    targets: Tensor([[1, 0], [1, 1], [0, 0]]))
        #expect(value == Float(4) / 6)
        #expect(Metric.binaryAccuracy.name == "binary_accuracy")
    }

    @Test func categoricalAccuraciesCompareTheLargestColumnWithTheTarget() throws {
        // keras.metrics.CategoricalAccuracy and SparseCategoricalAccuracy: 0.5 each.
        #expect(try Metric.categoricalAccuracy.value(predictions: Self.probabilities,
                                                     targets: Tensor([[0, 1, 0], [0, 0, 1], [0, 0, 1], [1, 0, 0]])) == 0.5)
        #expect(try Metric.sparseCategoricalAccuracy.value(predictions: Self.probabilities, targets: Tensor([1, 2, 2, 0])) == 0.5)
        #expect([Metric.categoricalAccuracy, .sparseCategoricalAccuracy].map(\.name) == ["categorical_accuracy", "sparse_categorical_accuracy"])
    }

    @Test func targetsOfTheWrongShapeAreNamed() {
        #expect(throws: NeuralError.targetShapeMismatch(loss: "sparse_categorical_accuracy", predictions: [4, 3], targets: [4, 3])) {
            try Metric.sparseCategoricalAccuracy.value(predictions: Self.probabilities, targets: Self.probabilities)
        }
        #expect(throws: NeuralError.targetShapeMismatch(loss: "categorical_accuracy", predictions: [4, 3], targets: [4])) {
            try Metric.categoricalAccuracy.value(predictions: Self.probabilities, targets: Tensor([1, 2, 2, 0]))
        }
        #expect(throws: NeuralError.targetShapeMismatch(loss: "binary_accuracy", predictions: [3, 1], targets: [2])) {
            try Metric.binaryAccuracy.value(predictions: Tensor([[0.2], [0.9], [0.4]]), targets: Tensor([1, 0]))
        }
    }

    @Test func fitReportsThemUnderKerasHistoryKeys() throws {
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = Tensor([[0], [1], [1], [1]])
        let model = Sequential(seed: 2) { Dense(4, .tanh, inputShape: [2]); Dense(1, .sigmoid) }
        model.compile(optimizer: Adam(learningRate: 0.1), loss: .binaryCrossentropy, metrics: [.binaryAccuracy])
        let history = try model.fit(x, y, validationData: (x, y), batchSize: 4, epochs: 30, verbose: .silent)
        #expect(history["binary_accuracy"]?.count == 30 && history["val_binary_accuracy"]?.last == 1)
    }
}
