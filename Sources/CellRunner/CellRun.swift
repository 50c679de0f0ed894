import Foundation

/// The engine's reading of one cell's run in the runner, as a value: it takes the runner's messages
/// in arrival order and says what to do with each, so its rules are tested without a compiler or
/// a runner process.
///
/// A cell is over when the runtime's `finished` event and both streams' end markers have arrived
/// (so all of its output is in), or when the runner exits. If the markers lag behind `finished` by
/// more than `endMarkerGrace` (the cell closed its stdout?), the event is trusted. A crash report
/// on stderr is held back from the output and goes into the crash error instead.
struct CellRun {
    enum Action: Sendable, Equatable {
        /// Show this to the user (a replay drops it).
        case emit(CellEvent)
        /// The cell waits for a line of input.
        case answerInput(prompt: String, isPassword: Bool)
        /// The cell ended; the runner lives on.
        case finish(CellOutcome)
        /// The runner died during the cell: how (`signal 4 (illegal instruction)`), and the crash
        /// report it wrote on stderr.
        case runnerExited(reason: String, crashReport: String)
    }

    /// Seconds to wait for the end markers once the cell has finished.
    static let endMarkerGrace: TimeInterval = 2

    private var stderr = StderrSplitter()
    private var finished: Bool?
    private var failure: CellError?
    private var openStreams: Set<OutputStream> = [.stdout, .stderr]

    /// How long to wait for the next message: without limit while the cell runs, the grace once it finished.
    var waitLimit: TimeInterval? { finished == nil ? nil : Self.endMarkerGrace }

    /// What to do with `message`.
    mutating func receive(_ message: RunnerMessage) -> [Action] {
        var actions: [Action] = []
        switch message {
        case let .streamEnd(stream):
            openStreams.remove(stream)
        case let .stdout(text):
            actions.append(.emit(.stdout(text)))
        case let .stderr(text):
            let forward = stderr.feed(text)
            if !forward.isEmpty { actions.append(.emit(.stderr(forward))) }
        case let .event(.display(event)):
            actions.append(.emit(.display(event)))
        case let .event(.failed(name, description)):
            failure = CellError(.thrown(type: name), value: description)
        case let .event(.loadFailed(reason)):
            failure = CellError(.load, value: reason)
        case let .event(.finished(succeeded)):
            finished = succeeded
        case let .event(.inputRequest(prompt, password)):
            actions.append(.answerInput(prompt: prompt, isPassword: password))
        case let .exited(reason):
            return [.runnerExited(reason: reason, crashReport: stderr.crashText)]
        }
        if finished != nil, openStreams.isEmpty { actions += end() }
        return actions
    }

    /// No message came within `waitLimit`: the cell's `finished` event is trusted.
    mutating func waitLimitPassed() -> [Action] {
        end()
    }

    private mutating func end() -> [Action] {
        let held = stderr.finish()
        let outcome: CellOutcome = finished == true
            ? .success : .failure(failure ?? CellError(.thrown(type: "Error"), value: "The cell failed."))
        return (held.isEmpty ? [] : [.emit(.stderr(held))]) + [.finish(outcome)]
    }
}
