import Foundation
import NotebookFormat
import Testing

/// Fixtures written by Jupyter's own nbformat (see Fixtures/make_fixtures.py).
private func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

@Suite struct NotebookTests {
    @Test func aNotebookJupyterWroteIsWrittenBackByteForByte() throws {
        let text = try fixture("jupyter-written.ipynb")
        let notebook = try Notebook(json: text)
        #expect(notebook.jsonText == text)
    }

    @Test func textStoredAsStringsIsWrittenAsNbformatWritesIt() throws {
        let notebook = try Notebook(json: try fixture("strings.ipynb"))
        #expect(notebook.jsonText == (try fixture("strings.nbformat.ipynb")))
    }

    @Test func cellsAndOutputsAreRead() throws {
        let notebook = try Notebook(json: try fixture("jupyter-written.ipynb"))
        #expect(notebook.cells.map(\.kind) == [.markdown, .code, .code, .code, .raw])
        #expect(notebook.cells[1].source == "let x = 1\nprint(x)\n")
        #expect(notebook.cells[1].outputs == [.stream(name: "stdout", text: "1\n2\r\n3\rlast"), .stream(name: "stderr", text: "warning\n")])
        #expect(notebook.cells[2].executionCount == nil && !notebook.cells[2].isExecutable)
        #expect(notebook.cells[3].tags == ["hide-input"])
        let result = notebook.cells[3].outputs[1]
        #expect(result.data["text/html"] == "<table>\n<tr><td>1</td></tr>\n</table>")
        #expect(result.data["application/json"] == ["a": [1, .number("2.5"), nil, true]])
        #expect(notebook.cells[3].outputs[2] == .error(name: "Crash", value: "Index out of range", traceback: ["line 1", "line 2"]))
        #expect(notebook.metadata["kernelspec"]?["name"] == "swift")
    }

    @Test func missingIDsAreAddedTheSameWayEveryTime() throws {
        var first = Notebook(cells: [NotebookCell(kind: .code, source: "1"), NotebookCell(kind: .code, source: "1"),
                                     NotebookCell(kind: .markdown, id: "kept", source: "")], formatMinor: 4)
        var second = first
        first.addMissingCellIDs()
        second.addMissingCellIDs()
        #expect(first == second)
        #expect(first.formatMinor == 5 && first.cells[2].id == "kept")
        let ids = first.cells.compactMap(\.id)
        #expect(Set(ids).count == 3 && ids.allSatisfy { $0.count <= 64 && $0.allSatisfy { $0.isLetter || $0.isNumber } })
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let json: String
        let message: String
        var testDescription: String { message }
    }

    static let badInputs: [BadInput] = [
        BadInput(json: "{\n \"cells\": [,]\n}", message: "not valid JSON at line 2, column 12: expected a JSON value"),
        BadInput(json: "{\"cells\": []", message: "not valid JSON at line 1, column 13: expected ',' or '}' in an object"),
        BadInput(json: "[]", message: "not a valid notebook: the top level is an array, not an object"),
        BadInput(json: "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}",
                 message: "nbformat 3.0 is not supported; only version 4 is (upgrade it with `jupyter nbconvert --to notebook`)"),
        BadInput(json: "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}", message: "not a valid notebook: it has no \"cells\" list"),
        BadInput(json: "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": []}]}",
                 message: "not a valid notebook: cell 1 has no source (a string or a list of strings)"),
        BadInput(json: "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"x\", \"outputs\": [{\"text\": \"a\"}]}]}",
                 message: "not a valid notebook: cell 1, output 1 has no output_type"),
        BadInput(json: "{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}", message: "not a valid notebook: cell 1 has no cell_type"),
        BadInput(json: "{\"nbformat\": 4, \"cells\": [\"é\" ]}", message: "not a valid notebook: cell 1 is a string, not an object"),
    ]

    @Test(arguments: badInputs)
    func badInputIsNamedPrecisely(_ input: BadInput) {
        #expect(throws: NotebookError.self) { try Notebook(json: input.json) }
        do {
            _ = try Notebook(json: input.json)
        } catch {
            #expect(error.description == input.message)
        }
    }

    @Test func unknownCellAndOutputTypesAreKept() throws {
        let text = """
            {"cells": [{"cell_type": "future", "metadata": {}, "source": "s", "extra": [1]},
             {"cell_type": "code", "metadata": {}, "source": "x", "execution_count": null,
              "outputs": [{"output_type": "hologram", "data": 1}]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """
        let notebook = try Notebook(json: text)
        #expect(notebook.cells[0].kind == .other("future"))
        let again = try Notebook(json: notebook.jsonText)
        #expect(again == notebook)
        #expect(notebook.jsonText.contains("\"extra\": [\n    1\n   ]") && notebook.jsonText.contains("\"hologram\""))
    }

    @Test func aFileThatCannotBeReadIsNamed() {
        #expect(throws: NotebookFileError(path: "/no/such.ipynb", problem: "does not exist")) {
            try Notebook(contentsOf: "/no/such.ipynb")
        }
        #expect(throws: NotebookFileError.self) { try Notebook(cells: []).write(to: "/proc/no-such-folder/x.ipynb") }
    }
}
