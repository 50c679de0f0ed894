import Foundation
import JupyterWire
import Synchronization

/// The kernel's channels as the ZeroMQ sockets of a connection file, with the heartbeat echoed on
/// a thread of its own.
final class ZeroMQTransport: KernelTransport, @unchecked Sendable {   // each socket has one owner thread; IOPub is locked
    private let shell = ZMQSocket(.router)
    private let control = ZMQSocket(.router)
    private let stdin = ZMQSocket(.router)
    private let iopub: Mutex<ZMQSocket>

    /// Binds every socket of `connection`.
    ///
    /// - Throws: `ZMQError` when a port cannot be bound.
    init(_ connection: ConnectionFile) throws {
        let publisher = ZMQSocket(.publisher)
        try publisher.bind(connection.endpoint(port: connection.iopubPort))
        iopub = Mutex(publisher)
        try shell.bind(connection.endpoint(port: connection.shellPort))
        try stdin.bind(connection.endpoint(port: connection.stdinPort))
        try control.bind(connection.endpoint(port: connection.controlPort))
        let heartbeat = ZMQSocket(.reply)
        try heartbeat.bind(connection.endpoint(port: connection.heartbeatPort))
        Thread.detachNewThread {
            do {
                while true { try heartbeat.send(try heartbeat.receive()) }
            } catch {
                Kernel.log("the heartbeat stopped: \(error)")
            }
        }
    }

    private func socket(_ channel: KernelChannel) -> ZMQSocket? {
        switch channel {
        case .shell: shell
        case .control: control
        case .stdin: stdin
        case .iopub: nil
        }
    }

    func receive(on channel: KernelChannel) -> [[UInt8]]? {
        do {
            return try socket(channel)?.receive()
        } catch {
            Kernel.log("the \(channel) channel stopped receiving: \(error)")
            return nil
        }
    }

    func hasMessage(on channel: KernelChannel) -> Bool {
        guard let socket = socket(channel) else { return false }
        do {
            return try !ZMQSocket.poll([socket], timeout: 0).isEmpty
        } catch {
            Kernel.log("the \(channel) channel could not be polled: \(error)")
            return false
        }
    }

    func send(_ frames: [[UInt8]], on channel: KernelChannel) {
        do {
            if let socket = socket(channel) {
                try socket.send(frames)
            } else {
                try iopub.withLock { socket throws(ZMQError) in try socket.send(frames) }
            }
        } catch {
            Kernel.log("a message on the \(channel) channel was not sent: \(error)")
        }
    }
}
