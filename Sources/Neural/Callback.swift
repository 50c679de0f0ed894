/// Hooks into `fit`: called when training begins, after every epoch, and when it ends.
///
/// Keras: `keras.callbacks.Callback`. Every method has an empty default, so implement only what
/// you need. Set `model.stopTraining = true` to end training after the current epoch; an error
/// thrown after an epoch (a `ModelCheckpoint` that cannot write its file) ends `fit` with it.
public protocol Callback: AnyObject {
    /// Before the first epoch.
    func trainingWillBegin(model: Sequential)
    /// After each epoch, with that epoch's values (`loss`, `val_loss`, metrics). `epoch` counts from 0.
    func epochDidEnd(_ epoch: Int, logs: [String: Double], model: Sequential) throws
    /// After the last epoch, or after an early stop.
    func trainingDidEnd(model: Sequential)
}

// MARK: - Default implementations

extension Callback {
    public func trainingWillBegin(model: Sequential) {}
    public func epochDidEnd(_ epoch: Int, logs: [String: Double], model: Sequential) {}
    public func trainingDidEnd(model: Sequential) {}
}
