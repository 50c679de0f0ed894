import Foundation
import Spawning

/// The runner process's descriptors and the end of a cell on them.
///
/// A runner (`swift-cell-runner`) reads commands on fd 3 and writes events on fd 4; the cell's own
/// stdout and stderr are pipes of their own, so the host knows it has all of a cell's output only
/// when each stream has carried `streamEndMarker`. Every path that ends a cell ends it with
/// `endCell(succeeded:sendEvent:)`: the markers, then `RunnerEvent.finished`.
package enum RunnerChannel {
    /// The runner reads `RunnerCommand` lines here.
    package static let commands: Int32 = 3
    /// The runtime (and the runner, for load failures) writes `RunnerEvent` lines here.
    package static let events: Int32 = 4

    /// Written to stdout and to stderr when a cell ends. It cannot come from a cell's text: it
    /// starts with a NUL byte, which `print` of a Swift string never writes by accident.
    package static let streamEndMarker: [UInt8] = [0, 1] + Array("notebook-cell-end".utf8) + [1, 0]

    /// Ends a cell: flushes C's buffered output, writes the end marker on stdout and stderr, then
    /// hands `finished` to `sendEvent` (which writes it on the event channel).
    package static func endCell(succeeded: Bool, sendEvent: (RunnerEvent) -> Void) {
        fflush(nil)
        for descriptor: Int32 in [1, 2] { Descriptor.writeAll(descriptor, streamEndMarker) }
        sendEvent(.finished(succeeded: succeeded))
    }
}
