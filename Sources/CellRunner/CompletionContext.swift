import CellCompiler

/// What a tool needs to type-check code as the session's next cell would see it: the kernel's
/// completion and inspection through sourcekitd.
public struct CompletionContext: Sendable, Equatable {
    /// The compiler the session uses (sourcekitd comes with it).
    public let compiler: String
    /// The lines a cell starts with: the session's imports.
    public let importLines: [String]
    /// `swiftc` arguments that find the runtime's and the session's modules.
    public let compilerArguments: [String]
    /// A module name that changes with each successful cell (a tool that caches its compiler
    /// context by its arguments then sees the new cell's module).
    public let moduleName: String
    /// A file in the session's folder, for a tool that reads the code from a file.
    public let scratchFile: String
    /// The names the session declared, which the next cell sees.
    public let names: [String]

    /// Whether `name` is one the engine made up for its generated code (not to be offered).
    public static func isGenerated(_ name: String) -> Bool {
        CellNames.isGenerated(name)
    }
}

extension ExecutionSession {
    /// What a tool needs to type-check code as the next cell would see it.
    public var completionContext: CompletionContext {
        let compiler = configuration.compiler
        return CompletionContext(compiler: compiler.swiftc, importLines: scope.importLines,
                                 compilerArguments: ["-swift-version", "5"] + compiler.moduleSearchArguments + self.compiler.packageArguments,
                                 moduleName: "CompletionAfterCell\(scope.lastCell)",
                                 scratchFile: compiler.workDirectory + "/completion-query.swift", names: scope.names)
    }
}
