import ArgumentParser
import CellRunner
import Foundation
import SwiftKernel

/// `swift-kernel`: the Jupyter kernel for Swift, and the commands that install it.
@main
struct SwiftKernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-kernel",
        abstract: "A Jupyter kernel for Swift, with a Keras-like deep learning library in every cell.",
        discussion: "Jupyter starts the kernel from its kernelspec; `swift-kernel install` writes one.",
        version: "swift-kernel \(ProjectVersion.current)",
        subcommands: [Serve.self, Install.self, Uninstall.self, SourceKitServiceCommand.self],
        defaultSubcommand: Serve.self)
}

/// Writes `message` to stderr and ends the command with status 1.
func failure(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("swift-kernel: \(message)\n".utf8))
    return .failure
}

/// Serves the Jupyter messaging protocol on the sockets of a connection file.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the kernel for a Jupyter client (what kernel.json's argv does).")

    @Option(help: ArgumentHelp("The connection file Jupyter wrote (ports, key, transport).", valueName: "file"))
    var connectionFile: String

    func run() throws {
        do {
            try Kernel(connectionFile: connectionFile).run()
        } catch {
            throw failure("\(error)")
        }
    }
}

/// Where `install` and `uninstall` put things.
struct Destination: ParsableArguments {
    @Option(help: ArgumentHelp("Install under this prefix: <prefix>/lib/swift-notebooks/<version>, links in <prefix>/bin, "
                               + "the kernelspec in <prefix>/share/jupyter/kernels (default: \(Installer.defaultPrefix)).",
                               valueName: "path"))
    var prefix: String?

    @Flag(help: "Install for this user only: prefix ~/.local, the kernelspec in the user's Jupyter data folder.")
    var user = false

    @Option(help: "The kernelspec's name (what `jupyter kernelspec list` shows).")
    var name = "swift"

    func validate() throws {
        if user && prefix != nil { throw ValidationError("give --user or --prefix, not both") }
    }

    var resolvedPrefix: String { prefix ?? (user ? NSHomeDirectory() + "/.local" : Installer.defaultPrefix) }
    var kernels: String { KernelspecInstaller.kernelsDirectory(prefix: resolvedPrefix, user: user) }
}

struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the kernel, nbrun and the runtime, and the kernelspec Jupyter starts the kernel from.",
        discussion: """
            From a build folder, everything a session needs is copied into a folder of its own (nothing \
            is read from the build folder afterwards), the kernelspec pins the compiler the runtime was \
            built with, and a first cell is compiled to warm the module cache. From an installation, only \
            the kernelspec is written.
            """)

    @OptionGroup var destination: Destination

    @Flag(help: "Only write a kernelspec that starts this swift-kernel where it is (for developing the kernel).")
    var kernelspecOnly = false

    func run() throws {
        let layout = RuntimeLayout.current
        do {
            if kernelspecOnly || layout.kind == .installation {
                let folder = try KernelspecInstaller.install(
                    name: destination.name, into: destination.kernels, template: layout.kernelspecTemplate,
                    binary: RuntimeLayout.runningExecutable, environment: [RuntimeLayout.compilerVariable: layout.swiftc()])
                print("Installed the Swift kernelspec in \(folder)")
                return
            }
            let root = try Installer.install(from: layout, prefix: destination.resolvedPrefix,
                                             kernels: destination.kernels, name: destination.name)
            print("""
                Installed swift-notebooks \(ProjectVersion.current) in \(root)
                Commands: \(destination.resolvedPrefix)/bin/swift-kernel, \(destination.resolvedPrefix)/bin/nbrun
                Kernelspec '\(destination.name)' in \(destination.kernels)
                """)
        } catch {
            throw failure("cannot install: \(error)")
        }
    }
}

struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove this version's installation under the prefix, its links and its kernelspec.")

    @OptionGroup var destination: Destination

    func run() throws {
        let removal = Installer.uninstall(prefix: destination.resolvedPrefix, kernels: destination.kernels, name: destination.name)
        if removal.removed.isEmpty && removal.failures.isEmpty {
            print("Nothing of swift-notebooks \(ProjectVersion.current) is installed under \(destination.resolvedPrefix)")
        }
        removal.removed.forEach { print("Removed \($0)") }
        guard removal.failures.isEmpty else {
            throw failure("cannot remove " + removal.failures.joined(separator: "; "))
        }
    }
}

/// The kernel's completion helper process (see `SourceKitService`), started by the kernel itself.
struct SourceKitServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sourcekit-service", shouldDisplay: false)

    @Argument var library: String

    func run() throws {
        SourceKitService.serve(library: library)
    }
}
