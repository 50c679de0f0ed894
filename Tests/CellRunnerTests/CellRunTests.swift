@testable import CellRunner
import NotebookDisplay
import Testing

/// The run loop's rules, message by message, without a compiler or a runner process.
@Suite struct CellRunTests {
    private func feed(_ messages: [RunnerMessage], into run: inout CellRun) -> [CellRun.Action] {
        messages.flatMap { run.receive($0) }
    }

    @Test func aCellEndsWhenFinishedAndBothEndMarkersHaveArrived() {
        var run = CellRun()
        #expect(run.waitLimit == nil)
        let bundle = MIMEBundle(["text/plain": "42"])
        #expect(feed([.stdout("a\n"), .event(.display(.result(bundle))), .event(.finished(succeeded: true))], into: &run)
                == [.emit(.stdout("a\n")), .emit(.display(.result(bundle)))])
        // Finished, but the output may still be on its way.
        #expect(run.waitLimit == CellRun.endMarkerGrace)
        #expect(run.receive(.streamEnd(.stdout)).isEmpty)
        #expect(run.receive(.stdout("late\n")) == [.emit(.stdout("late\n"))])
        #expect(run.receive(.streamEnd(.stderr)) == [.finish(.success)])
    }

    @Test func aThrownErrorOrALoadFailureIsTheOutcome() {
        var thrown = CellRun()
        let ends: [RunnerMessage] = [.event(.finished(succeeded: false)), .streamEnd(.stdout), .streamEnd(.stderr)]
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

    @Test func inputRequestsAreForwarded() {
        var run = CellRun()
        #expect(run.receive(.event(.inputRequest(prompt: "Name?", password: true))) == [.answerInput(prompt: "Name?", isPassword: true)])
    }

    @Test func missingEndMarkersAreWaitedForOnlyAsLongAsTheGrace() {
        var run = CellRun()
        // Text that looked like a crash report but was not: it is output after all.
        #expect(feed([.stderr("Fatal error: just a message\n"), .event(.finished(succeeded: true))], into: &run).isEmpty)
        #expect(run.waitLimitPassed() == [.emit(.stderr("Fatal error: just a message\n")), .finish(.success)])
    }
}
