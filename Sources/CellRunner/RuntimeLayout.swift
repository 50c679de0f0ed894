import CellCompiler
import Foundation

/// Where the parts of an installation are: the executables, the runtime library with its modules
/// and the C module maps they import, the kernelspec template, the module cache and the compiler.
///
/// The one owner of the two layouts. A SwiftPM build folder: the executables, the runtime and its
/// `Modules/` side by side, the module maps in the package's `Sources/`. An installation made by
/// `swift-kernel install` (`<prefix>/lib/swift-notebooks/<version>/`):
///
///     installation.json        version and the compiler it pins
///     bin/                     swift-kernel, nbrun, swift-cell-runner
///     runtime/                 libNotebookRuntime.so, Modules/, include/<C module>/module.modulemap
///     kernelspec/              kernel.json template and logos
///     module-cache/            warmed at install time
public struct RuntimeLayout: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case buildFolder
        case installation
    }

    public var kind: Kind
    /// The folder of `swift-kernel`, `nbrun` and `swift-cell-runner`.
    public var executables: String
    /// The folder of `libNotebookRuntime.so`, with the runtime's modules in `Modules/`.
    public var runtime: String
    /// The module maps of the C modules the runtime's modules import.
    public var moduleMaps: [String]
    /// The folder with the kernelspec template (`kernel.json`, logos).
    public var kernelspecTemplate: String
    /// The module cache that comes with the layout.
    public var moduleCache: String
    /// The compiler an installation was made with, which its sessions use.
    public var pinnedSwiftc: String?
    /// A build folder's package `Sources/` (where the C modules' headers are).
    public var packageSources: String?

    /// The modules every cell sees: the runtime library's and those it re-exports.
    public static let visibleModules = ["NotebookRuntime", "Neural", "Frames", "Charts", "NotebookDisplay"]
    /// The Swift modules those import, which a compile must find too.
    public static let supportingModules = ["RunnerProtocol", "Spawning", "BLAS"]
    /// The C modules the runtime's modules import: SwiftPM system libraries (a module map and a
    /// shim header in `Sources/<name>/`) and the C targets `CPUFeatures`, `TrainingKernels` and
    /// `CProcessControl` (Spawning's, which Frames and RunnerProtocol use: a client of a module built
    /// without library evolution loads even the modules it imports internally).
    public static let systemLibraryModules = ["COpenBLAS", "CMalloc"]
    public static let cTargetModules = ["CPUFeatures", "TrainingKernels", "CProcessControl"]
    /// The variable that names the compiler, before an installation's pin and `PATH`.
    public static let compilerVariable = "SWIFT_NOTEBOOKS_SWIFTC"
    /// The executable names.
    public static let executableNames = ["swift-kernel", "nbrun", "swift-cell-runner"]

    /// The layout of the running executable: an installation when `installation.json` is in its
    /// folder's parent, else the SwiftPM build folder it was built in.
    public static var current: RuntimeLayout {
        let folder = (runningExecutable as NSString).deletingLastPathComponent
        let root = (folder as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: root + "/" + InstallationManifest.fileName) else {
            return buildFolder(folder)
        }
        // A manifest that cannot be read pins no compiler: cells use the variable's or PATH's, and
        // a compiler other than the runtime's fails the first cell with the module's version.
        return installation(at: root, pinnedSwiftc: (try? InstallationManifest.read(from: root))?.swiftc)
    }

    /// The running executable's resolved path.
    public static var runningExecutable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    /// The SwiftPM build folder `folder` (`.build/release`) of the package these sources are in.
    public static func buildFolder(_ folder: String) -> RuntimeLayout {
        // This file is <package>/Sources/CellRunner/RuntimeLayout.swift, wherever the build folder is.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let maps = systemLibraryModules.map { "\(package)/Sources/\($0)/module.modulemap" }
            + cTargetModules.map { "\(folder)/\($0).build/module.modulemap" }
        return RuntimeLayout(kind: .buildFolder, executables: folder, runtime: folder, moduleMaps: maps,
                             kernelspecTemplate: package + "/kernelspec", moduleCache: folder + "/cell-module-cache",
                             pinnedSwiftc: nil, packageSources: package + "/Sources")
    }

    /// The installation at `root` (where an installer puts each part).
    ///
    /// - Parameter pinnedSwiftc: The compiler its manifest names.
    public static func installation(at root: String, pinnedSwiftc: String?) -> RuntimeLayout {
        let runtime = root + "/runtime"
        return RuntimeLayout(kind: .installation, executables: root + "/bin", runtime: runtime,
                             moduleMaps: cModules.map { "\(runtime)/include/\($0)/module.modulemap" },
                             kernelspecTemplate: root + "/kernelspec", moduleCache: root + "/module-cache",
                             pinnedSwiftc: pinnedSwiftc, packageSources: nil)
    }

    /// Every C module, in the order of `moduleMaps`.
    public static var cModules: [String] { systemLibraryModules + cTargetModules }

    public var runnerExecutable: String { executables + "/swift-cell-runner" }
    public var runtimeLibrary: String { runtime + "/libNotebookRuntime.so" }
    public var runtimeModules: String { runtime + "/" + CompilerConfiguration.modulesSubfolder }

    /// The compiler cells are compiled with: `$SWIFT_NOTEBOOKS_SWIFTC`, else the installation's, else
    /// the first `swiftc` on `PATH`.
    public func swiftc(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let named = environment[Self.compilerVariable], !named.isEmpty { return named }
        if let pinnedSwiftc { return pinnedSwiftc }
        return (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/swiftc" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/swiftc"
    }

    /// The module cache a session uses: the layout's own (warm in an installation) when this user
    /// can write it, else one in the user's cache folder.
    public func writableModuleCache(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let existing = FileManager.default.fileExists(atPath: moduleCache) ? moduleCache : (moduleCache as NSString).deletingLastPathComponent
        if access(existing, W_OK) == 0 { return moduleCache }
        let caches = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
        return "\(caches)/swift-notebooks/\(ProjectVersion.current)/module-cache"
    }
}
