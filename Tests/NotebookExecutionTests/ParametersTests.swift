import NotebookExecution
import NotebookFormat
import Testing

@Suite struct ParametersTests {
    private func notebook(defaults: String?) -> Notebook {
        var cells = [NotebookCell(kind: .markdown, source: "# T"), NotebookCell(kind: .code, source: "print(epochs)")]
        if let defaults { cells.insert(NotebookCell(kind: .code, source: defaults, metadata: ["tags": ["parameters"]]), at: 1) }
        return Notebook(cells: cells)
    }

    @Test func valuesTakeTheTypeAndKeywordOfTheirDefault() throws {
        let defaults = "let epochs = 10\nvar rate: Float = 1e-3\nlet name = \"wine\"\nlet verbose = false\nlet scale = -0.5"
        let (injected, warnings) = try Parameters(["epochs=3", "rate=0.01", "name=red wine", "verbose=true", "scale=2"])
            .inject(into: notebook(defaults: defaults))
        #expect(warnings.isEmpty)
        #expect(injected.cells.map(\.tags) == [[], ["parameters"], ["injected-parameters"], []])
        #expect(injected.cells[2].source == """
            // Injected parameters
            let epochs: Int = 3
            var rate: Float = 0.01
            let name: String = "red wine"
            let verbose: Bool = true
            let scale: Double = 2
            """)
    }

    @Test func aQuotedValueStaysAStringAndUnknownNamesAreWarnedAbout() throws {
        let (injected, warnings) = try Parameters(["label=\"42\"", "extra=1.5", "quote='say \"hi\"\n'"]).inject(into: notebook(defaults: "let label = \"x\""))
        #expect(injected.cells[2].source == "// Injected parameters\nlet label: String = \"42\"\nlet extra: Double = 1.5\nlet quote: String = \"say \\\"hi\\\"\\n\"")
        #expect(warnings == ["'extra' is not declared in the parameters cell; it is injected anyway",
                             "'quote' is not declared in the parameters cell; it is injected anyway"])
    }

    @Test func withoutAParametersCellTheValuesComeFirst() throws {
        let (injected, warnings) = try Parameters(["epochs=3"]).inject(into: notebook(defaults: nil))
        #expect(injected.cells[0].hasTag("injected-parameters") && injected.cells[0].source.hasSuffix("let epochs: Int = 3"))
        #expect(warnings.count == 1)
    }

    @Test func anEarlierInjectedCellIsReplaced() throws {
        let once = try Parameters(["epochs=3"]).inject(into: notebook(defaults: "let epochs = 1")).notebook
        let twice = try Parameters(["epochs=4"]).inject(into: once).notebook
        #expect(twice.cells.filter { $0.hasTag("injected-parameters") }.map(\.source) == ["// Injected parameters\nlet epochs: Int = 4"])
        #expect(try Parameters([]).inject(into: once).notebook.cells.count == 3)
    }

    @Test func badParametersAreNamed() {
        #expect(throws: ParameterError.malformed("epochs")) { try Parameters(["epochs"]) }
        #expect(throws: ParameterError.malformed("2x=1")) { try Parameters(["2x=1"]) }
        #expect(throws: ParameterError.wrongType(name: "epochs", value: "many", type: "Int")) {
            try Parameters(["epochs=many"]).inject(into: notebook(defaults: "let epochs = 10"))
        }
        #expect(throws: ParameterError.wrongType(name: "flag", value: "1", type: "Bool")) {
            try Parameters(["flag=1"]).inject(into: notebook(defaults: "var flag: Bool = false"))
        }
    }
}
