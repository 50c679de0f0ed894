import Testing
@testable import Neural

/// Counts as scikit-learn's `confusion_matrix(y_true, y_pred)` gives them (rows true, columns predicted).
@Suite struct ConfusionMatrixTests {
    @Test func binaryProbabilitiesAreClassOneAboveOneHalf() throws {
        // sklearn: confusion_matrix([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]) == [[1, 1], [1, 2]]
        let matrix = try ConfusionMatrix(predictions: Tensor([[0.2], [0.9], [0.4], [0.7], [0.51]]), targets: Tensor([0, 1, 1, 0, 1]),
                                         labels: ["benign", "malignant"])
        #expect(matrix.counts == [[1, 1], [1, 2]])
        #expect(matrix.total == 5 && matrix.accuracy == 0.6)
        #expect(matrix.recall(ofClass: 1) == 2.0 / 3 && matrix.precision(ofClass: 1) == 2.0 / 3)
        #expect(matrix.description == """
        true \\ predicted  benign  malignant
        benign                 1          1
        malignant              1          2
        """)
    }

    @Test func classesAreTheLargestColumnAgainstIndicesOrOneHotRows() throws {
        let probabilities = Tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.3, 0.3, 0.4], [0.2, 0.2, 0.6]])
        // sklearn: confusion_matrix([1, 2, 2, 0], [1, 0, 2, 2]) == [[0, 0, 1], [0, 1, 0], [1, 0, 1]]
        let expected = [[0, 0, 1], [0, 1, 0], [1, 0, 1]]
        #expect(try ConfusionMatrix(predictions: probabilities, targets: Tensor([1, 2, 2, 0])).counts == expected)
        #expect(try ConfusionMatrix(predictions: probabilities, targets: Tensor([[0, 1, 0], [0, 0, 1], [0, 0, 1], [1, 0, 0]])).counts == expected)
        #expect(try ConfusionMatrix(predictions: probabilities, targets: Tensor([1, 2, 2, 0])).labels == ["0", "1", "2"])
    }

    @Test func targetsThatDoNotFitAreNamed() {
        let probabilities = Tensor([[0.1, 0.9], [0.8, 0.2]])
        #expect(throws: NeuralError.targetShapeMismatch(loss: "confusion matrix", predictions: [2, 2], targets: [3])) {
            try ConfusionMatrix(predictions: probabilities, targets: Tensor([0, 1, 1]))
        }
        #expect(throws: NeuralError.invalidArgument(name: "a target class", value: "2", expected: "in 0..<2")) {
            try ConfusionMatrix(predictions: probabilities, targets: Tensor([0, 2]))
        }
        #expect(throws: NeuralError.invalidArgument(name: "ConfusionMatrix labels", value: "3 names",
                                                    expected: "one name for each of the 2 classes")) {
            try ConfusionMatrix(predictions: probabilities, targets: Tensor([0, 1]), labels: ["a", "b", "c"])
        }
    }
}
