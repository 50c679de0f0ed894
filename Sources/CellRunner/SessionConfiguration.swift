import CellCompiler
import Foundation

/// Paths a session needs: the compiler setup, the runner executable and the runtime library.
public struct SessionConfiguration: Sendable {
    public var compiler: CompilerConfiguration
    /// The `swift-cell-runner` executable.
    public var runnerExecutable: String
    /// `libNotebookRuntime.so`.
    public var runtimeLibrary: String
    /// The cells' current directory (the notebook's folder, so relative data paths work).
    public var workingDirectory: String
    /// The modules every cell sees (what the kernel completes and documents when sourcekitd cannot).
    public var runtimeModules = RuntimeLayout.visibleModules
    /// The session saves a checkpoint of its values after a cell that ran at least this many
    /// seconds, to restore instead of replaying (nil: never). The environment variable
    /// `SWIFT_NOTEBOOKS_CHECKPOINT_AFTER` sets it (`off` for never); 0.5 s by default.
    public var checkpointThreshold: Double? = Self.defaultCheckpointThreshold

    /// The threshold `SWIFT_NOTEBOOKS_CHECKPOINT_AFTER` asks for in this process's environment.
    public static var defaultCheckpointThreshold: Double? {
        checkpointThreshold(environment: ProcessInfo.processInfo.environment)
    }

    /// The threshold `SWIFT_NOTEBOOKS_CHECKPOINT_AFTER` asks for in `environment`: its seconds,
    /// nil for `off`, else (unset or not a number of seconds) 0.5 s.
    public static func checkpointThreshold(environment: [String: String]) -> Double? {
        guard let text = environment["SWIFT_NOTEBOOKS_CHECKPOINT_AFTER"] else { return 0.5 }
        return text == "off" ? nil : Double(text).flatMap { $0 >= 0 ? $0 : nil } ?? 0.5
    }

    /// Where the packages that `%install` lines ask for are built, shared by every session:
    /// `cell-packages` beside the module cache by default.
    public var packageFolder: String

    /// The store of packages the session's cells build and load.
    public var packageStore: PackageStore { PackageStore(folder: packageFolder, swiftc: compiler.swiftc) }

    public init(compiler: CompilerConfiguration, runnerExecutable: String, runtimeLibrary: String, workingDirectory: String) {
        self.compiler = compiler
        self.packageFolder = (compiler.moduleCache as NSString).deletingLastPathComponent + "/cell-packages"
        self.runnerExecutable = runnerExecutable
        self.runtimeLibrary = runtimeLibrary
        self.workingDirectory = workingDirectory
    }

    /// A session of the installation or build folder `layout` (by default the running executable's).
    ///
    /// - Parameters:
    ///   - workingDirectory: The cells' current directory.
    ///   - sessionDirectory: Where this session's cells are built (removed with the session); a new
    ///     temporary folder by default.
    public init(layout: RuntimeLayout = .current, workingDirectory: String = FileManager.default.currentDirectoryPath,
                sessionDirectory: String? = nil) {
        let work = sessionDirectory ?? NSTemporaryDirectory() + "swift-cells-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.init(compiler: CompilerConfiguration(swiftc: layout.swiftc(), runtimeDirectory: layout.runtime,
                                                  moduleMaps: layout.moduleMaps, workDirectory: work,
                                                  moduleCache: layout.writableModuleCache()),
                  runnerExecutable: layout.runnerExecutable, runtimeLibrary: layout.runtimeLibrary,
                  workingDirectory: workingDirectory)
    }
}
