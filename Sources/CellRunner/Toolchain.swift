import Foundation
import Spawning

/// The compiler that compiles cells and the one that built the runtime's modules: a module can be
/// imported only by the compiler version that built it, so the two must be the same.
public enum Toolchain {
    /// The version line `swiftc --version` prints (`Swift version 6.3.1 (swift-6.3.1-RELEASE)`).
    ///
    /// - Throws: `EngineError.compilerUnavailable` when it cannot be run.
    public static func version(of swiftc: String) throws(EngineError) -> String {
        let result: (status: ExitStatus, output: String)
        do {
            result = try ChildProcess.run([swiftc, "--version"])
        } catch {
            throw .compilerUnavailable(swiftc: swiftc, reason: "\(error)")
        }
        guard result.status == .exited(0), let line = versionLine(in: result.output) else {
            throw .compilerUnavailable(swiftc: swiftc, reason: "`--version` ended with \(result.status): \(result.output)")
        }
        return line
    }

    /// The version of the compiler that built the module file at `path`, as it recorded it.
    public static func version(thatBuilt path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let start = data.firstRange(of: Data("Swift version ".utf8))?.lowerBound else { return nil }
        let end = data[start...].firstIndex(of: 0) ?? data.endIndex
        return String(decoding: data[start..<end], as: UTF8.self)
    }

    /// Why `swiftc` cannot compile cells against the runtime module at `runtimeModule`, or nil when it can.
    public static func problem(swiftc: String, runtimeModule: String) -> EngineError? {
        let found: String
        do {
            found = try version(of: swiftc)
        } catch {
            return error
        }
        guard let built = version(thatBuilt: runtimeModule) else {
            return .missingFile(path: runtimeModule, hint: "the runtime's modules are not built or not installed")
        }
        return found == built ? nil : .toolchainMismatch(swiftc: swiftc, found: found, runtime: built)
    }

    /// The line from `Swift version` on, in a compiler's `--version` output.
    private static func versionLine(in output: String) -> String? {
        output.split(separator: "\n").lazy.compactMap { line in
            line.range(of: "Swift version ").map { String(line[$0.lowerBound...]).trimmingCharacters(in: .whitespaces) }
        }.first
    }
}
