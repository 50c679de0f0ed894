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
        await #expect(processExitsWith: .success) {
            let recorder = Recorder()
            DisplayHost.install(recorder)
            LiveTrainingDisplay.install()
            let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
            model.compile(optimizer: SGD(), loss: .mse)
            _ = try model.fit(Tensor([1, 2]), Tensor([2, 4]), epochs: 3, validationData: (Tensor([3]), Tensor([6])))
            let events = recorder.events.withLock { $0 }
            guard events.count == 5, case let .display(first, id?) = events[0],
                  first.plainText == "Epoch 0/3",
                  case let .update(last, lastID) = events[4], lastID == id,
                  last.plainText?.hasPrefix("Epoch 3/3 - loss: ") == true,
                  last.data["text/html"]?.contains("<svg") == true,
                  last.data["text/html"]?.contains("<progress value=\"3\" max=\"3\"") == true
            else { exit(1) }
            exit(0)
        }
    }
}
