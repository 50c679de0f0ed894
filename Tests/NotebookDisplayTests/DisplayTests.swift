import Synchronization
import Testing
@testable import NotebookDisplay

/// Records every event it receives.
final class RecordingSink: DisplaySink {
    let events = Mutex<[DisplayEvent]>([])
    func receive(_ event: DisplayEvent) { events.withLock { $0.append(event) } }
}

struct Bold: Displayable {
    let text: String
    var mimeBundle: MIMEBundle { MIMEBundle(["text/plain": text, "text/html": "<b>\(escapeHTML(text))</b>"]) }
}

@Suite(.serialized) struct DisplayTests {
    @Test func eventsReachTheInstalledSinkInOrder() {
        let sink = RecordingSink()
        DisplayHost.install(sink)
        defer { DisplayHost.install(nil) }
        display(Bold(text: "a<b"), id: "p")
        updateDisplay(Bold(text: "c"), id: "p")
        clearOutput(wait: true)
        display(42)
        #expect(sink.events.withLock { $0 } == [
            .display(MIMEBundle(["text/plain": "a<b", "text/html": "<b>a&lt;b</b>"]), id: "p"),
            .update(MIMEBundle(["text/plain": "c", "text/html": "<b>c</b>"]), id: "p"),
            .clear(wait: true),
            .display(MIMEBundle(["text/plain": "42"]), id: nil),
        ])
    }

    @Test func plainValuesShowTheirDescription() {
        #expect(MIMEBundle(representing: [1, 2]).plainText == "[1, 2]")
        #expect(MIMEBundle(representing: "ab").plainText == "\"ab\"")
        #expect(MIMEBundle(representing: Int.self).plainText == "Int")
        let hidden = HiddenModules(names: ["Swift"], numberedPrefixes: ["Cell"])
        #expect(hidden.removingQualifiers(from: #"[Cell3.Tag(text: "Cell3.x \" Swift.y")]"#) == #"[Tag(text: "Cell3.x \" Swift.y")]"#)
        #expect(hidden.removingQualifiers(from: "Cell12.Point(x: 1.5, tag: Swift.Optional<Cell2.Tag>.none)")
                == "Point(x: 1.5, tag: Optional<Tag>.none)")
        #expect(hidden.removingQualifiers(from: "Cells.Point") == "Cells.Point")
        #expect(HiddenModules.standardLibrary.removingQualifiers(from: "Cell3.P(Swift.Int)") == "Cell3.P(Int)")
        #expect(MIMEBundle(representing: Bold(text: "x")).data["text/html"] == "<b>x</b>")
        let bundle = MIMEBundle(["text/plain": "hi", "text/html": "<i>hi</i>"])
        #expect(MIMEBundle(representing: bundle) == bundle)
    }

    @Test func escapingCoversTheFiveSpecialCharacters() {
        #expect(escapeHTML("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
