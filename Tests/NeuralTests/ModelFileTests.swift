import Foundation
@testable import Neural
import Testing

/// `model.save(to:)` and `Sequential(contentsOf:)`: a loaded model predicts and trains on exactly
/// as the saved one, and every file that is not one gives an error that says so.
@Suite struct ModelFileTests {
    let folder = NSTemporaryDirectory() + "model-files-\(UUID().uuidString.prefix(8))/"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    private func trainedModel() throws -> (Sequential, Tensor, Tensor) {
        var random = SeededRandom(seed: 4)
        let x = try Tensor(shape: [24, 6, 6, 1], scalars: (0..<864).map { _ in random.nextFloat(in: -1, 1) })
        let y = Tensor((0..<24).map { [Float($0 % 3 == 0 ? 1 : 0)] })
        let model = Sequential(seed: 3, name: "digits") {
            Conv2D(4, 3, activation: .relu, inputShape: [6, 6, 1])
            MaxPooling2D(2)
            Flatten()
            Dropout(0.2)
            Dense(1, .sigmoid)
        }
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy, metrics: [.binaryAccuracy])
        _ = try model.fit(x, y, batchSize: 8, epochs: 2, verbose: .silent)
        return (model, x, y)
    }

    @Test func aLoadedModelPredictsAndTrainsOnBitForBitAsTheSavedOne() throws {
        let (model, x, y) = try trainedModel()
        try model.save(to: folder + "digits.model")
        let loaded = try Sequential(contentsOf: folder + "digits.model")
        #expect(loaded.name == "digits" && loaded.loss == .binaryCrossentropy && loaded.metrics == [.binaryAccuracy])
        #expect(try loaded.predict(x) == model.predict(x))
        let original = try model.fit(x, y, batchSize: 8, epochs: 2, verbose: .silent)
        #expect(try loaded.fit(x, y, batchSize: 8, epochs: 2, verbose: .silent) == original, "Adam's state and the model's generator came back")
        #expect(loaded.weights == model.weights)
        // Saved again over the first file: replaced whole.
        try loaded.save(to: folder + "digits.model")
        #expect(try Sequential(contentsOf: folder + "digits.model").weights == model.weights)
    }

    @Test func filesThatAreNotSavedModelsAreNamedAsSuch() throws {
        let (model, _, _) = try trainedModel()
        #expect(throws: ModelFileError.missing(path: folder + "none.model")) { try Sequential(contentsOf: folder + "none.model") }

        try model.save(to: folder + "whole.model")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "whole.model"))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: folder + "cut.model"))
        #expect { try Sequential(contentsOf: folder + "cut.model") } throws: { error in
            guard case let .damaged(path, reason) = error as? ModelFileError else { return false }
            return path == folder + "cut.model" && reason.contains("cut short")
        }

        try Data("fixed acidity,quality\n7.4,5\n".utf8).write(to: URL(fileURLWithPath: folder + "wine.csv"))
        #expect(throws: ModelFileError.notAModel(path: folder + "wine.csv")) { try Sequential(contentsOf: folder + "wine.csv") }
        let otherPlist = try PropertyListSerialization.data(fromPropertyList: ["marker": "something else"], format: .binary, options: 0)
        try otherPlist.write(to: URL(fileURLWithPath: folder + "other.plist"))
        #expect(throws: ModelFileError.notAModel(path: folder + "other.plist")) { try Sequential(contentsOf: folder + "other.plist") }
        #expect("\(ModelFileError.notAModel(path: "x"))" == "x is not a saved model (model.save(to:) writes them).")
    }

    @Test func aModelThatCannotBeSavedOrWrittenSaysWhyAndLeavesNoFile() throws {
        let (model, _, _) = try trainedModel()
        #expect { try model.save(to: folder + "missing-folder/x.model") } throws: { error in
            guard case .cannotWrite(folder + "missing-folder/x.model", _) = error as? ModelFileError else { return false }
            return true
        }
        #expect(throws: ModelFileError.notSavable(reason: "its layer 'doubling' is a Doubling, which is not Codable")) {
            try Sequential { Dense(2, inputShape: [1]); Doubling() }.save(to: folder + "doubling.model")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "doubling.model"))
    }

    @Test func aCheckpointKeepsTheBestEpochsModel() throws {
        let (model, x, y) = try trainedModel()
        let (xTrain, yTrain, xValid, yValid) = (x.rows(0..<16), y.rows(0..<16), x.rows(16..<24), y.rows(16..<24))
        let best = ModelCheckpoint(folder + "best.model", saveBestOnly: true)
        let history = try model.fit(xTrain, yTrain, validationData: (xValid, yValid), batchSize: 8, epochs: 12,
                                    callbacks: [best], verbose: .silent)
        let improvements = history.valLoss.indices.filter { epoch in history.valLoss[..<epoch].allSatisfy { $0 > history.valLoss[epoch] } }
        #expect(best.savedPaths.count == improvements.count && best.best == history.valLoss.min())
        #expect(improvements.count > 1 && improvements.count < 12, "\(history.valLoss)")
        let loaded = try Sequential(contentsOf: folder + "best.model")
        #expect(try loaded.evaluate(xValid, yValid, batchSize: 8)["loss"] == history.valLoss.min())
    }

    @Test func aCheckpointPathNamesTheEpochAsKerasFormatsIt() throws {
        let (model, x, y) = try trainedModel()
        let every = ModelCheckpoint(folder + "digits-{epoch:02d}.model")
        _ = try model.fit(x, y, batchSize: 8, epochs: 3, callbacks: [every], verbose: .silent)
        #expect(every.savedPaths == (1...3).map { folder + "digits-0\($0).model" })
        #expect(every.savedPaths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(ModelCheckpoint.path("m-{epoch}-{epoch:03d}.model", epoch: 7) == "m-7-007.model")
        #expect(throws: NeuralError.invalidArgument(name: "ModelCheckpoint monitor", value: "'val_loss'",
                                                    expected: "one of the logged values [\"binary_accuracy\", \"loss\"]")) {
            try model.fit(x, y, epochs: 1, callbacks: [ModelCheckpoint(folder + "x.model", saveBestOnly: true)], verbose: .silent)
        }
    }
}
