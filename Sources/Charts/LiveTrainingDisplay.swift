import Neural
import NotebookDisplay
internal import Synchronization

/// Shows a `fit` in a notebook as one output updated in place after each epoch: a progress bar,
/// the epoch's values, and the loss chart so far. Install it with `LiveTrainingDisplay.install()`.
public final class LiveTrainingDisplay: TrainingObserver {
    private let displayID: String
    private var epochs = 0

    /// Makes `fit(verbose: .auto)` use a live display (the notebook runner calls this).
    public static func install() {
        TrainingObservers.install { LiveTrainingDisplay() }
    }

    init() {
        displayID = "training-\(nextDisplayNumber.add(1, ordering: .relaxed).newValue)"
    }

    public func trainingWillBegin(epochs: Int, steps: Int) {
        self.epochs = epochs
        display(progress(done: 0, history: nil), id: displayID)
    }

    public func epochDidEnd(_ epoch: Int, history: History) {
        updateDisplay(progress(done: epoch + 1, history: history), id: displayID)
    }

    public func trainingDidEnd(history: History) {
        updateDisplay(progress(done: history.epochCount, history: history), id: displayID)
    }

    /// The bundle for `done` finished epochs: text for consoles, HTML with a chart for notebooks.
    private func progress(done: Int, history: History?) -> MIMEBundle {
        let values = history.map { history in
            history.series.compactMap { series in series.values.last.map { "\(series.name): \(Ticks.fixed($0, decimals: 4))" } }
                .joined(separator: " - ")
        } ?? ""
        let line = "Epoch \(done)/\(epochs)" + (values.isEmpty ? "" : " - " + values)
        var html = "<div><progress value=\"\(done)\" max=\"\(max(epochs, 1))\" style=\"width: 320px\"></progress> "
        html += "<code>\(escapeHTML(line))</code></div>"
        if let history, history.epochCount > 0 {
            html += history.plot().svg
        }
        return MIMEBundle([MIMEType.plainText: line, MIMEType.html: html])
    }
}

private let nextDisplayNumber = Atomic<Int>(0)

/// How many live training displays the process has numbered (their display ids), saved and
/// restored with a notebook's checkpoints so a restored session names its next display as the
/// uninterrupted one would.
package var liveTrainingDisplayCount: Int {
    get { nextDisplayNumber.load(ordering: .relaxed) }
    set { nextDisplayNumber.store(newValue, ordering: .relaxed) }
}
