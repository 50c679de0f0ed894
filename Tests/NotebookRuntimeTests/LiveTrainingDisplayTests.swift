import Foundation
import NotebookRuntime
import Synchronization
import Testing

/// Records display events; used in a child process, where no other test shares the display host.
final class Recorder: DisplaySink {
    let events = Mutex<[DisplayEvent]>([])
    func receive(_ event: DisplayEvent) { events.withLock { $0.append(event) } }
}

@Suite struct LiveTrainingDisplayTests {
    @Test func autoVerbosityUpdatesOneDisplayPerEpochWithAChart() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            /// Stops the child, saying which condition failed.
            func require(_ condition: Bool, _ what: String) {
                if !condition { FileHandle.standardError.write(Data("failed: \(what)\n".utf8)); exit(1) }
            }
            let recorder = Recorder()
            DisplayHost.install(recorder)
            LiveTrainingDisplay.install()
            let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
            model.compile(optimizer: SGD(), loss: .mse)
            _ = try model.fit(Tensor([1, 2]), Tensor([2, 4]), epochs: 3, validationData: (Tensor([3]), Tensor([6])))
            let events = recorder.events.withLock { $0 }
            require(events.count == 5, "five events (a display and four updates), got \(events.count)")
            guard case let .display(first, id?) = events[0] else { return require(false, "the first event is a display with an id") }
            require(first.plainText == "Epoch 0/3", "the first display reads Epoch 0/3, not \(first.plainText ?? "nothing")")
            guard case let .update(last, lastID) = events[4] else { return require(false, "the last event is an update") }
            require(lastID == id, "the updates replace the first display")
            require(last.plainText?.hasPrefix("Epoch 3/3 - loss: ") == true, "the last text reads Epoch 3/3 - loss: …")
            require(last.data["text/html"]?.contains("<svg") == true, "the last HTML holds the loss chart")
            require(last.data["text/html"]?.contains("<progress value=\"3\" max=\"3\"") == true, "the progress bar is full")
            exit(0)
        }
        if let result, result.exitStatus != .exitCode(EXIT_SUCCESS) {
            let said = String(decoding: result.standardErrorContent, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("failed: ") }
            Issue.record("the child says: \(said.joined(separator: "; "))")
        }
    }
}
