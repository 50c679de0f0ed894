internal import CZeroMQ
internal import Foundation

/// A ZeroMQ socket (libzmq). Not thread-safe: one thread owns each socket, as ZeroMQ requires.
public final class ZMQSocket: @unchecked Sendable {   // handed once to the thread that owns it
    /// The socket kinds a kernel uses.
    public enum Kind: Sendable {
        case router, publisher, reply
        var raw: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .publisher: ZMQ_PUB
            case .reply: ZMQ_REP
            }
        }
    }

    let handle: UnsafeMutableRawPointer

    /// Creates a socket in the process's ZeroMQ context.
    public init(_ kind: Kind) {
        handle = zmq_socket(ZMQContext.shared, kind.raw)
        var linger: Int32 = 0
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    deinit { zmq_close(handle) }

    /// Binds to an endpoint such as `tcp://127.0.0.1:5555`.
    ///
    /// - Throws: `WireError.invalidConnectionFile` style errors are the caller's; this throws `ZMQError`.
    public func bind(_ endpoint: String) throws(ZMQError) {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.current("bind \(endpoint)") }
    }

    /// Sends a multipart message.
    public func send(_ frames: [[UInt8]]) throws(ZMQError) {
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? Int32(0) : ZMQ_SNDMORE
            while frame.withUnsafeBytes({ zmq_send(handle, $0.baseAddress, $0.count, flags) }) < 0 {
                guard zmq_errno() == EINTR else { throw ZMQError.current("send") }
            }
        }
    }

    /// Receives one multipart message, waiting for it. A signal that interrupts the wait (EINTR)
    /// is not a failure: the wait goes on, as in `send` and `poll`.
    public func receive() throws(ZMQError) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            while zmq_msg_recv(&message, handle, 0) < 0 {
                guard zmq_errno() == EINTR else { throw ZMQError.current("receive") }
            }
            let size = zmq_msg_size(&message)
            let data = zmq_msg_data(&message)
            frames.append(size == 0 ? [] : Array(UnsafeRawBufferPointer(start: data, count: size)))
            guard zmq_msg_more(&message) != 0 else { return frames }
        }
    }

    /// Waits until one of `sockets` has a message (or `timeout` milliseconds pass; -1 waits forever)
    /// and returns the indices of those that do.
    public static func poll(_ sockets: [ZMQSocket], timeout: Int = -1) throws(ZMQError) -> [Int] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        while zmq_poll(&items, Int32(items.count), timeout) < 0 {
            guard zmq_errno() == EINTR else { throw ZMQError.current("poll") }
        }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }
}

/// A libzmq failure, with errno's text.
public struct ZMQError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let reason: String
    public var description: String { "ZeroMQ \(operation) failed: \(reason)" }

    static func current(_ operation: String) -> ZMQError {
        ZMQError(operation: operation, reason: String(cString: zmq_strerror(zmq_errno())))
    }
}

/// The process's one ZeroMQ context.
enum ZMQContext {
    nonisolated(unsafe) static let shared: UnsafeMutableRawPointer = zmq_ctx_new()   // created once, never freed
}
