import Foundation
import Spawning

/// The runtime's public API as the built modules declare it: names for completion and signatures
/// with doc comments for inspection, when sourcekitd cannot answer.
///
/// Read with the toolchain's `swift-symbolgraph-extract` from the modules cells import (no source
/// files needed, so an installed runtime has it too), once per build of each module: the graphs
/// are kept beside the module cache, named after the module file's size and modification time.
public struct RuntimeSymbols: Sendable {
    /// Each public declaration's signature and doc comment, by name (initializers under their type).
    public private(set) var documentation = DocumentationIndex()
    /// The top-level names: types, functions, global variables.
    public private(set) var topLevelNames: [String] = []
    /// Why a module's symbols are missing, one line per module left out, for the host's log.
    public private(set) var problems: [String] = []

    public init() {}

    /// The symbols of `modules`, found with `configuration`'s search paths; a module whose graph
    /// cannot be made is left out (completion and inspection then know less) and named in `problems`.
    public static func load(modules: [String], configuration: CompilerConfiguration) -> RuntimeSymbols {
        var symbols = RuntimeSymbols()
        for module in modules {
            do {
                try symbols.add(symbolGraph(of: module, configuration: configuration))
            } catch {
                symbols.problems.append("the symbols of \(module) are not known: \(error)")
            }
        }
        symbols.topLevelNames = Array(Set(symbols.topLevelNames)).sorted()
        return symbols
    }

    /// Adds the symbols of one symbol graph (the JSON `swift-symbolgraph-extract` writes).
    ///
    /// - Throws: `SymbolGraphError` when it is not JSON with a list of symbols.
    mutating func add(_ graph: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: graph) as? [String: Any],
              let symbols = root["symbols"] as? [[String: Any]] else { throw SymbolGraphError("it has no list of symbols") }
        for symbol in symbols {
            guard let path = symbol["pathComponents"] as? [String], let title = path.last,
                  let fragments = symbol["declarationFragments"] as? [[String: Any]] else { continue }
            let signature = fragments.compactMap { $0["spelling"] as? String }.joined()
            let lines = ((symbol["docComment"] as? [String: Any])?["lines"] as? [[String: Any]]) ?? []
            let comment = lines.compactMap { $0["text"] as? String }.joined(separator: "\n")
            let baseName = String(title.prefix { $0 != "(" })
            // Initializers are looked up by their type's name, as `Dense(` shows them.
            let name = baseName == "init" && path.count >= 2 ? path[path.count - 2] : baseName
            documentation.add(name: name, entry: .init(signature: signature, documentation: comment))
            if path.count == 1 { topLevelNames.append(baseName) }
        }
    }

    /// The symbol graph of `module`: the one kept for this build of its module file, else a new one.
    ///
    /// - Throws: When the module file cannot be read or `swift-symbolgraph-extract` fails.
    private static func symbolGraph(of module: String, configuration: CompilerConfiguration) throws -> Data {
        let moduleFile = configuration.runtimeModuleFile(module)
        let attributes = try FileManager.default.attributesOfItem(atPath: moduleFile)
        let stamp = "\((attributes[.size] as? NSNumber)?.intValue ?? 0)-\(Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))"
        let folder = configuration.moduleCache + "/symbol-graphs/\(module)-\(stamp)"
        let file = folder + "/\(module).symbols.json"
        if let kept = FileManager.default.contents(atPath: file) { return kept }
        let extractor = URL(fileURLWithPath: configuration.swiftc).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("swift-symbolgraph-extract").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let arguments = [extractor, "-module-name", module, "-target", targetTriple, "-output-dir", folder,
                         "-minimum-access-level", "public"] + configuration.moduleSearchArguments
        let (status, output) = try ChildProcess.run(arguments)
        guard status == .exited(0) else {
            throw SymbolGraphError("swift-symbolgraph-extract \(status): \(output.suffix(500))")
        }
        guard let graph = FileManager.default.contents(atPath: file) else {
            throw SymbolGraphError("swift-symbolgraph-extract wrote no \(file)")
        }
        return graph
    }

    /// The triple the runtime was built for: this process's.
    private static var targetTriple: String {
        #if arch(x86_64)
        "x86_64-unknown-linux-gnu"
        #elseif arch(arm64)
        "aarch64-unknown-linux-gnu"
        #else
        "unknown-unknown-linux-gnu"
        #endif
    }
}

/// Why a module's symbol graph could not be made or read.
struct SymbolGraphError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
