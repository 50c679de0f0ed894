import NotebookExecution
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
}
