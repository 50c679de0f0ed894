import CellOutputs
import CellRunner
import NotebookDisplay
import NotebookFormat
import Testing

@Suite struct NotebookOutputsTests {
    private let a = MIMEBundle(["text/plain": "a"]), b = MIMEBundle(["text/plain": "b", "text/html": "<b>b</b>"])

    @Test func eventsBecomeTheMessagesAKernelPublishes() throws {
        #expect(OutputMessage(.stdout("x"), executionCount: 3) == .stream(name: "stdout", text: "x"))
        #expect(OutputMessage(.notice("restarted"), executionCount: 3) == .stream(name: "stderr", text: "restarted\n"))
        #expect(OutputMessage(.warning("for the log"), executionCount: 3) == nil)
        let result = try #require(OutputMessage(.display(.result(b)), executionCount: 3))
        #expect(result.messageType == "execute_result")
        #expect(result.content == ["execution_count": 3, "data": ["text/plain": "b", "text/html": "<b>b</b>"], "metadata": [:]])
        #expect(OutputMessage(.display(.display(a, id: "d")), executionCount: 1)?.content
                == ["data": ["text/plain": "a"], "metadata": [:], "transient": ["display_id": "d"]])
        #expect(try #require(OutputMessage(.display(.clear(wait: true)), executionCount: 1)).output == nil)
        let error = OutputMessage.error(CellError(.crash, value: "boom", traceback: ["line"]))
        #expect(error.content == ["ename": "Crash", "evalue": "boom", "traceback": ["line"]])
        #expect(error.output == .error(name: "Crash", value: "boom", traceback: ["line"]))
        let json = MIMEBundle(["application/json": #"{"k": [1]}"#, "text/plain": "k"], metadata: ["image/png": #"{"width": 10}"#])
        #expect(json.jsonData["application/json"] == ["k": [1]] && json.jsonMetadata["image/png"] == ["width": 10])
    }

    @Test func updatesReplaceEveryOutputOfTheirDisplayInAnyCell() {
        var outputs = NotebookOutputs()
        outputs.apply(.displayData(a, displayID: "p"), cell: 0)
        outputs.apply(.stream(name: "stdout", text: "between\n"), cell: 1)
        outputs.apply(.displayData(a, displayID: "p"), cell: 1)
        outputs.apply(.updateDisplayData(b, displayID: "p"), cell: 1)
        let shownB = NotebookOutput.displayData(data: ["text/plain": "b", "text/html": "<b>b</b>"], metadata: [:])
        #expect(outputs[cell: 0] == [shownB])
        #expect(outputs[cell: 1] == [.stream(name: "stdout", text: "between\n"), shownB])
        outputs.apply(.updateDisplayData(a, displayID: "unknown"), cell: 1)
        #expect(outputs[cell: 1].count == 2)
    }

    @Test func clearsHappenAtOnceOrWithTheNextOutput() {
        var outputs = NotebookOutputs()
        outputs.apply(.displayData(a, displayID: "p"), cell: 0)
        outputs.apply(.clearOutput(wait: true), cell: 0)
        #expect(outputs[cell: 0].count == 1)
        outputs.apply(.stream(name: "stdout", text: "x"), cell: 0)
        #expect(outputs[cell: 0] == [.stream(name: "stdout", text: "x")])
        // The cleared display is gone: its updates change nothing.
        outputs.apply(.updateDisplayData(b, displayID: "p"), cell: 0)
        #expect(outputs[cell: 0] == [.stream(name: "stdout", text: "x")])
        outputs.apply(.clearOutput(wait: false), cell: 0)
        #expect(outputs[cell: 0].isEmpty)
    }

    @Test func theTextBetweenDisplaysIsOneStdoutThenOneStderrOutput() {
        var outputs = NotebookOutputs()
        for message: OutputMessage in [.stream(name: "stderr", text: "e\n"), .stream(name: "stdout", text: "1\n"),
                                       .stream(name: "stdout", text: "2\n"), .stream(name: "stderr", text: "f\n"),
                                       .displayData(a, displayID: nil), .stream(name: "stderr", text: "g\n"),
                                       .stream(name: "stdout", text: "3\n")] {
            outputs.apply(message, cell: 4)
        }
        #expect(outputs[cell: 4] == [.stream(name: "stdout", text: "1\n2\n"), .stream(name: "stderr", text: "e\nf\n"),
                                     .displayData(data: ["text/plain": "a"], metadata: [:]),
                                     .stream(name: "stdout", text: "3\n"), .stream(name: "stderr", text: "g\n")])
    }
}
