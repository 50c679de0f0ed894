/// Stops training when a monitored value has stopped improving.
///
/// Keras 3: `keras.callbacks.EarlyStopping`, with the same rules: an epoch improves when
/// `current < best - minDelta` (or `>` in max mode); training stops once `patience` epochs in a
/// row did not improve. With `restoreBestWeights`, the best epoch's weights come back when
/// training ends, whether it stopped early or ran to the last epoch.
///
///     let stop = EarlyStopping(minDelta: 0.001, patience: 20, restoreBestWeights: true)
///     try model.fit(x, y, validationData: (xv, yv), epochs: 500, callbacks: [stop])
public final class EarlyStopping: Callback, Codable {
    /// Whether smaller or larger values of the monitored quantity are better.
    public enum Mode: String, Sendable, Codable {
        /// Larger is better for names containing `accuracy` or `auc`, smaller otherwise.
        case auto
        /// Smaller is better.
        case min
        /// Larger is better.
        case max

        /// Whether larger values of `monitor` are better.
        func maximizes(_ monitor: String) -> Bool {
            switch self {
            case .min: false
            case .max: true
            case .auto: monitor.contains("accuracy") || monitor.contains("auc")
            }
        }
    }

    /// The history key watched, e.g. `val_loss`.
    public let monitor: String
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// The direction of improvement.
    public let mode: Mode
    /// A value the monitored quantity must beat to reset the patience count.
    public let baseline: Double?
    /// Whether to put back the weights of the best epoch at the end.
    public let restoreBestWeights: Bool
    /// Epochs to wait before monitoring at all.
    public let startFromEpoch: Int
    /// Whether to print when stopping and restoring.
    public let verbose: Bool

    /// The epoch (from 0) at which training was stopped, or nil if it ran to the end.
    public private(set) var stoppedEpoch: Int?
    /// The epoch (from 0) with the best monitored value.
    public private(set) var bestEpoch: Int?
    /// The best monitored value seen.
    public private(set) var best: Double?
    private var wait = 0
    private var bestWeights: [Tensor]?
    private var warnedAboutMissingKey = false

    /// - Parameters:
    ///   - monitor: Defaults to `"val_loss"`.
    ///   - minDelta: Defaults to 0.
    ///   - patience: Defaults to 0 (stop at the first epoch without improvement).
    ///   - mode: Defaults to `.auto`.
    ///   - baseline: Defaults to nil.
    ///   - restoreBestWeights: Defaults to false.
    ///   - startFromEpoch: Defaults to 0.
    ///   - verbose: Defaults to false.
    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0, mode: Mode = .auto,
                baseline: Double? = nil, restoreBestWeights: Bool = false, startFromEpoch: Int = 0,
                verbose: Bool = false) {
        self.monitor = monitor
        self.minDelta = abs(minDelta)
        self.patience = patience
        self.mode = mode
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
        self.verbose = verbose
    }

    private func isImprovement(_ current: Double, over reference: Double?) -> Bool {
        guard let reference else { return true }
        return mode.maximizes(monitor) ? current - minDelta > reference : current + minDelta < reference
    }

    public func trainingWillBegin(model: Sequential) {
        wait = 0
        best = nil
        bestEpoch = nil
        bestWeights = nil
        stoppedEpoch = nil
    }

    public func epochDidEnd(_ epoch: Int, logs: [String: Double], model: Sequential) {
        guard let current = logs[monitor] else {
            if !warnedAboutMissingKey {
                warnedAboutMissingKey = true
                print("EarlyStopping: '\(monitor)' is not among the logged values \(logs.keys.sorted()); training continues.")
            }
            return
        }
        guard epoch >= startFromEpoch else { return }
        if restoreBestWeights && bestWeights == nil { bestWeights = model.weights }
        wait += 1
        if isImprovement(current, over: best) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = model.weights }
            if isImprovement(current, over: baseline) { wait = 0 }
            return
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model.stopTraining = true
        }
    }

    public func trainingDidEnd(model: Sequential) {
        if let stoppedEpoch, verbose { print("Epoch \(stoppedEpoch + 1): early stopping") }
        if restoreBestWeights, let bestWeights, let bestEpoch {
            if verbose { print("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).") }
            // Read from this model during this fit: their count and shapes are the model's.
            try? model.setWeights(bestWeights)
        }
    }
}
