internal import Synchronization

/// Follows a `fit` as it runs; a notebook host installs one to show live progress.
///
/// With `verbose: .auto`, `fit` asks `TrainingObservers` for an observer and, when the host has
/// installed a factory (the notebook runner does), reports to it instead of printing epoch lines.
public protocol TrainingObserver: AnyObject {
    /// Before the first epoch.
    func trainingWillBegin(epochs: Int, steps: Int)
    /// After each epoch, with the history so far.
    func epochDidEnd(_ epoch: Int, history: History)
    /// After the last epoch (or an early stop or interrupt).
    func trainingDidEnd(history: History)
}

/// Where `fit` finds the observer for `verbose: .auto`.
public enum TrainingObservers {
    /// Makes a fresh observer for each `fit`; nil (the default) keeps the text output.
    public static func install(_ factory: (@Sendable () -> any TrainingObserver)?) {
        installedFactory.withLock { $0 = factory }
    }

    /// A new observer from the installed factory, if any.
    static func make() -> (any TrainingObserver)? {
        installedFactory.withLock { $0 }?()
    }
}

private let installedFactory = Mutex<(@Sendable () -> any TrainingObserver)?>(nil)
