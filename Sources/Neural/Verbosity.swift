/// How much `fit` prints. Keras: `verbose=0/1/2/"auto"`; integer literals work (`verbose: 0`).
public enum Verbosity: Sendable, Equatable, ExpressibleByIntegerLiteral {
    /// Nothing. Keras `0`.
    case silent
    /// A progress line rewritten after every batch. Keras `1`.
    case progressBar
    /// One line per epoch: `Epoch 1/10` then `5/5 - loss: 0.1035 - val_loss: 0.1024`. Keras `2`.
    case epochLines
    /// Whatever suits the host: a live progress display with a loss chart in a notebook (see
    /// `TrainingObservers`), one line per epoch in text (stable across runs).
    case auto

    public init(integerLiteral value: Int) {
        self = switch value {
        case ...0: .silent
        case 1: .progressBar
        default: .epochLines
        }
    }
}
