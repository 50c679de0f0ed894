internal import Foundation

extension Sequential {
    /// Trains the model for a number of epochs and returns what it recorded.
    ///
    /// Keras semantics: each epoch shuffles the rows (when `shuffle`), takes `ceil(rows / batchSize)`
    /// steps with a partial last batch, reports `loss` as the batch-size-weighted mean of the batch
    /// losses, then evaluates the validation data for `val_loss` and `val_` metrics.
    ///
    ///     let history = try model.fit(xTrain, yTrain, batchSize: 256, epochs: 10,
    ///                                 validationData: (xValid, yValid))
    ///
    /// (Keras' order, `validationData` first, works too.)
    ///
    /// - Parameters:
    ///   - x: Inputs, one row per example (`[rows, features]`; a rank-1 tensor is one feature).
    ///   - y: Targets with the same number of rows (`[rows]` or `[rows, outputs]`).
    ///   - batchSize: Rows per gradient step. Defaults to 32.
    ///   - epochs: Passes over the data. Defaults to 1.
    ///   - validationData: Inputs and targets evaluated after each epoch.
    ///   - validationSplit: Fraction of the rows, taken from the end before shuffling, held out for
    ///     validation when `validationData` is nil. Defaults to 0.
    ///   - shuffle: Whether to reshuffle before each epoch. Defaults to true.
    ///   - callbacks: E.g. `[EarlyStopping(patience: 5)]`.
    ///   - verbose: Defaults to `.auto`: in a notebook, a progress display with a loss chart updated
    ///     in place after each epoch; elsewhere one line per epoch.
    /// - Returns: The per-epoch `History`; after an interrupt (`Interruption`), the epochs finished so far.
    /// - Throws: `NeuralError.notCompiled`, `.emptyData`, `.rowCountMismatch`, `.invalidBatchSize`,
    ///   `.shapeMismatch`, `.targetShapeMismatch`, or `.lossIsNaN` (training stops at that batch);
    ///   a callback's error (training stops after that epoch).
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, batchSize: Int = 32, epochs: Int = 1,
                    validationData: (Tensor, Tensor)? = nil, validationSplit: Double = 0,
                    shuffle: Bool = true, callbacks: [any Callback] = [],
                    verbose: Verbosity = .auto) throws -> History {
        guard loss != nil, let optimizer else { throw NeuralError.notCompiled }
        MemoryTuning.keepTrainingBuffersResident()
        guard batchSize > 0 else { throw NeuralError.invalidBatchSize(batchSize) }
        guard epochs >= 0 else {
            throw NeuralError.invalidArgument(name: "epochs", value: "\(epochs)", expected: "zero or more")
        }
        guard (0..<1).contains(validationSplit) else {
            throw NeuralError.invalidArgument(name: "validationSplit", value: "\(validationSplit)", expected: "in 0 ..< 1")
        }
        var (xTrain, yTrain) = try checkedPair(x, y, what: "fit")
        var validation = try validationData.map { try checkedPair($0.0, $0.1, what: "validationData") }
        if validation == nil && validationSplit > 0 {
            // Keras: the first floor(n · (1 − split)) rows train, the rest validate.
            let kept = Int((Double(xTrain.rowCount) * (1 - validationSplit)).rounded(.down))
            let held = xTrain.rowCount - kept
            guard held > 0, kept > 0 else {
                throw NeuralError.invalidArgument(name: "validationSplit", value: "\(validationSplit)",
                                                  expected: "a fraction leaving rows on both sides of \(xTrain.rowCount)")
            }
            validation = (xTrain.rows(kept ..< xTrain.rowCount), yTrain.rows(kept ..< yTrain.rowCount))
            (xTrain, yTrain) = (xTrain.rows(0 ..< kept), yTrain.rows(0 ..< kept))
        }
        try prepare(for: xTrain)
        if let validation { try prepare(for: validation.0) }

        let rows = xTrain.rowCount
        let steps = (rows + batchSize - 1) / batchSize
        let observer = verbose == .auto ? TrainingObservers.make() : nil
        let printer = TrainingPrinter(verbosity: observer == nil ? verbose : .silent, epochs: epochs, steps: steps)
        observer?.trainingWillBegin(epochs: epochs, steps: steps)
        var history = History(parameters: .init(epochs: epochs, steps: steps, batchSize: batchSize))
        let parameters = trainableParameters
        stopTraining = false
        for callback in callbacks { callback.trainingWillBegin(model: self) }

        for epoch in 0..<epochs {
            printer.epochWillBegin(epoch)
            let order = shuffle ? random.permutation(rows) : Array(0..<rows)
            var lossTotal = 0.0
            var metricTotals = [Double](repeating: 0, count: metrics.count)
            for step in 0..<steps {
                if Interruption.isRequested {
                    stopTraining = true
                    if verbose != .silent { print("Training interrupted at epoch \(epoch + 1), batch \(step + 1); kept \(epoch) finished epoch(s).") }
                    break
                }
                let indices = order[step * batchSize ..< min(rows, (step + 1) * batchSize)]
                let xBatch = xTrain.gatheringRows(indices), yBatch = yTrain.gatheringRows(indices)
                let predictions = try forward(xBatch, training: true)
                let value = try backpropagateLoss(predictions: predictions, targets: yBatch)
                guard value.isFinite else { throw NeuralError.lossIsNaN(epoch: epoch + 1, batch: step + 1) }
                optimizer.update(parameters)
                if let broken = parameters.first(where: { !$0.value.allFinite }) {
                    throw NeuralError.weightsNotFinite(parameter: broken.name, epoch: epoch + 1, batch: step + 1)
                }
                let weight = Double(indices.count)
                lossTotal += Double(value) * weight
                for (index, metric) in metrics.enumerated() {
                    metricTotals[index] += Double(try metric.value(predictions: predictions, targets: yBatch)) * weight
                }
                printer.stepDidEnd(step, logs: [("loss", lossTotal / Double(step * batchSize + indices.count))])
            }
            if Interruption.isRequested { break }
            var logs = [("loss", lossTotal / Double(rows))]
            logs += zip(metrics, metricTotals).map { ($0.name, $1 / Double(rows)) }
            if let validation {
                let scores = try evaluateBatches(validation.0, validation.1, batchSize: batchSize)
                logs += scores.values.map { ("val_" + $0.name, $0.value) }
            }
            history.record(epoch: epoch, logs: logs)
            printer.epochDidEnd(epoch, logs: logs)
            observer?.epochDidEnd(epoch, history: history)
            let logDictionary = Dictionary(logs, uniquingKeysWith: { first, _ in first })
            for callback in callbacks { try callback.epochDidEnd(epoch, logs: logDictionary, model: self) }
            if stopTraining { break }
        }
        for callback in callbacks { callback.trainingDidEnd(model: self) }
        observer?.trainingDidEnd(history: history)
        return history
    }

    /// `fit` with the validation data first, in the order Keras tutorials write the arguments:
    ///
    ///     let history = try model.fit(xTrain, yTrain, validationData: (xValid, yValid),
    ///                                 batchSize: 256, epochs: 10)
    ///
    /// The same training as `fit(_:_:batchSize:epochs:validationData:…)`.
    @_disfavoredOverload
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, validationData: (Tensor, Tensor), batchSize: Int = 32, epochs: Int = 1,
                    shuffle: Bool = true, callbacks: [any Callback] = [], verbose: Verbosity = .auto) throws -> History {
        try fit(x, y, batchSize: batchSize, epochs: epochs, validationData: validationData, shuffle: shuffle,
                callbacks: callbacks, verbose: verbose)
    }

    /// Checks that `x` and `y` have rows and agree on their count; returns `x` as a batch matrix.
    func checkedPair(_ x: Tensor, _ y: Tensor, what: String) throws -> (Tensor, Tensor) {
        let x = batchMatrix(x)
        guard x.rowCount > 0, x.count > 0 else { throw NeuralError.emptyData(what) }
        guard x.rowCount == y.rowCount else { throw NeuralError.rowCountMismatch(x: x.rowCount, y: y.rowCount) }
        return (x, y)
    }
}

/// Prints `fit` progress as Keras does for `verbose` 1 and 2 (without timings in per-epoch
/// lines, so the same run prints the same text).
struct TrainingPrinter {
    let verbosity: Verbosity
    let epochs: Int
    let steps: Int

    func epochWillBegin(_ epoch: Int) {
        guard verbosity != .silent else { return }
        print("Epoch \(epoch + 1)/\(epochs)")
    }

    func stepDidEnd(_ step: Int, logs: [(String, Double)]) {
        guard verbosity == .progressBar else { return }
        let width = 20, done = (step + 1) * width / steps
        let bar = String(repeating: "━", count: done) + String(repeating: " ", count: width - done)
        print("\r\(step + 1)/\(steps) \(bar) " + Self.format(logs), terminator: "")
    }

    func epochDidEnd(_ epoch: Int, logs: [(String, Double)]) {
        switch verbosity {
        case .silent: return
        case .progressBar: print("\r\(steps)/\(steps) " + String(repeating: "━", count: 20) + " " + Self.format(logs))
        case .epochLines, .auto: print("\(steps)/\(steps) - " + Self.format(logs))
        }
    }

    static func format(_ logs: [(String, Double)]) -> String {
        logs.map { "\($0.0): \(formatMetric($0.1))" }.joined(separator: " - ")
    }
}
