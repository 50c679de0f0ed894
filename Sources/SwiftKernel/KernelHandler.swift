import CellOutputs
import CellRunner

/// What a language answers in a Jupyter kernel; `KernelServer` does the rest of the protocol
/// (sockets, signatures, busy and idle, execution counts, history, replies). xeus calls this the
/// interpreter; the Swift engine implements it (`SwiftEngineHandler`).
///
/// The server calls `kernelInfo`, `isComplete(_:)`, `interrupt()` and `shutdown(restart:)` from its
/// control thread too, so those must be safe to call while `execute` runs.
public protocol KernelHandler: AnyObject, Sendable {
    /// The `kernel_info_reply`.
    var kernelInfo: KernelInfoReply { get }
    /// Runs code, publishing what it shows through `context`.
    func execute(_ code: String, context: ExecutionContext) -> ExecutionResult
    /// One of an execute request's `user_expressions`, evaluated against the session's state.
    func evaluate(_ expression: String) -> UserExpressionResult
    /// The completions at `cursor` (a count of Unicode scalars).
    func complete(_ code: String, cursor: Int) -> CompleteReply
    /// What is known of the name at `cursor`.
    func inspect(_ code: String, cursor: Int) -> InspectReply
    /// Whether `code` is a complete cell.
    func isComplete(_ code: String) -> IsCompleteReply
    /// Asks the running code to stop.
    func interrupt()
    /// Called once the shutdown reply is out; a process-backed kernel ends here.
    func shutdown(restart: Bool)
}

/// How an execution ended.
public enum ExecutionResult: Sendable, Equatable {
    /// It ran; the reply carries these pager payloads.
    case ok(payload: [PagePayload] = [])
    /// It failed with this error (published and replied).
    case error(CellError)
}

/// What running code may do while it runs: publish outputs and ask the front end for input.
public struct ExecutionContext {
    /// The execution count of this request (the server counts).
    public let executionCount: Int
    private let publisher: (OutputMessage) -> Void
    private let inputProvider: ((String, Bool) -> String?)?

    init(executionCount: Int, publish: @escaping (OutputMessage) -> Void, input: ((String, Bool) -> String?)?) {
        self.executionCount = executionCount
        publisher = publish
        inputProvider = input
    }

    /// Publishes an output (nothing for a silent request).
    public func publish(_ message: OutputMessage) { publisher(message) }

    /// Asks the front end for a line: nil when the request does not allow input, or none came.
    public var input: ((_ prompt: String, _ isPassword: Bool) -> String?)? { inputProvider }
}
