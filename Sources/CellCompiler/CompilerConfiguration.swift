import Foundation

/// Where the runtime library and its modules are, and where cells are built.
public struct CompilerConfiguration: Sendable {
    /// The `swiftc` to run.
    public var swiftc: String
    /// The folder holding `libNotebookRuntime.so` and `Modules/`.
    public var runtimeDirectory: String
    /// Module maps of the C modules the runtime was built with.
    public var moduleMaps: [String]
    /// The folder for generated sources, modules and libraries of this session.
    public var workDirectory: String
    /// The shared, absolute module cache (a warm cache makes a trivial cell compile in ~0.2 s).
    public var moduleCache: String

    public init(swiftc: String, runtimeDirectory: String, moduleMaps: [String], workDirectory: String, moduleCache: String) {
        self.swiftc = swiftc
        self.runtimeDirectory = runtimeDirectory
        self.moduleMaps = moduleMaps
        self.workDirectory = workDirectory
        self.moduleCache = moduleCache
    }

    /// The subfolder of a runtime folder holding the module files, as SwiftPM lays them out.
    public static let modulesSubfolder = "Modules"

    /// The file of the runtime's module `name`.
    public func runtimeModuleFile(_ name: String) -> String {
        "\(runtimeDirectory)/\(Self.modulesSubfolder)/\(name).swiftmodule"
    }

    /// The flags that let a compile (or sourcekitd) see the runtime's modules and the session's cells.
    public var moduleSearchArguments: [String] {
        var arguments = ["-I", workDirectory, "-I", runtimeDirectory + "/" + Self.modulesSubfolder, "-module-cache-path", moduleCache]
        for map in moduleMaps { arguments += ["-Xcc", "-fmodule-map-file=" + map] }
        return arguments
    }
}
