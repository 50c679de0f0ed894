import CellCompiler
import CellRunner
import Foundation

/// `swift-kernel install` and `uninstall`: an installation made from a build folder in
/// `<prefix>/lib/swift-notebooks/<version>/` (see `RuntimeLayout`), commands linked into
/// `<prefix>/bin`, a kernelspec that starts it with the compiler it was built with, and a module
/// cache warmed by compiling a first cell, so that a user's first cell is as quick as the next.
public enum Installer {
    /// Where an installation goes when no prefix is given.
    public static let defaultPrefix = "/usr/local"
    /// The commands linked into `<prefix>/bin`.
    static let linkedCommands = ["swift-kernel", "nbrun"]

    /// The folder of this version's installation under `prefix`.
    public static func root(prefix: String) -> String {
        "\(prefix)/lib/swift-notebooks/\(ProjectVersion.current)"
    }

    /// Installs the build folder `source` under `prefix`, replacing an installation of the same
    /// version; writes the kernelspec `name` into `kernels`. Nothing is left half-installed: the
    /// files are copied into a folder beside the installation's, which takes its place at the end.
    ///
    /// - Returns: The installation's folder.
    /// - Throws: `InstallError` naming what is missing or what failed.
    @discardableResult
    public static func install(from source: RuntimeLayout, prefix: String, kernels: String, name: String) throws -> String {
        guard source.kind == .buildFolder, let sources = source.packageSources else {
            throw InstallError("an installation is installed from a build folder (make install builds one)")
        }
        try requireParts(of: source)
        for command in linkedCommands where isOccupied(prefix + "/bin/" + command) {
            throw InstallError("\(prefix)/bin/\(command) exists and is not a link; remove it or choose another prefix")
        }
        let root = root(prefix: prefix)
        let staging = root + ".partial-\(getpid())"
        let swiftc = source.swiftc()
        let fileManager = FileManager.default
        // A staging folder is left only by an install that was killed; if it cannot be removed,
        // creating it below fails and says why.
        try? fileManager.removeItem(atPath: staging)
        do {
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let manifest = InstallationManifest(version: ProjectVersion.current, swiftc: swiftc)
            try manifest.write(to: staging)
            try copyParts(of: source, sources: sources, into: RuntimeLayout.installation(at: staging, pinnedSwiftc: swiftc))
            // The same version installed before, replaced; if it cannot be removed, the move fails and says why.
            try? fileManager.removeItem(atPath: root)
            try fileManager.moveItem(atPath: staging, toPath: root)
        } catch {
            // The error thrown below is the one that matters; a staging folder left over is replaced next time.
            try? fileManager.removeItem(atPath: staging)
            throw InstallError("cannot copy the installation into \(root): \(error)")
        }
        let installed = RuntimeLayout.installation(at: root, pinnedSwiftc: swiftc)
        do {
            try warmUp(installed)
            for command in linkedCommands {
                try link(prefix + "/bin/" + command, to: installed.executables + "/" + command)
            }
            try KernelspecInstaller.install(name: name, into: kernels, template: installed.kernelspecTemplate,
                                            binary: installed.executables + "/swift-kernel",
                                            environment: [RuntimeLayout.compilerVariable: swiftc])
        } catch {
            // Undoes the half-made installation; the error that stopped it is the one reported.
            _ = uninstall(prefix: prefix, kernels: kernels, name: name)
            throw error
        }
        return root
    }

    /// What `uninstall` removed, and what it found but could not remove (with the reason).
    public struct Removal: Sendable {
        public var removed: [String] = []
        public var failures: [String] = []
    }

    /// Removes this version's installation under `prefix`, its links in `<prefix>/bin` and the
    /// kernelspec `name` in `kernels` when it starts that installation.
    public static func uninstall(prefix: String, kernels: String, name: String) -> Removal {
        let root = root(prefix: prefix)
        let fileManager = FileManager.default
        var removal = Removal()
        func remove(_ path: String) {
            do {
                try fileManager.removeItem(atPath: path)
                removal.removed.append(path)
            } catch {
                removal.failures.append("\(path): \(error.localizedDescription)")
            }
        }
        let kernelspec = kernels + "/" + name
        if let binary = KernelspecInstaller.binary(ofKernelspecAt: kernelspec), binary.hasPrefix(root + "/") {
            remove(kernelspec)
        }
        for command in linkedCommands {
            let link = prefix + "/bin/" + command
            // Not a link (or absent): not ours to remove.
            if let target = try? fileManager.destinationOfSymbolicLink(atPath: link), target.hasPrefix(root + "/") {
                remove(link)
            }
        }
        if fileManager.fileExists(atPath: root) { remove(root) }
        let versions = (root as NSString).deletingLastPathComponent
        // A versions folder that cannot be listed holds other versions, or is not ours: it stays.
        if (try? fileManager.contentsOfDirectory(atPath: versions))?.isEmpty == true { remove(versions) }
        return removal
    }

    // MARK: - Parts

    /// Fails, naming each missing part, unless `layout` has everything an installation copies.
    static func requireParts(of layout: RuntimeLayout) throws {
        let needed = RuntimeLayout.executableNames.map { layout.executables + "/" + $0 }
            + [layout.runtimeLibrary, layout.kernelspecTemplate + "/kernel.json"]
            + (RuntimeLayout.visibleModules + RuntimeLayout.supportingModules).map { "\(layout.runtimeModules)/\($0).swiftmodule" }
            + layout.moduleMaps
        let missing = needed.filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            throw InstallError("the build folder \(layout.executables) lacks \(missing.joined(separator: ", ")); "
                + "build them with `make install` (or `swift build -c release` for each product)")
        }
    }

    /// Copies the build folder `source`'s parts (and the C modules' headers from `sources`) to
    /// where the installation `target` has them.
    private static func copyParts(of source: RuntimeLayout, sources: String, into target: RuntimeLayout) throws {
        let fileManager = FileManager.default
        for folder in [target.executables, target.runtimeModules, target.moduleCache] {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for executable in RuntimeLayout.executableNames {
            try fileManager.copyItem(atPath: source.executables + "/" + executable, toPath: target.executables + "/" + executable)
        }
        try fileManager.copyItem(atPath: source.runtimeLibrary, toPath: target.runtimeLibrary)
        for module in RuntimeLayout.visibleModules + RuntimeLayout.supportingModules {
            // The .swiftdoc files carry the doc comments that completion and inspection show.
            for suffix in [".swiftmodule", ".swiftdoc"] where fileManager.fileExists(atPath: "\(source.runtimeModules)/\(module)\(suffix)") {
                try fileManager.copyItem(atPath: "\(source.runtimeModules)/\(module)\(suffix)",
                                         toPath: "\(target.runtimeModules)/\(module)\(suffix)")
            }
        }
        for (module, map) in zip(RuntimeLayout.cModules, target.moduleMaps) {
            let folder = (map as NSString).deletingLastPathComponent
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if RuntimeLayout.systemLibraryModules.contains(module) {
                // A system library's module map names its shim header beside it.
                try copyContents(of: "\(sources)/\(module)", into: folder)
            } else {
                // A C target's headers are in its include/; its map (in the build folder) names them by absolute path.
                try copyContents(of: "\(sources)/\(module)/include", into: folder)
                try "module \(module) {\n    umbrella \".\"\n    export *\n}\n".write(toFile: map, atomically: true, encoding: .utf8)
            }
        }
        try fileManager.createDirectory(atPath: target.kernelspecTemplate, withIntermediateDirectories: true)
        try copyContents(of: source.kernelspecTemplate, into: target.kernelspecTemplate)
    }

    private static func copyContents(of folder: String, into target: String) throws {
        for item in try FileManager.default.contentsOfDirectory(atPath: folder) {
            try FileManager.default.copyItem(atPath: folder + "/" + item, toPath: target + "/" + item)
        }
    }

    /// Whether `path` holds something other than a symbolic link.
    private static func isOccupied(_ path: String) -> Bool {
        // destinationOfSymbolicLink throws for anything but a link.
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil && FileManager.default.fileExists(atPath: path)
    }

    /// Replaces `link` (a symbolic link, or nothing) with a link to `target`.
    private static func link(_ link: String, to target: String) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Usually absent; one that cannot be removed makes the link below fail and say why.
        try? fileManager.removeItem(atPath: link)
        try fileManager.createSymbolicLink(atPath: link, withDestinationPath: target)
    }

    /// Compiles and runs a first cell in the installation, which fills its module cache, has
    /// sourcekitd build its modules there too (the kernel warms it up at every start), and reads
    /// the runtime's symbol graphs into it (the kernel's documentation without sourcekitd).
    private static func warmUp(_ installation: RuntimeLayout) throws {
        let folder = NSTemporaryDirectory() + "swift-notebooks-install-\(getpid())"
        // A session folder left in the temporary folder harms nothing.
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configuration = SessionConfiguration(layout: installation, workingDirectory: NSTemporaryDirectory(),
                                                 sessionDirectory: folder)
        let session = try ExecutionSession(configuration: configuration)
        defer { session.shutdown() }
        var printed = ""
        let outcome = session.execute("print(Tensor([1, 2]).sum())") { event in
            switch event {
            case let .stdout(text): printed += text
            case let .warning(text): Kernel.log(text)
            default: break
            }
        }
        if case let .failure(error) = outcome {
            throw InstallError("the installation cannot run a cell: \(error.value)")
        }
        guard printed == "3.0\n" else { throw InstallError("the installation's first cell printed \(printed.debugDescription), not 3.0") }
        // Without them the kernel still completes, after building sourcekitd's modules itself.
        if !SwiftEngineHandler(engine: session).warmUpNow() { Kernel.log("sourcekitd's modules were not built: it gave no answer") }
        // Without them the kernel still runs, with less to say when sourcekitd cannot answer.
        RuntimeSymbols.load(modules: configuration.runtimeModules, configuration: configuration.compiler).problems.forEach { Kernel.log($0) }
    }
}

/// An installation that cannot be made.
public struct InstallError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
