import Testing
@testable import Neural

@Suite struct TrainingTests {
    @Test func tinyRegressionReachesNearZeroLoss() throws {
        // y = 2 x1 - 3 x2 + 1
        var random = SeededRandom(seed: 5)
        let rows = 64
        let x = try Tensor(shape: [rows, 2], scalars: (0..<rows * 2).map { _ in random.nextFloat(in: -1, 1) })
        let y = Tensor((0..<rows).map { 2 * x[$0, 0] - 3 * x[$0, 1] + 1 })
        let model = Sequential(seed: 1) { Dense(1, inputShape: [2]) }
        model.compile(optimizer: SGD(learningRate: 0.1), loss: .meanSquaredError)
        let history = try model.fit(x, y, batchSize: 16, epochs: 200, verbose: 0)
        #expect(history.loss.last! < 1e-6)
        let kernel = model.weights[0], bias = model.weights[1]
        #expect(kernel.isClose(to: Tensor([[2], [-3]]), tolerance: 1e-3))
        #expect(bias.isClose(to: Tensor([1]), tolerance: 1e-3))
    }

    @Test func tinyClassificationLearnsXor() throws {
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])
        let y = Tensor([0, 1, 1, 0])
        let model = Sequential(seed: 2) {
            Dense(8, .tanh, inputShape: [2])
            Dense(1, .sigmoid)
        }
        model.compile(optimizer: Adam(learningRate: 0.05), loss: .binaryCrossentropy, metrics: [.accuracy])
        let history = try model.fit(x, y, batchSize: 4, epochs: 300, verbose: 0)
        #expect(history.loss.last! < 0.05)
        #expect(history["accuracy"]?.last == 1)
        #expect(try model.evaluate(x, y)["accuracy"] == 1)
    }

    @Test func softmaxClassifierWithSparseLabels() throws {
        let x = Tensor([[1, 0], [0, 1], [-1, 0], [0, -1]])
        let labels = Tensor([0, 1, 2, 3])
        let model = Sequential(seed: 3) {
            Dense(16, .relu, inputShape: [2])
            Dense(4, .softmax)
        }
        model.compile(optimizer: Adam(learningRate: 0.05), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let history = try model.fit(x, labels, batchSize: 4, epochs: 200, verbose: 0)
        #expect(history.loss.last! < 0.05)
        #expect(try model.predict(x).argmaxRows() == [0, 1, 2, 3])
    }

    @Test func sameSeedGivesBitIdenticalHistories() throws {
        func train() throws -> History {
            var random = SeededRandom(seed: 11)
            let x = try Tensor(shape: [100, 3], scalars: (0..<300).map { _ in random.nextUnitFloat() })
            let y = x.sum(alongAxis: 1)
            let model = Sequential(seed: 42) {
                Dense(16, .relu, inputShape: [3])
                Dropout(0.2)
                BatchNormalization()
                Dense(1)
            }
            model.compile(optimizer: Adam(), loss: .mae, metrics: [.mse])
            return try model.fit(x, y, batchSize: 8, epochs: 5, validationSplit: 0.2, verbose: 0)
        }
        let first = try train(), second = try train()
        #expect(first == second)
        #expect(first.keys == ["loss", "mse", "val_loss", "val_mse"])
        #expect(first.parameters == History.Parameters(epochs: 5, steps: 10, batchSize: 8))
    }

    @Test func epochLossIsTheBatchWeightedMeanAndStepsIncludeThePartialBatch() throws {
        let x = Tensor((0..<10).map(Float.init)), y = Tensor((0..<10).map { Float($0) * 2 })
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(learningRate: 0), loss: .mae)
        let history = try model.fit(x, y, batchSize: 4, epochs: 1, shuffle: false, verbose: 0)
        #expect(history.parameters.steps == 3)
        // With a zero learning rate the weights never change, so the weighted mean equals the full-data loss.
        let full = try model.evaluate(x, y, batchSize: 10).loss
        #expect(abs(history.loss[0] - full) < 1e-6)
    }

    /// Keras trains on the first floor(n · (1 − split)) rows: 23 rows at 0.2 give 18 to train and 5
    /// to validate (`history.params["steps"] == 18` at batch size 1, checked with Keras 3).
    @Test func validationSplitHoldsOutTheRowsKerasHoldsOut() throws {
        let x = Tensor((0..<23).map(Float.init)), y = Tensor((0..<23).map { Float($0) * 2 })
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(learningRate: 0), loss: .mae)
        let history = try model.fit(x, y, batchSize: 1, epochs: 1, validationSplit: 0.2, shuffle: false, verbose: 0)
        #expect(history.parameters.steps == 18)
        // With a zero learning rate nothing changes: val_loss is the loss on the last five rows.
        let lastFive = try model.evaluate(x.rows(18 ..< 23), y.rows(18 ..< 23)).loss
        #expect(abs(history.valLoss[0] - lastFive) < 1e-6)
    }

    @Test func kerasArgumentOrderTrainsTheSame() throws {
        let x = Tensor((0..<12).map(Float.init)), y = Tensor((0..<12).map { Float($0) * 2 })
        func train(_ run: (Sequential) throws -> History) throws -> History {
            let model = Sequential(seed: 3) { Dense(2, .relu, inputShape: [1]); Dense(1) }
            model.compile(optimizer: Adam(), loss: .mse)
            return try run(model)
        }
        let validation = (Tensor([1, 2]), Tensor([2, 4]))
        let swiftOrder = try train { try $0.fit(x, y, batchSize: 4, epochs: 3, validationData: validation, verbose: .silent) }
        let kerasOrder = try train { try $0.fit(x, y, validationData: validation, batchSize: 4, epochs: 3, verbose: .silent) }
        #expect(kerasOrder == swiftOrder && kerasOrder.valLoss.count == 3)
        // With validation data alone, the ordinary overload is chosen (no ambiguity).
        #expect(try train { try $0.fit(x, y, validationData: validation, verbose: .silent) }.epochCount == 1)
    }

    @Test func historyRoundTripsThroughCodable() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(), loss: .mse)
        let history = try model.fit(Tensor([1, 2]), Tensor([2, 4]), epochs: 3, verbose: 0)
        let data = try JSONEncoder().encode(history)
        #expect(try JSONDecoder().decode(History.self, from: data) == history)
    }

    @Test func layerBuilderHandlesIfElseForAndOptional() {
        func make(dropout: Bool, wide: Bool) -> Sequential {
            Sequential(seed: 1) {
                Dense(4, .relu, inputShape: [2])
                if dropout { Dropout(0.5) }
                if wide { Dense(8) } else { Dense(2) }
                for _ in 0..<2 { Dense(3, .relu) }
                Dense(1)
            }
        }
        #expect(make(dropout: true, wide: true).layers.map(\.name)
                == ["dense", "dropout", "dense_1", "dense_2", "dense_3", "dense_4"])
        #expect(make(dropout: false, wide: false).layers.map(\.typeName) == ["Dense", "Dense", "Dense", "Dense", "Dense"])
        #expect((make(dropout: false, wide: false).layers[1] as? Dense)?.units == 2)
        #expect(Sequential([Dense(2, inputShape: [1]), Dense(1)]).layers.count == 2)
        #expect(Sequential(Dense(2, inputShape: [1]), Activation(.relu), Dense(1)).layers.count == 3)
    }

    @Test func weightsAreReadableAndSettable() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        #expect(model.weights.map(\.shape) == [[1, 1], [1]])
        try model.setWeights([Tensor([[2]]), Tensor([0.5])])
        #expect(try model.predict(Tensor([1, 2])) == Tensor([[2.5], [4.5]]))
        let dense = model.layers[0] as! Dense
        dense.kernel = Tensor([[3]])
        #expect(try model.predict(Tensor([1])) == Tensor([[3.5]]))
    }

    @Test func shapesAreInferredFromTheFirstBatch() throws {
        let model = Sequential(seed: 1) { Dense(3, .relu); Dense(1) }
        #expect(!model.isBuilt)
        #expect(try model.predict(Tensor([[1, 2, 3, 4]])).shape == [1, 1])
        #expect(model.weights[0].shape == [4, 3])
    }

    @Test func dropoutIsActiveOnlyWhileTraining() throws {
        let layer = Dropout(0.5)
        var random = SeededRandom(seed: 1)
        _ = try layer.build(inputShape: [1000], random: &random)
        let ones = Tensor(repeating: 1, shape: [1, 1000])
        #expect(try layer.forward(ones, training: false, random: &random) == ones)
        let dropped = try layer.forward(ones, training: true, random: &random)
        let zeros = dropped.scalars.filter { $0 == 0 }.count
        #expect((400...600).contains(zeros))
        #expect(dropped.scalars.allSatisfy { $0 == 0 || $0 == 2 })
    }

    @Test func batchNormalizationUsesMovingStatisticsAtInference() throws {
        let layer = BatchNormalization(momentum: 0.5)
        var random = SeededRandom(seed: 1)
        _ = try layer.build(inputShape: [1], random: &random)
        let batch = Tensor([[1], [3]])   // mean 2, biased variance 1
        let normalized = try layer.forward(batch, training: true, random: &random)
        #expect(normalized.isClose(to: Tensor([[-1 / 1.0005], [1 / 1.0005]]), tolerance: 1e-3))
        #expect(layer.movingMean == Tensor([1]))          // 0.5 * 0 + 0.5 * 2
        #expect(layer.movingVariance == Tensor([1]))      // 0.5 * 1 + 0.5 * 1
        let inference = try layer.forward(Tensor([[1]]), training: false, random: &random)
        #expect(inference.isClose(to: Tensor([[0]]), tolerance: 1e-6))
    }

    @Test func activationsAreCallableForPlots() {
        #expect(Activation.relu(Tensor([-1, 0, 2])) == Tensor([0, 0, 2]))
        #expect(Activation(.relu)(Tensor([-3, 3])) == Tensor([0, 3]))
        #expect(abs(Activation.sigmoid(0 as Float) - 0.5) < 1e-7)
        #expect(abs(Activation.elu(-1 as Float) - (-0.63212055)) < 1e-6)
        #expect(Activation.softmax(Tensor([1, 1])).isClose(to: Tensor([0.5, 0.5])))
        #expect(abs(Activation.selu(1 as Float) - 1.0507009) < 1e-6)
        #expect(abs(Activation.swish(1 as Float) - 0.7310586) < 1e-6)
    }
}

import Foundation
