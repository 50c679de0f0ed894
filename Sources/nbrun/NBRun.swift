import ArgumentParser
import CellRunner
import Foundation
import NotebookExecution

/// `nbrun`: runs Swift notebooks headless into HTML reports, with a cache of executed cells.
@main
struct NBRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nbrun",
        abstract: "Run Swift notebooks and render them as self-contained HTML reports, with a cache of executed cells.",
        discussion: """
            Exit status: 0 when every cell ran, 1 when a cell failed (the report still shows it), 2 for bad \
            usage or input, 3 when a cell ran past --timeout.
            """,
        version: "nbrun \(ProjectVersion.current)",
        subcommands: [Run.self, Check.self, Watch.self, CacheCommand.self],
        defaultSubcommand: Run.self)

    /// Parses the command line and runs the command; usage errors exit with 2 (not argument-parser's 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code != .success && code.rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(Status.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// nbrun's exit statuses.
enum Status: Int32 {
    case success = 0
    case cellFailed = 1
    case usage = 2
    case timedOut = 3

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// Options every command that reads the cache shares.
struct CacheOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The cache file.", discussion: "Default: $NBRUN_CACHE, else .nbrun-cache.sqlite beside the first notebook.",
                               valueName: "file"))
    var cache: String?

    /// The cache's path for notebooks `paths`.
    func path(for paths: [String]) -> String {
        if let cache { return cache }
        if let fromEnvironment = ProcessInfo.processInfo.environment["NBRUN_CACHE"], !fromEnvironment.isEmpty { return fromEnvironment }
        let folder = paths.first.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        return (folder.isEmpty ? "" : folder + "/") + ".nbrun-cache.sqlite"
    }
}

/// Writes a line to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("nbrun: " + message + "\n").utf8))
}
