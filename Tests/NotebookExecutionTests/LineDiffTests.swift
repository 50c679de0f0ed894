@testable import NotebookExecution
import NotebookFormat
import Testing

@Suite struct LineDiffTests {
    @Test func aChangedLineShowsWithItsContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 5", with: "line five")
        #expect(LineDiff.unified(old, new, from: "stored", to: "executed") == """
            --- stored
            +++ executed
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test func differencesAreFoundPerCodeCell() {
        let stored = Notebook(cells: [
            NotebookCell(kind: .code, id: "a", source: "1", outputs: [.stream(name: "stdout", text: "1\n")], executionCount: 1),
            NotebookCell(kind: .code, id: "b", source: "2", outputs: [.stream(name: "stdout", text: "2\n")], executionCount: 2),
        ])
        var executed = stored
        #expect(OutputComparison.differences(stored: stored, executed: executed).isEmpty)
        executed.cells[1].outputs = [.stream(name: "stdout", text: "3\n")]
        let differences = OutputComparison.differences(stored: stored, executed: executed)
        #expect(differences.map(\.cell) == [2])
        #expect(differences.first?.diff.contains("   \"text\": [\n-   \"2\\n\"\n+   \"3\\n\"\n   ]") == true, "\(differences)")
    }

    static func cell(_ id: String, _ text: String, tags: [String] = []) -> NotebookCell {
        NotebookCell(kind: .code, id: id, source: "print(1)", metadata: tags.isEmpty ? [:] : ["tags": .array(tags.map { .string($0) })],
                     outputs: [.stream(name: "stdout", text: text)], executionCount: 1)
    }

    @Test func theFirstDifferingNumberIsNamed() {
        let stored = Notebook(cells: [Self.cell("a", "epoch 1: loss 0.1034, val_loss 0.1101 in h1\n")])
        var executed = stored
        executed.cells[0].outputs = [.stream(name: "stdout", text: "epoch 1: loss 0.1034, val_loss 0.1099 in h1\n")]
        let difference = OutputComparison.differences(stored: stored, executed: executed).first
        #expect(difference?.firstNumber?.stored == "0.1101" && difference?.firstNumber?.executed == "0.1099")
        #expect(OutputComparison.numbers(in: "h1 cell_2 -0.5, 1e-05 and 3.25E+2.") == ["-0.5", "1e-05", "3.25E+2"])
        #expect(OutputComparison.firstDifferingNumber("a 1 b", "a 1 b 2")! == ("(none)", "2"))
        #expect(OutputComparison.firstDifferingNumber("same 1.5", "other 1.5") == nil)
    }

    @Test func anIgnoredCellIsNotComparedAndAnExpectedErrorIsRequired() {
        let stored = Notebook(cells: [Self.cell("a", "12:01\n", tags: [NotebookCell.ignoreOutputTag]),
                                      Self.cell("b", "no error\n", tags: [NotebookCell.raisesExceptionTag])])
        var executed = stored
        executed.cells[0].outputs = [.stream(name: "stdout", text: "12:02\n")]
        let differences = OutputComparison.differences(stored: stored, executed: executed)
        #expect(differences.map(\.cell) == [2])
        #expect(differences.first?.diff == "tagged raises-exception, but the cell ran without an error\n")
        executed.cells[1].outputs = [.error(name: "NeuralError", value: "shapes", traceback: [])]
        var storedWithError = stored
        storedWithError.cells[1].outputs = executed.cells[1].outputs
        #expect(OutputComparison.differences(stored: storedWithError, executed: executed).isEmpty)
    }
}
