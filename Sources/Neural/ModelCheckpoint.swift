internal import Foundation

/// Saves the model (`save(to:)`) after each epoch, or only after the epochs that improve a
/// monitored value, so the best model of a long training survives it.
///
/// Keras: `keras.callbacks.ModelCheckpoint(filepath, monitor="val_loss", save_best_only=False,
/// mode="auto")`. The path may hold the epoch number, as Keras formats it: `{epoch}` or
/// `{epoch:02d}` (counting from 1).
///
///     let best = ModelCheckpoint("digits.model", saveBestOnly: true)
///     try model.fit(x, y, validationData: (xv, yv), epochs: 50, callbacks: [best])
///     let model = try Sequential(contentsOf: "digits.model")
public final class ModelCheckpoint: Callback {
    /// Where the model is saved; `{epoch}` and `{epoch:02d}` are replaced by the epoch's number.
    public let path: String
    /// The history key watched with `saveBestOnly`, e.g. `val_loss`.
    public let monitor: String
    /// Whether to save only when the monitored value is the best so far.
    public let saveBestOnly: Bool
    /// The direction of improvement.
    public let mode: EarlyStopping.Mode
    /// The best monitored value saved so far.
    public private(set) var best: Double?
    /// The files written during the last `fit`, in order.
    public private(set) var savedPaths: [String] = []

    /// - Parameters:
    ///   - path: The file, e.g. `"wine.model"` or `"wine-{epoch:02d}.model"`.
    ///   - monitor: Defaults to `"val_loss"`.
    ///   - saveBestOnly: Defaults to false (save after every epoch).
    ///   - mode: Defaults to `.auto` (larger is better for accuracies).
    public init(_ path: String, monitor: String = "val_loss", saveBestOnly: Bool = false, mode: EarlyStopping.Mode = .auto) {
        self.path = path
        self.monitor = monitor
        self.saveBestOnly = saveBestOnly
        self.mode = mode
    }

    public func trainingWillBegin(model: Sequential) {
        best = nil
        savedPaths = []
    }

    /// Saves the model when this epoch calls for it.
    ///
    /// - Throws: `NeuralError.invalidArgument` when `saveBestOnly` watches a value that is not
    ///   logged (no validation data?), `ModelFileError` when the model cannot be saved.
    public func epochDidEnd(_ epoch: Int, logs: [String: Double], model: Sequential) throws {
        if saveBestOnly {
            guard let current = logs[monitor] else {
                throw NeuralError.invalidArgument(name: "ModelCheckpoint monitor", value: "'\(monitor)'",
                                                  expected: "one of the logged values \(logs.keys.sorted())")
            }
            if let best, !(mode.maximizes(monitor) ? current > best : current < best) { return }
            best = current
        }
        let file = Self.path(path, epoch: epoch + 1)
        try model.save(to: file)
        savedPaths.append(file)
    }

    /// `template` with `{epoch}` and `{epoch:0Nd}` replaced by `epoch`.
    static func path(_ template: String, epoch: Int) -> String {
        var result = template.replacingOccurrences(of: "{epoch}", with: String(epoch))
        while let open = result.range(of: "{epoch:0"), let close = result[open.upperBound...].range(of: "d}"),
              let width = Int(result[open.upperBound ..< close.lowerBound]) {
            let digits = String(epoch)
            result.replaceSubrange(open.lowerBound ..< close.upperBound,
                                   with: String(repeating: "0", count: max(0, width - digits.count)) + digits)
        }
        return result
    }
}
