import Foundation
import NotebookFormat
import Reports
import TestSupport
import Testing

/// A notebook with every kind of cell and output a report shows.
private func sampleNotebook() -> Notebook {
    let chart = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
    return Notebook(cells: [
        NotebookCell(kind: .markdown, id: "intro", source: """
            # Linear units

            A unit computes $y = w x + b$, here with $w_1 * x_1$ kept as written. See https://keras.io.

            | x | y |
            |---|---|
            | 1 | 2 |

            - [x] done
            """),
        NotebookCell(kind: .markdown, id: "part", source: "## The model\n\n$$\\sum_i w_i x_i$$"),
        NotebookCell(kind: .code, id: "c1", source: "let x = 4 // sugar\nprint(\"calories:\", 5 * x + 90)", outputs: [
            .stream(name: "stdout", text: "calories: 110\n"),
            .stream(name: "stderr", text: "\u{1B}[1;31mwarning\u{1B}[0m: slow\nloading 10%\rloading 50%\rloading 100%\nab\u{8}c\n"),
        ], executionCount: 1),
        NotebookCell(kind: .code, id: "c2", source: "chart", metadata: ["tags": ["hide-input"]], outputs: [
            .displayData(data: ["image/svg+xml": .string(chart), "text/plain": "Chart"], metadata: [:]),
            .executeResult(executionCount: 2, data: ["text/plain": "42"], metadata: [:]),
        ], executionCount: 2),
        NotebookCell(kind: .code, id: "c3", source: "fatalError()", outputs: [
            .error(name: "Crash", value: "Fatal error (Cell[3], line 1)", traceback: ["Cell[3] crashed the runner"]),
        ], executionCount: 3),
        NotebookCell(kind: .code, id: "gone", source: "secret()", metadata: ["tags": ["remove-cell"]], outputs: [], executionCount: 4),
    ])
}

private let facts = RunFacts(date: Date(timeIntervalSince1970: 1_800_000_000), totalSeconds: 1.5,
                             cells: [.init(label: "[1]", anchor: "cell-c1", wasCached: true, seconds: 0.25)],
                             toolchain: "Swift 6.3.1", generator: "nbrun 0.2.0", parameters: ["epochs=3"])

@Suite struct ReportTests {
    @Test func aReportReadsAsTheGoldenFileShowsIt() throws {
        let report = Report(sampleNotebook(), fileName: "sample.ipynb")
        try assertSnapshot(report.page(facts: facts, links: SiteLinks(
            index: .init(title: "Course", href: "index.html"), previous: nil, next: .init(title: "Next", href: "02.html"))),
                           named: "sample.html")
    }

    @Test func theTitleContentsAndMathComeFromTheMarkdown() {
        let report = Report(sampleNotebook(), fileName: "sample.ipynb")
        #expect(report.title == "Linear units")
        #expect(report.summary == "A unit computes $y = w x + b$, here with $w_1 * x_1$ kept as written. See https://keras.io.")
        #expect(report.content.contains("<title>Linear units</title>"))
        #expect(report.content.contains("<a href=\"#linear-units\">Linear units</a>") && report.content.contains("<a href=\"#the-model\">"))
        #expect(report.content.contains("$w_1 * x_1$") && report.content.contains("$$\\sum_i w_i x_i$$"))
        #expect(report.content.contains("<table>") && report.content.contains("<a href=\"https://keras.io\" rel=\"noopener noreferrer\">"))
        #expect(report.content.contains("type=\"checkbox\""))
        #expect(Report(Notebook(cells: []), fileName: "untitled.ipynb").title == "untitled")
    }

    @Test func codeIsHighlightedAndStreamsShowTheirFinalState() {
        let content = Report(sampleNotebook(), fileName: "s.ipynb").content
        #expect(content.contains("<span class=\"k\">let</span> x = <span class=\"m\">4</span> <span class=\"c\">// sugar</span>"))
        #expect(content.contains("In [1]:"))
        // As a terminal shows it: the line redrawn in place shows its last state, a backspace moves back.
        #expect(content.contains("<pre><span class=\"ansi-bold ansi-fg-1\">warning</span>: slow\nloading 100%\nac\n</pre>"))
    }

    @Test func tagsRemoveHideAndScroll() {
        let content = Report(sampleNotebook(), fileName: "s.ipynb").content
        #expect(!content.contains("secret"))
        #expect(content.contains("<details class=\"input-toggle\"><summary>Show code</summary>"))
        func render(_ tags: [JSONValue], metadata: [String: JSONValue] = [:]) -> String {
            var metadata = metadata
            metadata["tags"] = .array(tags)
            return Report(Notebook(cells: [NotebookCell(kind: .code, source: "code()", metadata: metadata, outputs: [
                .stream(name: "stdout", text: "out\n"), .stream(name: "stderr", text: "err\n")], executionCount: 1)]),
                          fileName: "t.ipynb").content
        }
        #expect(!render(["remove-input"]).contains("code()") && render(["remove-input"]).contains("<pre>out"))
        #expect(!render(["remove_output"]).contains("<pre>out") && render(["remove-output"]).contains("code()"))
        #expect(!render(["remove-stderr"]).contains("<pre>err") && render(["remove-stderr"]).contains("<pre>out"))
        #expect(render(["hide-output"]).contains("<summary>Show output</summary>"))
        #expect(render(["hide-cell"]).contains("<summary>Show cell</summary>"))
        #expect(render(["scroll-output"]).contains("class=\"outputs scroll\""))
        #expect(render([], metadata: ["jupyter": ["source_hidden": true]]).contains("<summary>Show code</summary>"))
        #expect(render([], metadata: ["jupyter": ["outputs_hidden": true]]).contains("<summary>Show output</summary>"))
    }

    @Test func anErrorIsStyledAndAnnouncedAtTheTop() {
        let content = Report(sampleNotebook(), fileName: "s.ipynb").content
        #expect(content.contains("<p class=\"banner\">A cell raised an error: <a href=\"#cell-c3\">cell [3]</a>.</p>"))
        #expect(content.contains("<div class=\"output error\"><pre><span class=\"ename\">Crash</span>: Fatal error (Cell[3], line 1)\nCell[3] crashed the runner</pre></div>"))
    }

    @Test func theSameNotebookGivesTheSameBytes() {
        #expect(Report(sampleNotebook(), fileName: "s.ipynb").page(facts: facts) == Report(sampleNotebook(), fileName: "s.ipynb").page(facts: facts))
    }
}
