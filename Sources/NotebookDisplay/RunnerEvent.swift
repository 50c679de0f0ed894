/// One message from a runtime hosted in a runner process to the engine that drives it, sent as
/// a line of JSON on the runner's event channel.
public enum RunnerEvent: Sendable, Equatable, Codable {
    /// A display, update, clear or cell result.
    case display(DisplayEvent)
    /// The cell threw: the error's type and description (Jupyter's `ename` and `evalue`).
    case failed(name: String, description: String)
    /// The cell's entry function returned, successfully or not.
    case finished(succeeded: Bool)
    /// The cell waits for a line of input (`readLine()`); the host answers on the runner's stdin.
    case inputRequest(prompt: String, password: Bool)
}
