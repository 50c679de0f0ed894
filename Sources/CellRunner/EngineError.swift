/// Failures of the engine itself (not of a user's cell).
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The runner process could not be started.
    case runnerFailedToStart(reason: String)
    /// A file the engine needs is missing.
    case missingFile(path: String, hint: String)
    /// The Swift compiler cannot be run.
    case compilerUnavailable(swiftc: String, reason: String)
    /// A runner could not load the library of the session's installed packages.
    case packagesNotLoaded(library: String, reason: String)
    /// The compiler is another version than the one that built the runtime's modules.
    case toolchainMismatch(swiftc: String, found: String, runtime: String)

    public var description: String {
        switch self {
        case let .runnerFailedToStart(reason): "The cell runner could not be started: \(reason)"
        case let .missingFile(path, hint): "\(path) is missing; \(hint)"
        case let .packagesNotLoaded(library, reason): "The runner could not load the installed packages (\(library)): \(reason)"
        case let .compilerUnavailable(swiftc, reason):
            """
            The Swift compiler \(swiftc) cannot be run (\(reason)). Install the Swift toolchain the \
            runtime was built with, or name its swiftc in $\(RuntimeLayout.compilerVariable).
            """
        case let .toolchainMismatch(swiftc, found, runtime):
            """
            Cells cannot be compiled: the runtime was built by \(runtime), but the compiler \(swiftc) \
            is \(found), and a module can only be imported by the compiler version that built it. \
            Name the right swiftc in $\(RuntimeLayout.compilerVariable) (for the kernel, in its \
            kernel.json's "env"), or build and install again with this compiler (`make install`).
            """
        }
    }
}
