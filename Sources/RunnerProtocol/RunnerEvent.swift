import Foundation
import NotebookDisplay

/// One message from a runtime hosted in a runner process to the engine that drives it, sent as
/// a line of JSON on the runner's event channel (`RunnerChannel.events`).
package enum RunnerEvent: Sendable, Equatable, Codable {
    /// A display, update, clear or cell result.
    case display(DisplayEvent)
    /// The cell threw: the error's type and description (Jupyter's `ename` and `evalue`).
    case failed(name: String, description: String)
    /// The cell's library could not be loaded (the runner's `dlopen` or `dlsym` failed).
    case loadFailed(reason: String)
    /// The cell's entry function returned, successfully or not (see `CellEnd`).
    case finished(succeeded: Bool)
    /// A checkpoint was saved or restored (`RunnerCommand.checkpoint`, `.restore`); `finished` follows.
    case checkpointed(CheckpointReport)
    /// The cell waits for a line of input (`readLine()`); the host answers on the runner's stdin
    /// (see `InputReply`).
    case inputRequest(prompt: String, password: Bool)

    /// The event as one line of JSON, newline included.
    package var line: [UInt8] {
        // Encoding plain enums of strings, booleans and string dictionaries cannot fail.
        var bytes = [UInt8]((try? JSONEncoder().encode(self)) ?? Data())
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Decodes one line (without its newline).
    ///
    /// - Throws: `DecodingError` when the line is not an event.
    package init(line: some Collection<UInt8>) throws {
        self = try JSONDecoder().decode(RunnerEvent.self, from: Data(line))
    }
}
