import Foundation

/// What compiling a cell left in the session's folder that later cells and the runner need: its
/// library and its module file. Another session of the same cells, runtime and compiler can take
/// them instead of compiling (nbrun keeps them in its cache).
public struct CompiledCell: Sendable, Equatable {
    /// The cell's module name (`Cell3`): the files are valid only under it.
    public let moduleName: String
    /// `libCell3.so`: it names itself by its file name (its soname), so a session in another
    /// folder loads it against the earlier cells it already loaded.
    public let library: Data
    /// `Cell3.swiftmodule`, for later cells to import.
    public let module: Data
    /// The runtime folder the library was linked against (its run path).
    public let runtimeDirectory: String

    public init(moduleName: String, library: Data, module: Data, runtimeDirectory: String) {
        (self.moduleName, self.library, self.module, self.runtimeDirectory) = (moduleName, library, module, runtimeDirectory)
    }
}

extension SwiftCompiler {
    /// The files compiling module `moduleName` left in the session's folder.
    ///
    /// - Throws: When a file cannot be read.
    public func compiledCell(_ moduleName: String) throws -> CompiledCell {
        CompiledCell(moduleName: moduleName, library: try Data(contentsOf: URL(fileURLWithPath: libraryPath(ofModule: moduleName))),
                     module: try Data(contentsOf: URL(fileURLWithPath: modulePath(ofModule: moduleName))),
                     runtimeDirectory: configuration.runtimeDirectory)
    }

    /// Puts a compiled cell's files into the session's folder instead of compiling it.
    ///
    /// - Returns: Its library's path, or nil when the files are for another runtime folder or
    ///   cannot be written.
    public func install(_ compiled: CompiledCell) -> String? {
        guard compiled.runtimeDirectory == configuration.runtimeDirectory else { return nil }
        let library = libraryPath(ofModule: compiled.moduleName)
        guard FileManager.default.createFile(atPath: library, contents: compiled.library),
              FileManager.default.createFile(atPath: modulePath(ofModule: compiled.moduleName), contents: compiled.module) else {
            return nil
        }
        return library
    }
}
