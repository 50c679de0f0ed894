import Foundation
import Spawning

/// The runner process's descriptors, and the order of what travels on them.
///
/// A runner (`swift-cell-runner`) reads commands on fd 3 and writes events on fd 4; the cell's own
/// stdout and stderr are pipes of their own, read by other threads, so on arrival an event cannot
/// be placed among the text by itself. Every event therefore follows a barrier written on stdout
/// and on stderr (`send(_:on:)`): the host shows event *n* after the text before each stream's
/// *n*th barrier and before the text after it, so a cell's output comes out in the order the cell
/// made it, every run. The cell's last event is `finished`: once its barriers have arrived, the
/// host has all of the cell's output.
package enum RunnerChannel {
    /// The runner reads `RunnerCommand` lines here.
    package static let commands: Int32 = 3
    /// The runtime (and the runner, for load failures) writes `RunnerEvent` lines here.
    package static let events: Int32 = 4
    /// The environment variable that gives the runner its host's process id: the runner ends
    /// with that process (`ChildProcess.endWithParent`), and at once if it is already gone.
    package static let parentEnvironmentKey = "SWIFT_CELL_RUNNER_PARENT"

    /// Written to stdout and to stderr before each event. It cannot come from a cell's text: it
    /// starts with a NUL byte, which `print` of a Swift string never writes by accident.
    package static let barrier: [UInt8] = [0, 1] + Array("notebook-barrier".utf8) + [1, 0]

    /// Sends `event` on `descriptor` behind a barrier on stdout and stderr. Callers on several
    /// threads must hold one lock around it, so barriers and events keep the same order.
    package static func send(_ event: RunnerEvent, on descriptor: Int32) {
        fflush(nil)   // text the cell printed before the event goes before the barrier
        for stream: Int32 in [1, 2] { Descriptor.writeAll(stream, barrier) }
        Descriptor.writeAll(descriptor, event.line)
    }
}
