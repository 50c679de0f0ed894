import CellRunner
import Foundation
import GRDB
import NotebookExecution
import NotebookFormat
import ResultCache
import Testing

/// A notebook in a temporary folder, run with a real engine and cache.
private struct Fixture {
    let folder: String
    let path: String
    let cache: ResultCache

    init(_ notebook: Notebook) throws {
        folder = NSTemporaryDirectory() + "nbrun-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/notebook.ipynb"
        try notebook.write(to: path)
        cache = try ResultCache.open(at: folder + "/cache.sqlite", signer: CacheSigner(secret: Data(repeating: 3, count: 32))).cache
    }

    func run(_ settings: RunSettings = RunSettings(parameters: try! Parameters([])), cached: Bool = true) throws -> NotebookRunResult {
        try NotebookRunner(settings: settings, cache: cached ? cache : nil).run(notebookAt: path)
    }

    func edit(_ change: (inout Notebook) -> Void) throws {
        var notebook = try Notebook(contentsOf: path)
        change(&notebook)
        try notebook.write(to: path)
    }
}

private func code(_ source: String, tags: [JSONValue] = []) -> NotebookCell {
    NotebookCell(kind: .code, source: source, metadata: tags.isEmpty ? [:] : ["tags": .array(tags)])
}

/// Every kind of output: streams, a result, a display updated in place, a cleared output, a chart, an error.
private let everyOutputKind = Notebook(cells: [
    NotebookCell(kind: .markdown, source: "# Outputs"),
    code("var counter = 0\nprint(\"out\")\nFileHandle.standardError.write(\"err\\n\".data(using: .utf8)!)\ncounter += 1\ncounter"),
    code("display(MIMEBundle([\"text/plain\": \"first\"]), id: \"p\")\nupdateDisplay(MIMEBundle([\"text/plain\": \"second\"]), id: \"p\")"),
    code("print(\"gone\")\nclearOutput(wait: true)\nprint(\"kept\")"),
    code("plot(Activation.relu)"),
    code(""),
    code("struct Oops: Error {}\nprint(counter)\nthrow Oops()"),
    code("print(\"after the error\")"),
])

@Suite(.serialized) struct NotebookRunnerTests {
    @Test func aCachedRunGivesExactlyTheOutputsOfAnUncachedOne() throws {
        var settings = RunSettings(parameters: try Parameters([]))
        settings.allowsErrors = true
        let fixture = try Fixture(everyOutputKind)
        let fresh = try fixture.run(settings)
        #expect(fresh.executedCells == 6 && fresh.cachedCells == 0)
        let cached = try fixture.run(settings)
        #expect(cached.executedCells == 0 && cached.cachedCells == 6)
        #expect(cached.notebook == fresh.notebook)
        #expect(cached.notebook.jsonText == fresh.notebook.jsonText)
        #expect(cached.report.content == fresh.report.content)
        // The outputs themselves, folded as Jupyter folds them.
        let outputs = fresh.notebook.cells.map(\.outputs)
        #expect(outputs[1] == [.stream(name: "stdout", text: "out\n"), .stream(name: "stderr", text: "err\n"),
                               .executeResult(executionCount: 1, data: ["text/plain": "1"], metadata: [:])])
        #expect(outputs[2] == [.displayData(data: ["text/plain": "second"], metadata: [:])])
        #expect(outputs[3] == [.stream(name: "stdout", text: "kept\n")])
        #expect(outputs[4].first?.data["image/svg+xml"]?.stringValue?.hasPrefix("<svg") == true)
        #expect(outputs[5].isEmpty && fresh.notebook.cells[5].executionCount == nil)
        #expect(outputs[6] == [.stream(name: "stdout", text: "1\n"), .error(name: "Oops", value: "Oops()", traceback: [])])
        #expect(outputs[7] == [.stream(name: "stdout", text: "after the error\n")])
        #expect(fresh.status == .cellFailed(position: 5, error: CellError(.thrown(type: "Oops"), value: "Oops()")))
        #expect(cached.status == fresh.status)
    }

    @Test func editingACellRunsItAndWhatFollowsAfterReplayingTheRest() throws {
        let fixture = try Fixture(Notebook(cells: [code("var total = 1"), code("total += 10\nprint(total)"), code("print(total * 2)")]))
        #expect(try fixture.run().notebook.cells[2].outputs == [.stream(name: "stdout", text: "22\n")])
        try fixture.edit { $0.cells[2].source = "print(total * 3)" }
        let edited = try fixture.run()
        // The first two came from the cache; the replay rebuilt `total` without showing anything.
        #expect(edited.cachedCells == 2 && edited.executedCells == 1)
        #expect(edited.notebook.cells[1].outputs == [.stream(name: "stdout", text: "11\n")])
        #expect(edited.notebook.cells[2].outputs == [.stream(name: "stdout", text: "33\n")])
        // Markdown and tags do not run anything.
        try fixture.edit {
            $0.cells.insert(NotebookCell(kind: .markdown, source: "# New"), at: 0)
            $0.cells[1].metadata["tags"] = ["hide-input"]
        }
        let reworded = try fixture.run()
        #expect(reworded.executedCells == 0 && reworded.report.title == "New")
    }

    @Test func anEditedCellGetsItsStateFromTheCachedCheckpointInsteadOfRunningTheCellsBefore() throws {
        var settings = RunSettings(parameters: try Parameters([]))
        settings.checkpointThreshold = 0.3
        // A random draw that a replay would draw again, in a cell long enough for a checkpoint.
        let fixture = try Fixture(Notebook(cells: [
            code("var drawn = Int.random(in: 0..<1_000_000_000)\nThread.sleep(forTimeInterval: 0.4)\nprint(drawn)"),
            code("drawn += 1"),
            code("print(drawn)"),
        ]))
        let first = try fixture.run(settings)
        guard case let .stream(_, drawnText) = first.notebook.cells[0].outputs.first else { Issue.record("no output"); return }
        let drawn = try #require(Int(drawnText.trimmingCharacters(in: .newlines)))
        #expect(try fixture.cache.statistics(filePath: nil).checkpoints == 1)
        #expect(try fixture.cache.statistics(filePath: nil).compiledCells == 3)

        var notices: [String] = []
        try fixture.edit { $0.cells[2].source = "print(\"edited\", drawn)" }
        let edited = try NotebookRunner(settings: settings, cache: fixture.cache) { event in
            if case let .notice(text) = event { notices.append(text) }
        }.run(notebookAt: fixture.path)
        #expect(edited.cachedCells == 2 && edited.executedCells == 1)
        #expect(edited.notebook.cells[2].outputs == [.stream(name: "stdout", text: "edited \(drawn + 1)\n")])
        #expect(notices.count == 1, "\(notices)")
        #expect(notices.first?.contains("restored the state after Cell[1] from its checkpoint (") == true, "\(notices)")
        #expect(notices.first?.hasSuffix("and replayed 1 cell(s): Cell[2].") == true, "\(notices)")

        #expect(try fixture.cache.statistics(filePath: nil).compiledCells == 3, "the edited cell's replaces the old one's")

        // Editing the first cell leaves no checkpoint and no compiled cell of the old cells behind.
        try fixture.edit { $0.cells[0].source = "var drawn = 5" }
        _ = try fixture.run(settings)
        #expect(try fixture.cache.statistics(filePath: nil).checkpoints == 0)
        #expect(try fixture.cache.statistics(filePath: nil).compiledCells == 3)
    }

    @Test func aFailingCellStopsTheRunAndLaterCellsAreCleared() throws {
        let fixture = try Fixture(Notebook(cells: [code("print(1)"), code("let x: Int = \"no\""), code("print(3)")]))
        try fixture.edit { $0.cells[2].outputs = [.stream(name: "stdout", text: "stale\n")]; $0.cells[2].executionCount = 9 }
        let result = try fixture.run()
        guard case let .cellFailed(position, error) = result.status else { Issue.record("\(result.status)"); return }
        #expect(position == 2 && error.name == "CompileError")
        #expect(result.notebook.cells[2].outputs.isEmpty && result.notebook.cells[2].executionCount == nil)
        // The compile error is cached, and still fails the run.
        let again = try fixture.run()
        #expect(again.executedCells == 0 && again.status == result.status)
    }

    @Test(arguments: [true, false])
    func aCachedCellThatFailsWhenReplayedStopsTheRun(withCompiledCells: Bool) throws {
        // Given a cell that read a file that is gone when the cells after it change
        let fixture = try Fixture(Notebook(cells: [
            code("let flag = try String(contentsOfFile: \"flag.txt\", encoding: .utf8)\nprint(flag)"),
            code("print(flag.count)"), code("print(2)"),
        ]))
        try "up".write(toFile: fixture.folder + "/flag.txt", atomically: true, encoding: .utf8)
        #expect(try fixture.run().status == .succeeded)
        try FileManager.default.removeItem(atPath: fixture.folder + "/flag.txt")
        if !withCompiledCells {
            // Replayed by compiling and running each cell, not from the cache's libraries.
            try DatabaseQueue(path: fixture.folder + "/cache.sqlite").write { try $0.execute(sql: "DELETE FROM compiled") }
        }
        try fixture.edit { $0.cells[1].source = "print(flag.count + 1)" }
        // Then the replay's failure fails the run at that cell, and nothing after it runs
        let result = try fixture.run()
        guard case let .cellFailed(position, error) = result.status else { Issue.record("\(result.status)"); return }
        #expect(position == 1 && error.value.hasPrefix("Running this cell again to rebuild the state for the cells after it failed"))
        #expect(result.notebook.cells[0].outputs.first == .stream(name: "stdout", text: "up\n"))
        #expect(result.notebook.cells[0].outputs.last.map { if case .error = $0 { true } else { false } } == true)
        #expect(result.executedCells == 0 && result.notebook.cells[1].outputs.isEmpty)
    }

    @Test func aCacheWrittenByAnotherUserRunsEveryCellAndSaysSo() throws {
        let fixture = try Fixture(Notebook(cells: [code("let a = 1"), code("print(a)")]))
        _ = try fixture.run()
        let other = try ResultCache.open(at: fixture.folder + "/cache.sqlite", signer: CacheSigner(secret: Data(repeating: 4, count: 32))).cache
        let result = try NotebookRunner(settings: RunSettings(parameters: try Parameters([])), cache: other).run(notebookAt: fixture.path)
        #expect(result.executedCells == 2 && result.cachedCells == 0)
        #expect(result.facts.warnings.contains { $0.contains("not written by this user's nbrun") }, "\(result.facts.warnings)")
    }

    @Test func aCellPastTheTimeLimitIsInterruptedAndNotCached() throws {
        let fixture = try Fixture(Notebook(cells: [code("print(\"start\")"), code("var spins = 0\nwhile true { spins &+= 1 }"), code("print(1)")]))
        var settings = RunSettings(parameters: try Parameters([]))
        settings.timeout = 1
        let started = Date()
        let result = try fixture.run(settings)
        #expect(result.status == .timedOut(position: 2))
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(result.notebook.cells[1].outputs.last == .error(name: "Timeout", value: "The cell ran longer than 1 s and was interrupted (--timeout).", traceback: []))
        #expect(result.notebook.cells[2].outputs.isEmpty)
        #expect(try fixture.run(settings).cachedCells == 1)   // the timeout was not cached
    }

    @Test func parametersAreInjectedAndPartOfTheKeys() throws {
        let fixture = try Fixture(Notebook(cells: [code("let epochs = 10", tags: ["parameters"]), code("print(epochs)")]))
        let three = try fixture.run(RunSettings(parameters: try Parameters(["epochs=3"])))
        #expect(three.notebook.cells[2].outputs == [.stream(name: "stdout", text: "3\n")])
        let four = try fixture.run(RunSettings(parameters: try Parameters(["epochs=4"])))
        #expect(four.notebook.cells[2].outputs == [.stream(name: "stdout", text: "4\n")] && four.cachedCells == 1)
        #expect(try fixture.run().notebook.cells[1].outputs == [.stream(name: "stdout", text: "10\n")])
    }

    @Test func aNotebookForAnotherKernelIsRefused() throws {
        let fixture = try Fixture(Notebook(cells: [code("print(1)")], metadata: ["kernelspec": ["name": "python3", "display_name": "Python 3", "language": "python"]]))
        #expect(throws: NotebookRunError.self) { try fixture.run() }
        do { _ = try fixture.run() } catch {
            #expect("\(error)" == "\(fixture.path): the notebook is for the 'python3' kernel; nbrun runs Swift notebooks")
        }
    }
}
