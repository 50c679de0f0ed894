import ArgumentParser
import Foundation
import NotebookExecution
import NotebookFormat

/// `nbrun check NOTEBOOK...`: are the outputs stored in the notebooks what a fresh run gives?
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run notebooks without the cache and compare every output with the one stored in the notebook.",
        discussion: "Prints a unified diff per differing cell and exits 1 if any differs; writes nothing.")

    @Argument(help: ArgumentHelp("The notebooks to check.", valueName: "notebook"))
    var notebooks: [String]

    @Option(help: ArgumentHelp("Seconds a cell may run before it is interrupted.", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customShort("p"), help: ArgumentHelp("A parameter the stored outputs were made with (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Print nothing but differences and errors.")
    var quiet = false

    func run() throws {
        var settings = RunSettings(parameters: try Parameters(parameters))
        settings.usesCache = false
        settings.allowsErrors = true   // a stored error output is compared like any other
        settings.timeout = timeout
        let printer = ProgressPrinter(quiet: quiet, live: true)
        var worst = Status.success
        for path in notebooks {
            let stored: Notebook
            let result: NotebookRunResult
            do {
                stored = try Notebook(contentsOf: path)
                result = try NotebookRunner(settings: settings, cache: nil) { printer.report($0) }.run(notebookAt: path)
            } catch {
                printError("\(error)")
                worst = .usage
                continue
            }
            if case .timedOut = result.status { worst = worst.severity < Status.timedOut.severity ? .timedOut : worst }
            let differences = OutputComparison.differences(stored: stored, executed: result.notebook)
            if differences.isEmpty {
                if !quiet { print("\(path): every output is reproduced") }
                continue
            }
            worst = worst.severity < Status.cellFailed.severity ? .cellFailed : worst
            print("\(path): \(differences.count) cell\(differences.count == 1 ? "" : "s") differ")
            for difference in differences {
                print("cell \(difference.cell)\(difference.executionCount.map { " (In [\($0)])" } ?? ""):")
                print(difference.diff, terminator: "")
                if let number = difference.firstNumber {
                    print("first differing number: stored \(number.stored), executed \(number.executed)")
                }
            }
        }
        if worst != .success { throw worst.exitCode }
    }
}
