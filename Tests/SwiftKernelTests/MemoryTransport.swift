import Foundation
import JupyterWire
import Synchronization
@testable import SwiftKernel

/// The kernel's channels in memory: a test queues signed requests as a client would send them and
/// reads what the server sent, without sockets or a compiler.
final class MemoryTransport: KernelTransport, @unchecked Sendable {   // all state behind `condition`
    private let condition = NSCondition()
    private var inboxes: [KernelChannel: [[[UInt8]]]] = [:]
    private var sent: [(channel: KernelChannel, frames: [[UInt8]])] = []
    private var closed = false

    /// Queues a message for the server on `channel`.
    func deliver(_ frames: [[UInt8]], on channel: KernelChannel) {
        condition.lock()
        inboxes[channel, default: []].append(frames)
        condition.broadcast()
        condition.unlock()
    }

    /// Ends every channel: the server's receives return nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// What the server sent, in order.
    var sentMessages: [(channel: KernelChannel, frames: [[UInt8]])] {
        condition.lock()
        defer { condition.unlock() }
        return sent
    }

    /// Waits until the server has sent a message matching `predicate` on `channel`, at most
    /// `seconds`. `predicate` runs under the transport's lock: it must not call the transport.
    func waitFor(_ channel: KernelChannel, seconds: Double = 5, _ predicate: ([[UInt8]]) -> Bool) -> Bool {
        let deadline = Date() + seconds
        condition.lock()
        defer { condition.unlock() }
        while !sent.contains(where: { $0.channel == channel && predicate($0.frames) }) {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }

    func receive(on channel: KernelChannel) -> [[UInt8]]? {
        condition.lock()
        defer { condition.unlock() }
        while inboxes[channel, default: []].isEmpty && !closed { condition.wait() }
        guard !inboxes[channel, default: []].isEmpty else { return nil }
        return inboxes[channel]!.removeFirst()
    }

    func hasMessage(on channel: KernelChannel) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return !inboxes[channel, default: []].isEmpty
    }

    func send(_ frames: [[UInt8]], on channel: KernelChannel) {
        condition.lock()
        sent.append((channel, frames))
        condition.broadcast()
        condition.unlock()
    }
}
