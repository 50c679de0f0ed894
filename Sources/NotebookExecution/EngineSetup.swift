import CellCompiler
import CellRunner
import Crypto
import Foundation
import ResultCache

/// The engine a run uses (where its runner, runtime and compiler are) and the facts that identify
/// it in cache keys: the toolchain's version and digests of the runtime, the runner and nbrun.
public struct EngineSetup: Sendable {
    /// The session configuration for cells whose current directory is `workingDirectory`.
    public let configuration: @Sendable (_ workingDirectory: String) -> SessionConfiguration

    public init(configuration: @escaping @Sendable (_ workingDirectory: String) -> SessionConfiguration) {
        self.configuration = configuration
    }

    /// The engine of the running executable's installation or build folder.
    public static let current = EngineSetup { SessionConfiguration(workingDirectory: $0) }

    /// The compiler's version line (`Swift version 6.3.1 (swift-6.3.1-RELEASE)`), asked of it once
    /// per compiler file when a cache can remember it.
    public func toolchainVersion(cache: ResultCache?) throws -> String {
        let swiftc = configuration("/").compiler.swiftc
        let ask = { try Toolchain.version(of: swiftc) }
        return try cache?.fingerprint(of: swiftc, purpose: "swiftc --version", compute: ask) ?? ask()
    }

    /// The cache keys' first link: the toolchain's version and the digests of the code that turns
    /// a cell into outputs: the runtime library, the runner, and the running executable (nbrun,
    /// which generates and compiles cells), so that an upgrade of any of them executes cells anew.
    public func keyBase(cache: ResultCache) throws -> CacheKey {
        let configuration = configuration("/")
        return CacheKey.base([
            "toolchain": try toolchainVersion(cache: cache),
            "runtime": try digest(of: configuration.runtimeLibrary, cache: cache),
            "runner": try digest(of: configuration.runnerExecutable, cache: cache),
            "generator": try digest(of: RuntimeLayout.runningExecutable, cache: cache),
        ])
    }

    /// What the packages `requests` ask for resolve to (`InstalledPackages.resolvedText`), for
    /// the cache keys of the cells from their `%install` on; when they cannot be resolved, why
    /// (no cached cell has that key: the cells run, and the `%install` cell fails with the reason).
    public func packageKey(for requests: [PackageRequest], workingDirectory: String) -> String {
        let store = configuration(workingDirectory).packageStore
        do {
            return "packages\n" + InstalledPackages.resolvedText(of: try store.resolve(PackageRequest.merged(requests)))
        } catch {
            return "packages unresolved\n\(error)"
        }
    }

    /// The SHA-256 of the file at `path`, computed again only when the file changed.
    public func digest(of path: String, cache: ResultCache) throws -> String {
        try cache.fingerprint(of: path, purpose: "sha256") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EngineSetupError(what: path, reason: "cannot be read")
            }
            return CacheKey.digest(data).hex
        }
    }
}

/// Part of the engine that cannot be used.
public struct EngineSetupError: Error, Sendable, CustomStringConvertible {
    public let what: String
    public let reason: String

    public var description: String { "\(what): \(reason)" }
}
