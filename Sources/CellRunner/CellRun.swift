import Foundation
import RunnerProtocol

/// The engine's reading of one cell's run in the runner, as a value: it takes the runner's messages
/// in arrival order and says what to do with each, so its rules are tested without a compiler or
/// a runner process.
///
/// Order: the runtime sends each event behind a barrier on stdout and stderr (`RunnerChannel`), so
/// event *n* is released once both streams have passed their *n*th barrier, and text that comes
/// after a stream's *n*th barrier waits until event *n* is released. The cell is over when its
/// `finished` event is released, or when the runner exits. If the barriers lag behind `finished`
/// by more than `barrierGrace` (the cell closed its stdout?), everything held is released as it
/// stands. A crash report on stderr is held back from the output and goes into the crash error.
struct CellRun {
    enum Action: Sendable, Equatable {
        /// Show this to the user (a replay drops all but warnings).
        case emit(CellEvent)
        /// The cell waits for a line of input.
        case answerInput(prompt: String, isPassword: Bool)
        /// A checkpoint was saved or restored, with this report.
        case checkpointed(CheckpointReport)
        /// The cell ended; the runner lives on.
        case finish(CellOutcome)
        /// The runner died during the cell: how (`signal 4 (illegal instruction)`), and the crash
        /// report it wrote on stderr.
        case runnerExited(reason: String, crashReport: String)
    }

    /// Seconds to wait for the barriers of a `finished` event that has arrived.
    static let barrierGrace: TimeInterval = 2

    private var stderr = StderrSplitter()
    /// Barriers each stream has passed.
    private var barriersPassed: [OutputStream: Int] = [.stdout: 0, .stderr: 0]
    /// Events released so far: text before each stream's next barrier can be shown at once.
    private var released = 0
    /// Events that arrived before their barriers.
    private var heldEvents: [RunnerEvent] = []
    /// Text that arrived after its stream's barrier for an event not yet released: the stream,
    /// how many barriers preceded it, and the text.
    private var heldText: [(stream: OutputStream, segment: Int, text: String)] = []
    private var failure: CellError?
    private var ended = false

    /// How long to wait for the next message: without limit while the cell runs, the grace once
    /// its `finished` event has arrived.
    var waitLimit: TimeInterval? {
        heldEvents.contains { if case .finished = $0 { true } else { false } } ? Self.barrierGrace : nil
    }

    /// What to do with `message`.
    mutating func receive(_ message: RunnerMessage) -> [Action] {
        guard !ended else { return [] }
        switch message {
        case let .stdout(text): return receive(text, on: .stdout)
        case let .stderr(text): return receive(text, on: .stderr)
        case let .barrier(stream):
            barriersPassed[stream, default: 0] += 1
            return releaseReady()
        case let .event(event):
            heldEvents.append(event)
            return releaseReady()
        case let .unreadableEvent(problem):
            return [.emit(.warning("cell engine: ignored an event line from the runner that it cannot decode (\(problem))"))]
        case let .exited(reason):
            let shown = releaseAll()
            ended = true
            return shown + [.runnerExited(reason: reason, crashReport: stderr.crashText)]
        }
    }

    /// No message came within `waitLimit`: what is held is released as it stands.
    mutating func waitLimitPassed() -> [Action] {
        releaseAll()
    }

    private mutating func receive(_ text: String, on stream: OutputStream) -> [Action] {
        let segment = barriersPassed[stream, default: 0]
        guard segment == released else {
            heldText.append((stream, segment, text))
            return []
        }
        return show(text, on: stream)
    }

    private mutating func show(_ text: String, on stream: OutputStream) -> [Action] {
        switch stream {
        case .stdout: return [.emit(.stdout(text))]
        case .stderr:
            let forward = stderr.feed(text)
            return forward.isEmpty ? [] : [.emit(.stderr(forward))]
        }
    }

    /// Releases the held events whose barriers both streams have passed, each followed by the
    /// text held for after it.
    private mutating func releaseReady() -> [Action] {
        var actions: [Action] = []
        while !ended, !heldEvents.isEmpty, barriersPassed.values.allSatisfy({ $0 > released }) {
            actions += release(heldEvents.removeFirst())
        }
        return actions
    }

    /// Releases everything held, in order, whether or not its barriers came.
    private mutating func releaseAll() -> [Action] {
        var actions: [Action] = []
        while !ended, !heldEvents.isEmpty { actions += release(heldEvents.removeFirst()) }
        for (stream, _, text) in heldText { actions += show(text, on: stream) }
        heldText = []
        return actions
    }

    private mutating func release(_ event: RunnerEvent) -> [Action] {
        released += 1
        var actions: [Action]
        switch event {
        case let .display(display):
            actions = [.emit(.display(display))]
        case let .failed(name, description):
            failure = CellError(.thrown(type: name), value: description)
            actions = []
        case let .loadFailed(reason):
            failure = CellError(.load, value: reason)
            actions = []
        case let .inputRequest(prompt, password):
            actions = [.answerInput(prompt: prompt, isPassword: password)]
        case let .checkpointed(report):
            actions = [.checkpointed(report)]
        case let .finished(succeeded):
            ended = true
            // Text after the last barrier (a thread still printing) still belongs to this cell.
            actions = heldText.flatMap { show($0.text, on: $0.stream) }
            heldText = []
            let rest = stderr.finish()
            if !rest.isEmpty { actions.append(.emit(.stderr(rest))) }
            let outcome: CellOutcome = succeeded
                ? .success : .failure(failure ?? CellError(.thrown(type: "Error"), value: "The cell failed."))
            return actions + [.finish(outcome)]
        }
        let now = heldText.filter { $0.segment == released }
        heldText.removeAll { $0.segment == released }
        for (stream, _, text) in now { actions += show(text, on: stream) }
        return actions
    }
}
