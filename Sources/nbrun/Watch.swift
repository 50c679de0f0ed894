import ArgumentParser
import Foundation
import NotebookExecution

/// `nbrun watch NOTEBOOK`: render again whenever the notebook is saved.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Render a notebook again each time it is saved (only changed cells and what follows them run).",
        discussion: "Stops on Ctrl-C.")

    @Argument(help: ArgumentHelp("The notebook to watch.", valueName: "notebook"))
    var notebook: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var cacheOptions: CacheOptions
    @OptionGroup var execution: ExecutionOptions

    func run() throws {
        let settings = try execution.settings()
        let cache = try openCache(execution.noCache ? nil : cacheOptions.path(for: [notebook]), quiet: false)
        let printer = ProgressPrinter(quiet: false, live: true)
        let stop = StopRequest()
        var rendered: Date?
        print("watching \(notebook); Ctrl-C stops")
        while !stop.isRequested {
            // A notebook saved by replacing it is briefly absent: the next look finds it.
            let modified = (try? FileManager.default.attributesOfItem(atPath: notebook)[.modificationDate]) as? Date
            if let modified, modified != rendered {
                rendered = modified
                do {
                    let result = try NotebookRunner(settings: settings, cache: cache) { printer.report($0) }.run(notebookAt: notebook)
                    printer.finished(notebook, result)
                    for line in try ReportWriter(options: output).write([(notebook, result)]) { print(line) }
                } catch {
                    printError("\(error)")
                }
            } else if modified == nil, rendered != nil {
                printError("\(notebook) is gone; waiting for it to come back")
                rendered = nil
            }
            stop.wait(seconds: 0.3)
        }
        print("stopped watching \(notebook)")
    }
}

/// Ctrl-C (SIGINT) asks the watch loop to stop after the run under way.
private final class StopRequest: @unchecked Sendable {   // `requested` is guarded by `condition`
    private let condition = NSCondition()
    private var requested = false
    private let source: any DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [condition] in
            condition.lock()
            self.requested = true
            condition.broadcast()
            condition.unlock()
        }
        source.resume()
    }

    var isRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return requested
    }

    /// Waits `seconds`, or less when a stop is requested.
    func wait(seconds: Double) {
        condition.lock()
        if !requested { _ = condition.wait(until: Date() + seconds) }
        condition.unlock()
    }
}
