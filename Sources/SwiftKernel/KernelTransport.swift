/// The kernel's message channels (the connection file's sockets, heartbeat aside).
public enum KernelChannel: Sendable, Hashable, CaseIterable {
    /// Requests from every client; the kernel's main thread answers them one at a time.
    case shell
    /// Interrupts and shutdowns, answered at once, also while a cell runs.
    case control
    /// The kernel's `input_request`s to the front end, and their replies.
    case stdin
    /// Broadcasts: statuses, outputs, the inputs being run.
    case iopub
}

/// How `KernelServer` sends and receives the frames of messages: over ZeroMQ
/// (`ZeroMQTransport`), or in memory in tests.
///
/// `receive(on:)` and `hasMessage(on:)` are called for shell and stdin from the server's main
/// thread and for control from its control thread; `send(_:on:)` from either.
public protocol KernelTransport: AnyObject, Sendable {
    /// Waits for the next message on `channel`; nil when the channel is closed.
    func receive(on channel: KernelChannel) -> [[UInt8]]?
    /// Whether a message is waiting on `channel`.
    func hasMessage(on channel: KernelChannel) -> Bool
    /// Sends a message's frames on `channel`.
    func send(_ frames: [[UInt8]], on channel: KernelChannel)
}
