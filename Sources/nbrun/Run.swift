import ArgumentParser
import Foundation
import NotebookExecution
import Reports
import ResultCache

/// `nbrun NOTEBOOK...`: run notebooks and write their reports.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run notebooks and write their HTML reports (and executed notebooks).",
        discussion: """
            Unchanged cells come from the cache; the first changed code cell and everything after it run again \
            (the cells before it are replayed, their output hidden, to rebuild the state). Several notebooks \
            rendered into one folder also get an index.html and previous/next links.
            """)

    @Argument(help: ArgumentHelp("The notebooks (.ipynb, nbformat 4).", valueName: "notebook"))
    var notebooks: [String]

    @OptionGroup var output: OutputOptions
    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var execution: ExecutionOptions

    @Option(help: "Notebooks run at once, each in its own runner.")
    var jobs = 1

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let settings = try execution.settings()
        let cache = try openCache(execution.noCache ? nil : cacheOptions.path(for: notebooks), quiet: quiet)
        let printer = ProgressPrinter(quiet: quiet, live: jobs == 1)
        let outcomes = NotebookBatch(notebooks: notebooks, settings: settings, cache: cache, jobs: jobs, printer: printer).run()
        let writer = ReportWriter(options: output)
        var statuses: [Status] = []
        for outcome in outcomes {
            switch outcome {
            case let .failure(error):
                printError(error.description)
                statuses.append(.usage)
            case let .success(result):
                statuses.append(Self.status(of: result, allowingErrors: settings.allowsErrors))
            }
        }
        do {
            let written = try writer.write(zip(notebooks, outcomes).compactMap { path, outcome in
                // The notebooks that failed were reported above and get no report.
                (try? outcome.get()).map { (path, $0) }
            })
            for line in written where !quiet { print(line) }
        } catch {
            printError("\(error)")
            throw Status.usage.exitCode
        }
        let worst = statuses.max { $0.severity < $1.severity } ?? .success
        if worst != .success { throw worst.exitCode }
    }

    /// A failed cell fails the run unless errors are allowed; a timeout always does.
    static func status(of result: NotebookRunResult, allowingErrors: Bool) -> Status {
        switch result.status {
        case .succeeded: .success
        case .cellFailed: allowingErrors ? .success : .cellFailed
        case .timedOut: .timedOut
        }
    }
}

extension Status {
    /// Which status a run of several notebooks ends with: the worst.
    var severity: Int {
        switch self {
        case .success: 0
        case .cellFailed: 1
        case .timedOut: 2
        case .usage: 3
        }
    }
}

/// Options that decide how cells run.
struct ExecutionOptions: ParsableArguments {
    @Flag(help: "Neither read nor write the cache.")
    var noCache = false

    @Flag(help: "Execute every cell even when the cache has it (and store the results).")
    var force = false

    @Flag(help: "Run on after a failing cell; exit 0 when the only failures are cells' errors.")
    var allowErrors = false

    @Option(help: ArgumentHelp("Seconds a cell may run before it is interrupted (exit status 3).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customShort("p"), help: ArgumentHelp("A parameter, as in papermill: NAME=VALUE (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Show text/html outputs as they are instead of sanitized.")
    var trustHTML = false

    @Option(help: ArgumentHelp("Save the session's state after a cell that runs this long, and keep it in the cache (default 0.5).",
                               valueName: "seconds"))
    var checkpointAfter: Double?

    @Flag(help: "Save no session checkpoints.")
    var noCheckpoints = false

    func validate() throws {
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if let checkpointAfter, !(checkpointAfter >= 0) { throw ValidationError("--checkpoint-after must be a number of seconds, 0 or more") }
        do { _ = try Parameters(parameters) } catch { throw ValidationError(error.description) }
    }

    func settings() throws -> RunSettings {
        var settings = RunSettings(parameters: try Parameters(parameters))
        settings.usesCache = !noCache
        settings.force = force
        settings.allowsErrors = allowErrors
        settings.timeout = timeout
        settings.trustsHTML = trustHTML
        if let checkpointAfter { settings.checkpointThreshold = checkpointAfter }
        if noCheckpoints { settings.checkpointThreshold = nil }
        return settings
    }
}

/// Opens the cache at `path` (nil: none), saying so when a damaged file was moved aside.
func openCache(_ path: String?, quiet: Bool) throws -> ResultCache? {
    guard let path else { return nil }
    do {
        let (cache, notice) = try ResultCache.open(at: path)
        if let notice { printError(notice) }
        return cache
    } catch {
        printError("\(error)")
        throw Status.usage.exitCode
    }
}
