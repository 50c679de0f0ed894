import Foundation
import NotebookExecution
import Synchronization

/// Shows a run's progress on stderr: on a terminal one line redrawn in place (with the running
/// cell's elapsed time ticking), otherwise a plain line per cell; with `--quiet` nothing.
final class ProgressPrinter: Sendable {
    private let quiet: Bool
    private let live: Bool
    private let state = Mutex(State())

    private struct State {
        var notebook = ""
        var running: (position: Int, count: Int, since: Date)?
    }

    /// Redraws the running cell's line twice a second; set once, in `init`.
    nonisolated(unsafe) private var ticker: (any DispatchSourceTimer)?

    /// - Parameter live: Redraw a line in place when stderr is a terminal (one notebook at a time).
    init(quiet: Bool, live: Bool) {
        self.quiet = quiet
        self.live = live && isatty(STDERR_FILENO) == 1 && !quiet
        guard self.live else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        timer.setEventHandler { [weak self] in
            guard let self, let running = state.withLock({ $0.running }) else { return }
            line("cell \(running.position) of \(running.count) executing " + String(format: "%.1f s", Date().timeIntervalSince(running.since)))
        }
        timer.resume()
        ticker = timer
    }

    deinit { ticker?.cancel() }

    func report(_ event: RunEvent) {
        guard !quiet else { if case let .warning(text) = event { write("warning: \(text)\n") }; return }
        switch event {
        case let .started(notebook, count):
            state.withLock { $0.notebook = notebook }
            if !live { write("\(notebook): \(count) code cell\(count == 1 ? "" : "s")\n") }
        case let .replaying(cells):
            line("replaying \(cells) cell\(cells == 1 ? "" : "s") to rebuild the state")
        case let .notice(text):
            line(text)
        case let .cellStarted(position, count):
            state.withLock { $0.running = (position, count, Date()) }
            if live { line("cell \(position) of \(count) executing") }
        case let .cellFinished(position, count, cached, seconds):
            state.withLock { $0.running = nil }
            let text = "cell \(position) of \(count) \(cached ? "cached" : "executed") " + String(format: "(%.2f s)", seconds)
            if live { line(text) } else { write("\(notebookName()): \(text)\n") }
        case let .warning(text):
            if live { write("\r\u{1B}[K") }
            write("warning: \(text)\n")
        }
    }

    /// The notebook's summary line, after its run.
    func finished(_ notebook: String, _ result: NotebookRunResult) {
        guard !quiet else { return }
        if live { write("\r\u{1B}[K") }
        let outcome = switch result.status {
        case .succeeded: "done"
        case let .cellFailed(position, error): "cell \(position) failed: \(error.name): \(error.value)"
        case let .timedOut(position): "cell \(position) timed out"
        }
        write("\(notebook): \(outcome); \(ReportWriter.facts(result))\n")
    }

    private func notebookName() -> String { state.withLock { $0.notebook } }

    private func line(_ text: String) {
        if live { write("\r\u{1B}[K\(notebookName()): \(text)") } else { write("\(notebookName()): \(text)\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
