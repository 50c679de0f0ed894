import CellOutputs
import CellRunner
import Foundation
import JupyterWire
import NotebookFormat
import Synchronization

/// The Jupyter messaging protocol around a `KernelHandler`: it receives and verifies requests
/// on a `KernelTransport`, brackets each in busy and idle, counts executions, keeps the history,
/// and sends typed replies; the handler only answers.
///
/// Threads: `serve()` answers shell requests on the calling thread (and runs the handler's
/// executions there); a control thread answers interrupts and shutdowns at once, also while an
/// execution runs.
public final class KernelServer: @unchecked Sendable {   // `executionCount` and `history` belong to the serving thread
    private let transport: any KernelTransport
    private let signer: MessageSigner
    /// Signatures seen, shared by the shell and control threads: a replayed message is dropped.
    private let replays = ReplayGuard()
    private let messages: OutgoingMessage
    private let handler: any KernelHandler
    private let historyPath: String
    /// Opened on first use, so start-up does not wait for SQLite.
    private lazy var history = HistoryStore(path: historyPath)
    private var executionCount = 0
    private let shutDown = Atomic<Bool>(false)

    /// - Parameters:
    ///   - key: The connection file's signing key (empty: messages are not signed).
    ///   - historyPath: The SQLite file of the kernel's history; nil for `$SWIFT_KERNEL_HISTORY`,
    ///     else `~/.local/share/swift-kernel/history.sqlite`.
    public init(transport: any KernelTransport, key: String, handler: any KernelHandler, historyPath: String? = nil) {
        self.transport = transport
        signer = MessageSigner(key: key)
        messages = OutgoingMessage(session: UUID().uuidString.lowercased())
        self.handler = handler
        self.historyPath = historyPath ?? HistoryStore.defaultPath
    }

    /// Announces the kernel and serves shell requests until the shell channel closes or a shutdown
    /// request has been answered.
    public func serve() {
        broadcast("status", KernelStatus(executionState: .starting), parent: nil)
        Thread.detachNewThread { [self] in serveControl() }
        while !shutDown.load(ordering: .relaxed), let request = receive(on: .shell) {
            handleShell(request)
        }
    }

    // MARK: - Receiving and replying

    /// The next verified request on `channel`, or nil when the channel closed; what cannot be
    /// verified or decoded is logged and dropped.
    private func receive(on channel: KernelChannel) -> ReceivedMessage? {
        while let frames = transport.receive(on: channel) {
            do {
                return try ReceivedMessage(frames: frames, signer: signer, replays: replays)
            } catch {
                Kernel.log("dropped a \(channel) message: \(error)")
            }
        }
        return nil
    }

    /// Runs `body` between the `busy` and `idle` statuses of `request`: the one place they are sent.
    private func bracket(_ request: ReceivedMessage, _ body: () -> Void) {
        broadcast("status", KernelStatus(executionState: .busy), parent: request)
        body()
        broadcast("status", KernelStatus(executionState: .idle), parent: request)
    }

    private func reply(_ request: ReceivedMessage, on channel: KernelChannel, _ content: some Encodable,
                       metadata: [String: JSONValue] = [:]) {
        transport.send(messages.reply(to: request, content: content, metadata: metadata).frames(signedWith: signer), on: channel)
    }

    private func broadcast(_ type: String, _ content: some Encodable, parent: ReceivedMessage?) {
        transport.send(messages.broadcast(type: type, content: content, parent: parent).frames(signedWith: signer), on: .iopub)
    }

    /// Publishes an output of an execution.
    private func publish(_ output: OutputMessage, parent: ReceivedMessage) {
        broadcast(output.messageType, output.content, parent: parent)
    }

    // MARK: - Requests

    private func handleShell(_ request: ReceivedMessage) {
        bracket(request) {
            switch request.kind {
            case let .execute(execution): execute(execution, for: request)
            case let .complete(code, cursor): reply(request, on: .shell, handler.complete(code, cursor: cursor))
            case let .inspect(code, cursor): reply(request, on: .shell, handler.inspect(code, cursor: cursor))
            case let .history(query): reply(request, on: .shell, HistoryReply(history: history.entries(query)))
            case let .commOpen(id):
                // No comm targets exist: close the comm so the front end does not wait on it (messaging spec).
                broadcast("comm_close", CommClose(commId: id), parent: request)
            case .commMessage: break
            default: answerWithoutEngine(request, on: .shell)
            }
        }
        if case let .shutdown(restart) = request.kind { handler.shutdown(restart: restart) }
    }

    private func serveControl() {
        while !shutDown.load(ordering: .relaxed), let request = receive(on: .control) {
            bracket(request) {
                switch request.kind {
                case .interrupt:
                    handler.interrupt()
                    reply(request, on: .control, InterruptReply())
                default: answerWithoutEngine(request, on: .control)
                }
            }
            if case let .shutdown(restart) = request.kind { handler.shutdown(restart: restart) }
        }
    }

    /// Answers what needs no engine, so the control thread answers it too: kernel_info,
    /// is_complete, comm_info and shutdown, and empty complete, inspect and history replies on
    /// control; logs other types, as the messaging spec asks.
    private func answerWithoutEngine(_ request: ReceivedMessage, on channel: KernelChannel) {
        switch request.kind {
        case .kernelInfo: reply(request, on: channel, handler.kernelInfo)
        case let .isComplete(code): reply(request, on: channel, handler.isComplete(code))
        case .commInfo: reply(request, on: channel, CommInfoReply())
        case let .complete(_, cursor): reply(request, on: channel, CompleteReply(matches: [], cursorStart: cursor, cursorEnd: cursor))
        case .inspect: reply(request, on: channel, InspectReply.notFound)
        case .history: reply(request, on: channel, HistoryReply(history: []))
        case let .shutdown(restart):
            let content = ShutdownReply(restart: restart)
            reply(request, on: channel, content)
            // Also on IOPub, for the other clients (as ipykernel does).
            broadcast("shutdown_reply", content, parent: request)
            shutDown.store(true, ordering: .relaxed)
        default:
            Kernel.log("ignored a \(channel) message of type \(request.type)")
        }
    }

    // MARK: - Execution

    private func execute(_ execution: ExecuteRequest, for request: ReceivedMessage) {
        if execution.storeHistory {
            executionCount += 1
            history.append(line: executionCount, source: execution.code)
        }
        let count = executionCount
        if !execution.silent { broadcast("execute_input", ExecuteInput(code: execution.code, executionCount: count), parent: request) }
        let context = ExecutionContext(executionCount: count, publish: { [self] output in
            if execution.storeHistory, case let .executeResult(bundle, _) = output, let text = bundle.plainText {
                history.setOutput(text, line: count)
            }
            if !execution.silent { publish(output, parent: request) }
        }, input: execution.allowStdin ? { [self] prompt, password in requestInput(prompt: prompt, password: password, for: request) } : nil)
        let engineStart = DispatchTime.now().uptimeNanoseconds
        let result = handler.execute(execution.code, context: context)
        // The engine's own time (compile and run), so clients can tell it from the protocol's.
        let metadata: [String: JSONValue] = ["engine_seconds": .number(String(Double(DispatchTime.now().uptimeNanoseconds - engineStart) / 1e9))]
        switch result {
        case let .ok(payload):
            let expressions = execution.userExpressions.mapValues { expression in
                expression.map(handler.evaluate)
                    ?? .error(name: "TypeError", value: "a user expression must be a string", traceback: [])
            }
            reply(request, on: .shell, ExecuteReply(status: .ok, executionCount: count, userExpressions: expressions, payload: payload),
                  metadata: metadata)
        case let .error(error):
            if !execution.silent { publish(.error(error), parent: request) }
            reply(request, on: .shell, ExecuteReply(status: .error, executionCount: count, ename: error.name, evalue: error.value,
                                                    traceback: error.traceback), metadata: metadata)
            if execution.stopOnError { abortQueuedExecutions() }
        }
    }

    /// Answers `aborted` to the execute requests already waiting on shell (Jupyter's stop_on_error),
    /// so a notebook run stops at the first failing cell; other requests are answered as usual.
    private func abortQueuedExecutions() {
        while transport.hasMessage(on: .shell), let queued = receive(on: .shell) {
            guard case .execute = queued.kind else {
                handleShell(queued)
                continue
            }
            bracket(queued) { reply(queued, on: .shell, ExecuteReply(status: .aborted, executionCount: executionCount)) }
        }
    }

    /// Asks the front end for a line (Jupyter's stdin channel) and waits for the answer.
    private func requestInput(prompt: String, password: Bool, for request: ReceivedMessage) -> String? {
        let message = messages.make(type: "input_request", content: InputRequest(prompt: prompt, password: password),
                                    parent: request, identities: request.identities)
        transport.send(message.frames(signedWith: signer), on: .stdin)
        while let reply = receive(on: .stdin) {
            if case let .inputReply(value) = reply.kind { return value }
        }
        return nil
    }
}
