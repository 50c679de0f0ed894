// The red-wine tutorial from the command line: trains the Keras tutorial's model on the UCI red
// wine data and prints the model, the per-epoch losses and the final validation loss.
//
//     swift run -c release red-wine [path/to/winequality-red.csv]
import Foundation
import Neural
import WineTutorial

let path = CommandLine.arguments.dropFirst().first ?? "notebooks/data/winequality-red.csv"
do {
    let data = try WineData(csv: path)
    print("train \(data.xTrain.shape), valid \(data.xValid.shape)")
    let model = makeWineModel(seed: 0)
    model.summary()
    let history = try model.fit(data.xTrain, data.yTrain, batchSize: 256, epochs: 10,
                                validationData: (data.xValid, data.yValid))
    print("Minimum validation loss: \(history.valLoss.min() ?? .nan)")
} catch {
    FileHandle.standardError.write(Data("red-wine: \(error)\n".utf8))
    exit(1)
}
