import Testing
@testable import Neural

/// Every user mistake `fit`, `predict` and `evaluate` can meet throws a descriptive error.
@Suite struct ErrorTests {
    func compiledModel() -> Sequential {
        let model = Sequential(seed: 1) {
            Dense(4, .relu, inputShape: [3])
            Dense(1)
        }
        model.compile(optimizer: Adam(), loss: .mae)
        return model
    }

    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    let y = Tensor([1, 2])

    @Test func shapeMismatchNamesTheLayerAndBothShapes() {
        let error = #expect(throws: NeuralError.self) { try compiledModel().predict(Tensor([[1, 2]])) }
        #expect(error == .shapeMismatch(layer: "dense", expected: [3], actual: [2]))
        #expect(error?.description == "Layer 'dense' expects input of shape (None, 3), got (None, 2).")
    }

    @Test func fitBeforeCompile() {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [3]) }
        #expect(throws: NeuralError.notCompiled) { try model.fit(x, y) }
        #expect(throws: NeuralError.notCompiled) { try model.evaluate(x, y) }
    }

    @Test func emptyData() {
        #expect(throws: NeuralError.emptyData("fit")) { try compiledModel().fit(Tensor(zeros: [0, 3]), Tensor(zeros: [0])) }
        #expect(throws: NeuralError.emptyData("predict")) { try compiledModel().predict(Tensor(zeros: [0, 3])) }
    }

    @Test func rowCountsDiffer() {
        #expect(throws: NeuralError.rowCountMismatch(x: 2, y: 3)) { try compiledModel().fit(x, Tensor([1, 2, 3])) }
        #expect(throws: NeuralError.rowCountMismatch(x: 2, y: 1)) {
            try compiledModel().fit(x, y, validationData: (x, Tensor([1])))
        }
    }

    @Test(arguments: [0, -5])
    func batchSizeMustBePositive(_ size: Int) {
        #expect(throws: NeuralError.invalidBatchSize(size)) { try compiledModel().fit(x, y, batchSize: size) }
        #expect(throws: NeuralError.invalidBatchSize(size)) { try compiledModel().predict(x, batchSize: size) }
    }

    @Test func nanLossStopsTrainingWithTheEpochAndBatch() {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(), loss: .mse)
        // A NaN in the data makes the very first loss NaN (a step that breaks the weights is
        // caught earlier still: LogitsLossTests).
        let error = #expect(throws: NeuralError.self) {
            try model.fit(Tensor([1, .nan, 3, 4]), Tensor([1, 2, 3, 4]), batchSize: 1, epochs: 5, shuffle: false, verbose: 0)
        }
        guard case let .lossIsNaN(epoch, batch) = error else { Issue.record("expected lossIsNaN, got \(String(describing: error))"); return }
        #expect(epoch == 1 && batch == 2)
        #expect(error!.description.contains("lower the learning rate") || error!.description.contains("Lower the learning rate"))
    }

    @Test func invalidLayerArgumentsAreReportedAtBuild() {
        #expect(throws: NeuralError.invalidArgument(name: "Dense units", value: "0", expected: "a positive number")) {
            try Sequential(seed: 1) { Dense(0) }.build(inputShape: [2])
        }
        #expect(throws: NeuralError.invalidArgument(name: "Dropout rate", value: "1.0", expected: "in 0 ..< 1")) {
            try Sequential(seed: 1) { Dropout(1) }.build(inputShape: [2])
        }
    }

    @Test func mismatchedTargetsNameTheLoss() {
        #expect(throws: NeuralError.targetShapeMismatch(loss: "mean_absolute_error", predictions: [2, 1], targets: [2, 2])) {
            try compiledModel().fit(x, Tensor([[1, 2], [3, 4]]), verbose: 0)
        }
    }

    @Test func setWeightsChecksShapes() {
        #expect(throws: NeuralError.weightsMismatch(expected: [[3, 4], [4], [4, 1], [1]], actual: [[1, 1]])) {
            try compiledModel().setWeights([Tensor([[1]])])
        }
    }

    @Test func aKernelOfTheWrongShapeIsCaughtAtTheNextForwardPass() {
        let model = compiledModel()
        (model.layers[0] as! Dense).kernel = Tensor([[1]])
        #expect(throws: NeuralError.self) { try model.predict(x) }
    }

    @Test func validationSplitMustLeaveRowsOnBothSides() {
        #expect(throws: NeuralError.self) { try compiledModel().fit(x, y, validationSplit: 1.5) }
        // Two rows: floor(2 · 0.4) = 0 rows would be left to train on.
        #expect(throws: NeuralError.self) { try compiledModel().fit(x, y, validationSplit: 0.6) }
    }
}
