@testable import CellRunner
import NotebookDisplay
import Testing

/// The run loop's rules, message by message, without a compiler or a runner process.
@Suite struct CellRunTests {
    private func feed(_ messages: [RunnerMessage], into run: inout CellRun) -> [CellRun.Action] {
        messages.flatMap { run.receive($0) }
    }

    /// Both streams pass a barrier: the runtime sent an event.
    private let barriers: [RunnerMessage] = [.barrier(.stdout), .barrier(.stderr)]
    private let finished: [RunnerMessage] = [.event(.finished(succeeded: true)), .barrier(.stdout), .barrier(.stderr)]

    @Test func aCellEndsWhenItsFinishedEventHasPassedBothStreams() {
        var run = CellRun()
        #expect(run.waitLimit == nil)
        let bundle = MIMEBundle(["text/plain": "42"])
        #expect(feed([.stdout("a\n")] + barriers + [.event(.display(.result(bundle))), .event(.finished(succeeded: true))], into: &run)
                == [.emit(.stdout("a\n")), .emit(.display(.result(bundle)))])
        // Finished, but the output before it may still be on its way.
        #expect(run.waitLimit == CellRun.barrierGrace)
        #expect(run.receive(.barrier(.stdout)).isEmpty)
        #expect(run.receive(.barrier(.stderr)) == [.finish(.success)])
        #expect(run.receive(.stdout("after the end\n")).isEmpty)
    }

    @Test func eventsTakeTheirPlaceAmongTheTextWhateverTheArrivalOrder() {
        // The cell printed "a", displayed x, printed "b"; the event overtook the text on its way.
        let x = MIMEBundle(["text/plain": "x"])
        var run = CellRun()
        let arrival: [RunnerMessage] = [.event(.display(.display(x, id: nil))), .stderr("warning\n"), .barrier(.stderr),
                                        .stdout("a\n"), .barrier(.stdout), .stdout("b\n")] + finished
        #expect(feed(arrival, into: &run) == [.emit(.stderr("warning\n")), .emit(.stdout("a\n")),
                                              .emit(.display(.display(x, id: nil))), .emit(.stdout("b\n")), .finish(.success)])
        // Text after a stream's barrier waits for its event.
        var waiting = CellRun()
        #expect(feed([.barrier(.stdout), .stdout("b\n"), .barrier(.stderr)], into: &waiting).isEmpty)
        #expect(waiting.receive(.event(.display(.display(x, id: nil)))) == [.emit(.display(.display(x, id: nil))), .emit(.stdout("b\n"))])
    }

    @Test func aThrownErrorOrALoadFailureIsTheOutcome() {
        let ends: [RunnerMessage] = [.event(.finished(succeeded: false))] + barriers + barriers
        var thrown = CellRun()
        #expect(feed([.event(.failed(name: "Oops", description: "it broke"))] + ends, into: &thrown)
                == [.finish(.failure(CellError(.thrown(type: "Oops"), value: "it broke")))])
        var unloadable = CellRun()
        #expect(feed([.event(.loadFailed(reason: "undefined symbol: f"))] + ends, into: &unloadable)
                == [.finish(.failure(CellError(.load, value: "undefined symbol: f")))])
        #expect(CellError(.load, value: "").name == "LoadError")
    }

    @Test func aCrashReportIsHeldBackFromTheOutputAndGoesWithTheExit() {
        var run = CellRun()
        #expect(run.receive(.stderr("warning\nFatal error: boom\nframe 1\n")) == [.emit(.stderr("warning\n"))])
        #expect(run.receive(.exited(reason: "signal 4 (illegal instruction)"))
                == [.runnerExited(reason: "signal 4 (illegal instruction)", crashReport: "Fatal error: boom\nframe 1\n")])
    }

    @Test func whatWasHeldIsShownBeforeACrash() {
        let x = MIMEBundle(["text/plain": "x"])
        var run = CellRun()
        #expect(feed([.event(.display(.display(x, id: nil))), .barrier(.stdout), .stdout("after\n")], into: &run).isEmpty)
        #expect(run.receive(.exited(reason: "signal 11 (segmentation fault)"))
                == [.emit(.display(.display(x, id: nil))), .emit(.stdout("after\n")),
                    .runnerExited(reason: "signal 11 (segmentation fault)", crashReport: "")])
    }

    @Test func anEventLineThatCannotBeReadIsAWarningAndTheCellGoesOn() {
        var run = CellRun()
        #expect(run.receive(.unreadableEvent("not JSON: {")) == [
            .emit(.warning("cell engine: ignored an event line from the runner that it cannot decode (not JSON: {)"))])
        #expect(feed(finished, into: &run) == [.finish(.success)])
    }

    @Test func inputRequestsAreForwardedInOrder() {
        var run = CellRun()
        #expect(feed([.stdout("Your name?\n"), .event(.inputRequest(prompt: "", password: true))] + barriers, into: &run)
                == [.emit(.stdout("Your name?\n")), .answerInput(prompt: "", isPassword: true)])
    }

    @Test func missingBarriersAreWaitedForOnlyAsLongAsTheGrace() {
        var run = CellRun()
        // Text that looked like a crash report but was not: it is output after all.
        #expect(feed([.stderr("Fatal error: just a message\n"), .event(.finished(succeeded: true)), .barrier(.stderr)], into: &run).isEmpty)
        #expect(run.waitLimitPassed() == [.emit(.stderr("Fatal error: just a message\n")), .finish(.success)])
    }
}
