import Foundation

/// What the engine asks of a runner, one line of JSON on the runner's command channel
/// (`RunnerChannel.commands`).
package enum RunnerCommand: Sendable, Equatable, Codable {
    /// Load the cell library at `library` and call its entry function `symbol` on the main thread.
    case run(library: String, symbol: String)
    /// Load the library at `library` (the session's installed packages) for the cells after it
    /// to use, then report with `finished`.
    case load(library: String)
    /// Save the session's values to the file at `path`: call each cell's save function `symbols`
    /// (in cell order, from libraries loaded before), then report with `checkpointed` and `finished`.
    case checkpoint(path: String, symbols: [String])
    /// Bring back the values saved at `path`: load each of `libraries` in order without running
    /// it, call its restore function from `symbols`, then report with `checkpointed` and `finished`.
    case restore(path: String, libraries: [String], symbols: [String])

    /// The command as one line of JSON, newline included.
    package var line: [UInt8] {
        var bytes = [UInt8]((try? JSONEncoder().encode(self)) ?? Data())
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Decodes one line (without its newline).
    ///
    /// - Throws: `DecodingError` when the line is not a command.
    package init(line: some Collection<UInt8>) throws {
        self = try JSONDecoder().decode(RunnerCommand.self, from: Data(line))
    }
}
