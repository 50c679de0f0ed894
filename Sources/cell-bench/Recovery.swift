import CellRunner
import Foundation

/// The red-wine tutorial's cells up to its training (load, split, scale, the 3 x 512 model, a
/// 10-epoch fit), run from the notebooks folder.
let wineTrainingCells = [
    "let redWine = try DataFrame(csv: \"data/winequality-red.csv\")",
    "let train = try redWine.sample(fraction: 0.7, seed: 5)\nlet valid = redWine.dropping(rows: train.index)",
    """
    let (lowest, highest) = (train.min(), train.max())
    let trainScaled = (train - lowest) / (highest - lowest)
    let validScaled = (valid - lowest) / (highest - lowest)
    """,
    """
    let xTrain = try trainScaled.dropping(columns: ["quality"]).tensor()
    let yTrain = try trainScaled["quality"].tensor()
    let xValid = try validScaled.dropping(columns: ["quality"]).tensor()
    let yValid = try validScaled["quality"].tensor()
    """,
    "let model = Sequential(seed: 0) {\n    Dense(512, .relu, inputShape: [11])\n    Dense(512, .relu)\n    Dense(512, .relu)\n    Dense(1)\n}",
    "model.compile(optimizer: Adam(), loss: .meanAbsoluteError)",
    "let history = try model.fit(xTrain, yTrain, batchSize: 256, epochs: 10, validationData: (xValid, yValid), verbose: .silent)",
]

/// Recovery after a crash in the cell after the training: with the checkpoint the session took
/// after `fit`, and by replaying every cell, in the same run.
struct RecoveryMeasurement {
    let fitSeconds: Double
    /// Saving the checkpoint after the fit (what a long cell pays for it).
    let saveSeconds: Double
    let withCheckpointSeconds: Double
    let replaySeconds: Double
    let checkpointBytes: Int
}

func measureRecovery(notebooksFolder: String) throws -> RecoveryMeasurement {
    func recovery(checkpoints: Bool) throws -> (recovery: Double, fit: Double, save: Double, bytes: Int) {
        var configuration = SessionConfiguration(workingDirectory: notebooksFolder)
        configuration.checkpointThreshold = checkpoints ? 0.1 : nil
        let session = try ExecutionSession(configuration: configuration)
        defer { session.shutdown() }
        var fit = 0.0
        for cell in wineTrainingCells { fit = seconds { run(session, cell) } }
        let save = checkpoints ? seconds { session.saveCheckpoint(onEvent: logWarning) } : 0
        let crash = session.execute("let none: [Int] = []\nprint(none[1])", onEvent: logWarning)
        guard case let .failure(error) = crash, error.kind == .crash else { fatalError("the crash cell did not crash: \(crash)") }
        // The crash cell's own recovery above warmed what a recovery touches; time a second one.
        session.shutdown()
        var notice = ""
        let recovery = seconds {
            session.startRunner { event in
                logWarning(event)
                if case let .notice(text) = event { notice = text }
            }
        }
        guard notice.contains(checkpoints ? "from its checkpoint" : "replayed \(wineTrainingCells.count)") else {
            fatalError("unexpected recovery: \(notice)")
        }
        run(session, "precondition(history.valLoss.count == 10)")
        return (recovery, fit, save, session.latestCheckpoint?.bytes ?? 0)
    }
    let replayed = try recovery(checkpoints: false)
    let restored = try recovery(checkpoints: true)
    return RecoveryMeasurement(fitSeconds: restored.fit, saveSeconds: restored.save, withCheckpointSeconds: restored.recovery,
                               replaySeconds: replayed.recovery, checkpointBytes: restored.bytes)
}
