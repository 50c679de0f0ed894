import CellCompiler
import Foundation
import Spawning

/// Where the packages that sessions install are built: one SwiftPM package per set of requests
/// (`<folder>/<key>/`, the key a digest of its manifest and the compiler), whose one dynamic
/// library links every product, built `-c release` once and then reused by every session that
/// installs the same set. A lock file per set keeps two sessions from building it at once.
public struct PackageStore: Sendable {
    /// The folder holding one package per set.
    public let folder: String
    /// The compiler the cells use; SwiftPM (`swift` beside it) builds the packages with it.
    public let swiftc: String

    public init(folder: String, swiftc: String) {
        self.folder = folder
        self.swiftc = swiftc
    }

    /// The name of the generated package, its library product and its target.
    static let packageName = "NotebookPackages"
    /// The file a finished build leaves in its set's folder, the last thing written.
    static let installedFileName = "installed.json"

    /// The built set `requests` (merged), building it first unless a session built it before
    /// (a local package is built again each time: its files may have changed). SwiftPM's output
    /// goes to `onOutput` line by line; `onStart` is given SwiftPM's process ID when it starts.
    ///
    /// - Throws: `PackageInstallError` with SwiftPM's message when the set cannot be resolved or built.
    public func install(_ requests: [PackageRequest], onStart: (pid_t) -> Void = { _ in },
                        onOutput: (String) -> Void) throws(PackageInstallError) -> InstalledPackages {
        let package = try prepared(requests)
        return try package.locked { () throws(PackageInstallError) in
            if !requests.contains(where: \.isLocal), let installed = package.installed { return installed }
            try package.run(["build", "-c", "release", "--product", Self.packageName], failure: PackageInstallError.buildFailed,
                            onStart: onStart, onOutput: onOutput)
            let installed = try package.describeBuild(requests: requests)
            try package.write(installed)
            return installed
        }
    }

    /// What `requests` resolve to, without building: the pins of the set's build when there is
    /// one, else SwiftPM's resolution (what nbrun's cache keys take in before any cell runs).
    ///
    /// - Throws: `PackageInstallError.resolveFailed` with SwiftPM's message.
    public func resolve(_ requests: [PackageRequest]) throws(PackageInstallError) -> [InstalledPackages.Pin] {
        let package = try prepared(requests)
        return try package.locked { () throws(PackageInstallError) in
            if let installed = package.installed, !requests.contains(where: \.isLocal) { return installed.pins }
            try package.run(["package", "resolve"], failure: PackageInstallError.resolveFailed, onStart: { _ in }, onOutput: { _ in })
            return try package.pins(requests: requests)
        }
    }

    /// The set's folder with its manifest written.
    private func prepared(_ requests: [PackageRequest]) throws(PackageInstallError) -> SetFolder {
        let manifest = Self.manifest(for: requests)
        let key = StableDigest.hex(of: manifest + "\n" + URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path)
        let set = SetFolder(path: "\(folder)/\(key)", swift: Self.swiftPackageManager(besideCompiler: swiftc))
        do {
            try FileManager.default.createDirectory(atPath: set.path + "/Sources/\(Self.packageName)", withIntermediateDirectories: true)
            try set.writeIfChanged(manifest, to: "Package.swift")
            try set.writeIfChanged("// The products of the packages this notebook installs, in one library.\n",
                                   to: "Sources/\(Self.packageName)/\(Self.packageName).swift")
        } catch {
            throw .cannotWrite(path: set.path, reason: "\(error)")
        }
        return set
    }

    /// The manifest of the package that depends on every request and links their products into one dynamic library.
    static func manifest(for requests: [PackageRequest]) -> String {
        let dependencies = requests.map { "        \($0.dependency)," }.joined(separator: "\n")
        let products = requests.flatMap { request in
            request.products.map { "            .product(name: \(SwiftLiteral.string($0)), package: \(SwiftLiteral.string(request.identity)))," }
        }.joined(separator: "\n")
        return """
            // swift-tools-version: 5.9
            // Made by the Swift notebook kernel for a notebook's %install lines.
            import PackageDescription

            let package = Package(
                name: "\(packageName)",
                products: [.library(name: "\(packageName)", type: .dynamic, targets: ["\(packageName)"])],
                dependencies: [
            \(dependencies)
                ],
                targets: [
                    .target(name: "\(packageName)", dependencies: [
            \(products)
                    ]),
                ]
            )

            """
    }

    /// `swift`, the package manager's driver, from the compiler's folder.
    static func swiftPackageManager(besideCompiler swiftc: String) -> String {
        URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("swift").path
    }
}

/// One set's package folder.
private struct SetFolder {
    let path: String
    let swift: String

    var buildFolder: String { path + "/.build/release" }
    var installedFile: String { path + "/" + PackageStore.installedFileName }

    /// The set as its last build left it, if it was built and what it names is still there.
    var installed: InstalledPackages? {
        // A missing or unreadable record means the set was not built (or not to the end): build it.
        guard let data = FileManager.default.contents(atPath: installedFile),
              let installed = try? JSONDecoder().decode(InstalledPackages.self, from: data),
              FileManager.default.fileExists(atPath: installed.library) else { return nil }
        return installed
    }

    /// Runs `body` holding the set's lock (other sessions wait for it).
    func locked<T>(_ body: () throws(PackageInstallError) -> T) throws(PackageInstallError) -> T {
        let descriptor = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path + ".lock", reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        return try body()
    }

    func writeIfChanged(_ text: String, to name: String) throws {
        let file = path + "/" + name
        if FileManager.default.contents(atPath: file) != Data(text.utf8) { try text.write(toFile: file, atomically: true, encoding: .utf8) }
    }

    /// Runs `swift <arguments>` in the set's folder; a failure throws `failure` with its output.
    func run(_ arguments: [String], failure: (String) -> PackageInstallError, onStart: (pid_t) -> Void,
             onOutput: (String) -> Void) throws(PackageInstallError) {
        let result: (status: ExitStatus, output: String)
        do {
            result = try withoutActuallyEscaping(onStart) { onStart in
                try withoutActuallyEscaping(onOutput) { try ChildProcess.run([swift] + arguments + ["--package-path", path], onStart: onStart, onLine: $0) }
            }
        } catch {
            throw failure("\(swift) could not be run: \(error)")
        }
        guard result.status == .exited(0) else { throw failure(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The built set, read from SwiftPM's build description: the library, and the import flags
    /// SwiftPM compiled the package's own target with (a client of the products needs the same).
    func describeBuild(requests: [PackageRequest]) throws(PackageInstallError) -> InstalledPackages {
        let library = "\(buildFolder)/lib\(PackageStore.packageName).so"
        struct Description: Decodable {
            struct Command: Decodable {
                let importPath: String?
                let otherArguments: [String]?
            }
            let swiftCommands: [String: Command]
        }
        let description: Description
        do {
            description = try JSONDecoder().decode(Description.self, from: Data(contentsOf: URL(fileURLWithPath: "\(buildFolder)/description.json")))
        } catch {
            throw .unusableBuild("SwiftPM's build description could not be read (\(error))")
        }
        guard let command = description.swiftCommands.first(where: { $0.key.hasPrefix("C.\(PackageStore.packageName)-") })?.value,
              let modules = command.importPath, FileManager.default.fileExists(atPath: library) else {
            throw .unusableBuild("the build made no \(library) or no module folder")
        }
        return InstalledPackages(requests: requests, library: library,
                                 compileArguments: ["-I", modules] + Self.importFlags(in: command.otherArguments ?? []),
                                 pins: try pins(requests: requests))
    }

    /// The flags among a compile's that tell it where C modules are: `-Xcc -fmodule-map-file=…`,
    /// `-Xcc -I -Xcc …`, `-I …`.
    static func importFlags(in arguments: [String]) -> [String] {
        var flags: [String] = [], index = 0
        while index < arguments.count {
            defer { index += 1 }
            let rest = arguments[index...]
            if rest.starts(with: ["-Xcc", "-I", "-Xcc"]), index + 3 < arguments.count {
                flags += arguments[index...(index + 3)]
                index += 3
            } else if arguments[index] == "-Xcc", index + 1 < arguments.count, arguments[index + 1].hasPrefix("-fmodule-map-file=") {
                flags += arguments[index...(index + 1)]
                index += 1
            } else if arguments[index] == "-I", index + 1 < arguments.count {
                flags += arguments[index...(index + 1)]
                index += 1
            }
        }
        return flags
    }

    /// What the requests resolved to: SwiftPM's pins, and for each local package a digest of its files.
    func pins(requests: [PackageRequest]) throws(PackageInstallError) -> [InstalledPackages.Pin] {
        struct Resolved: Decodable {
            struct Pin: Decodable {
                struct State: Decodable {
                    let revision: String?
                    let version: String?
                }
                let identity: String
                let location: String
                let state: State
            }
            let pins: [Pin]
        }
        var pins: [InstalledPackages.Pin] = []
        let file = path + "/Package.resolved"
        if FileManager.default.fileExists(atPath: file) {
            do {
                let resolved = try JSONDecoder().decode(Resolved.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
                pins = resolved.pins.map { .init(identity: $0.identity, location: $0.location, version: $0.state.version, revision: $0.state.revision ?? "-") }
            } catch {
                throw .unusableBuild("\(file) could not be read (\(error))")
            }
        }
        for request in requests where request.isLocal {
            pins.append(.init(identity: request.identity, location: request.location, version: nil, revision: StableDigest.hex(ofFilesIn: request.location)))
        }
        return pins.sorted { $0.identity < $1.identity }
    }

    /// Keeps the built set for later sessions: written last, atomically.
    func write(_ installed: InstalledPackages) throws(PackageInstallError) {
        do {
            try JSONEncoder().encode(installed).write(to: URL(fileURLWithPath: installedFile), options: .atomic)
        } catch {
            throw .cannotWrite(path: installedFile, reason: "\(error)")
        }
    }
}

/// Why a set of packages could not be installed.
public enum PackageInstallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SwiftPM could not resolve the dependencies: its message.
    case resolveFailed(String)
    /// SwiftPM could not build them: its message.
    case buildFailed(String)
    /// The build did not leave what a session needs.
    case unusableBuild(String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .resolveFailed(output): "The packages could not be resolved:\n\(output)"
        case let .buildFailed(output): "The packages could not be built:\n\(output)"
        case let .unusableBuild(reason): "The packages were built, but cannot be used: \(reason)"
        case let .cannotWrite(path, reason): "The packages cannot be prepared: \(path) cannot be written (\(reason))"
        }
    }
}
