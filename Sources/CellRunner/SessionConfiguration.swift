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
    /// The modules every cell sees: the runtime library's and those it re-exports (what the kernel
    /// completes and documents when sourcekitd cannot).
    public var runtimeModules = ["NotebookRuntime", "Neural", "Frames", "Charts", "NotebookDisplay"]

    public init(compiler: CompilerConfiguration, runnerExecutable: String, runtimeLibrary: String, workingDirectory: String) {
        self.compiler = compiler
        self.runnerExecutable = runnerExecutable
        self.runtimeLibrary = runtimeLibrary
        self.workingDirectory = workingDirectory
    }

    /// The configuration of the SwiftPM build this process belongs to: runtime and runner beside
    /// the running executable, module maps under the package's `Sources/`, `swiftc` from `PATH`.
    ///
    /// - Parameters:
    ///   - workingDirectory: The cells' current directory.
    ///   - sessionDirectory: Where this session's cells are built (removed with the session); a new
    ///     temporary folder by default.
    public static func forThisBuild(workingDirectory: String = FileManager.default.currentDirectoryPath,
                                    sessionDirectory: String? = nil) -> SessionConfiguration {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let buildDirectory = executable.deletingLastPathComponent().path
        let packageRoot = buildDirectory.components(separatedBy: "/.build/").first ?? buildDirectory
        // The C modules the runtime imports: system libraries' maps in the sources, C targets' in the build.
        let moduleMaps = ["COpenBLAS", "CMalloc", "CVectorMath"].map { "\(packageRoot)/Sources/\($0)/module.modulemap" }
            + ["\(buildDirectory)/CPUFeatures.build/module.modulemap"]
        let swiftc = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/swiftc"
        let work = sessionDirectory ?? NSTemporaryDirectory() + "swift-cells-\(getpid())-\(UUID().uuidString.prefix(8))"
        return SessionConfiguration(
            compiler: CompilerConfiguration(swiftc: swiftc, runtimeDirectory: buildDirectory, moduleMaps: moduleMaps,
                                            workDirectory: work, moduleCache: buildDirectory + "/cell-module-cache"),
            runnerExecutable: buildDirectory + "/swift-cell-runner",
            runtimeLibrary: buildDirectory + "/libNotebookRuntime.so",
            workingDirectory: workingDirectory)
    }
}
