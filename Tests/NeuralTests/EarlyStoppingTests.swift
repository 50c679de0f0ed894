import Testing
@testable import Neural

@Suite struct EarlyStoppingTests {
    func model() -> Sequential {
        Sequential(seed: 1) { Dense(1, inputShape: [1]) }
    }

    /// Feeds a sequence of `val_loss` values, setting the kernel to the epoch number each time.
    func run(_ stop: EarlyStopping, losses: [Double], on model: Sequential) -> Int {
        stop.trainingWillBegin(model: model)
        var epochsRun = 0
        for (epoch, loss) in losses.enumerated() {
            (model.layers[0] as! Dense).kernel = Tensor([[Float(epoch)]])
            epochsRun += 1
            stop.epochDidEnd(epoch, logs: ["val_loss": loss], model: model)
            if model.stopTraining { break }
        }
        stop.trainingDidEnd(model: model)
        return epochsRun
    }

    @Test func stopsAfterPatienceEpochsWithoutImprovement() {
        let model = model()
        let stop = EarlyStopping(patience: 2)
        #expect(run(stop, losses: [1.0, 0.8, 0.9, 0.85, 0.7], on: model) == 4)
        #expect(stop.stoppedEpoch == 3)
        #expect(stop.bestEpoch == 1)
    }

    @Test func minDeltaDecidesWhatCountsAsImprovement() {
        let model = model()
        let stop = EarlyStopping(minDelta: 0.1, patience: 0)
        // 0.95 is not below 1.0 - 0.1, so epoch 1 does not improve.
        #expect(run(stop, losses: [1.0, 0.95, 0.5], on: model) == 2)
    }

    @Test func restoresTheBestWeightsEvenWithoutAnEarlyStop() {
        let model = model()
        let stop = EarlyStopping(patience: 10, restoreBestWeights: true)
        #expect(run(stop, losses: [1.0, 0.5, 0.7, 0.9], on: model) == 4)
        #expect(stop.stoppedEpoch == nil)
        #expect(model.weights[0] == Tensor([[1]]))
    }

    @Test func accuracyIsMaximisedInAutoMode() {
        let model = model()
        let stop = EarlyStopping(monitor: "val_accuracy", patience: 1)
        model.stopTraining = false
        stop.trainingWillBegin(model: model)
        for (epoch, value) in [0.5, 0.6, 0.55, 0.58].enumerated() where !model.stopTraining {
            stop.epochDidEnd(epoch, logs: ["val_accuracy": value], model: model)
        }
        #expect(stop.bestEpoch == 1)
        #expect(stop.stoppedEpoch == 2)
    }

    @Test func fitStopsEarlyAndKeepsTheHistorySoFar() throws {
        let model = model()
        model.compile(optimizer: SGD(learningRate: 0), loss: .mse)
        let history = try model.fit(Tensor([1, 2]), Tensor([1, 2]), epochs: 50, validationData: (Tensor([1]), Tensor([1])),
                                    callbacks: [EarlyStopping(patience: 3)], verbose: 0)
        // A zero learning rate never improves after epoch 0: epochs 1, 2, 3 wait, then stop.
        #expect(history.epochCount == 4)
    }
}
