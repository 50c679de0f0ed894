import CellRunner
import Foundation
import Testing

/// A cell run again unchanged runs its library again instead of compiling, when that is the same
/// as compiling it again: nothing it refers to declared anew since, and no state of its own.
@Suite(.serialized) struct RerunTests {
    /// The cell libraries the session has compiled so far.
    static func compiledLibraries(_ notebook: Notebook) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: notebook.session.configuration.compiler.workDirectory)
            .count { $0.hasPrefix("lib") && $0.hasSuffix(".so") }
    }

    @Test func aCellRunAgainUnchangedRunsAgainWithoutCompiling() throws {
        let notebook = try Notebook()
        _ = notebook.output("var count = 0\nfunc report() { print(\"count:\", count) }")
        let step = "count += 1\nreport()"
        #expect(notebook.output(step) == "count: 1\n")
        let compiled = try Self.compiledLibraries(notebook)
        #expect(notebook.output(step) == "count: 2\n")
        #expect(notebook.output(step) == "count: 3\n")
        #expect(try Self.compiledLibraries(notebook) == compiled)
        // Its result is shown again too.
        let (outcome, events) = notebook.run("count * 10")
        #expect(outcome == .success)
        #expect(notebook.run("count * 10").events == events)
    }

    @Test func aCellCompilesAgainWhenANameItUsesWasDeclaredAnew() throws {
        let notebook = try Notebook()
        _ = notebook.output("func rate() -> Double { 0.1 }")
        #expect(notebook.output("print(rate())") == "0.1\n")
        _ = notebook.output("func rate() -> Double { 0.01 }")
        let compiled = try Self.compiledLibraries(notebook)
        #expect(notebook.output("print(rate())") == "0.01\n")
        #expect(try Self.compiledLibraries(notebook) == compiled + 1)
    }

    @Test func aCellThatBindsValuesCompilesAgainAndDrawsAnew() throws {
        let notebook = try Notebook()
        let draw = "let drawn = Int.random(in: 0..<1_000_000_000)\nprint(drawn)"
        let first = notebook.output(draw)
        let compiled = try Self.compiledLibraries(notebook)
        // A binding's storage is set once per library: only a new library draws again.
        #expect(notebook.output(draw) != first)
        #expect(try Self.compiledLibraries(notebook) == compiled + 1)
        // So do types, whose static properties start afresh.
        let counter = "struct Counter { static var value = 0 }\nCounter.value += 1\nprint(Counter.value)"
        #expect(notebook.output(counter) == "1\n")
        #expect(notebook.output(counter) == "1\n")
    }

    @Test func aReplayAfterACrashRunsTheRepeatedCellEveryTime() throws {
        let notebook = try Notebook(checkpointAfter: nil)
        _ = notebook.output("var total = 0")
        for _ in 0..<3 { _ = notebook.output("total += 5") }
        #expect(notebook.run("let none: [Int] = []\nprint(none[1])").outcome.error?.name == "Crash")
        #expect(notebook.output("print(total)") == "15\n")
        // And the repeated cell still runs without compiling after the restart.
        let compiled = try Self.compiledLibraries(notebook)
        _ = notebook.output("total += 5")
        #expect(try Self.compiledLibraries(notebook) == compiled)
        #expect(notebook.output("print(total)") == "20\n")
    }
}
