import Foundation

/// What the engine asks of a runner, one line of JSON on the runner's command channel
/// (`RunnerChannel.commands`).
package enum RunnerCommand: Sendable, Equatable, Codable {
    /// Load the cell library at `library` and call its entry function `symbol` on the main thread.
    case run(library: String, symbol: String)

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
