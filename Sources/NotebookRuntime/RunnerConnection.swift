internal import Foundation
import Charts
import Neural
import NotebookDisplay
internal import RunnerProtocol
internal import Synchronization

// The runtime's side of the runner protocol (RunnerProtocol): the runner process loads this
// library, calls `notebook_runtime_attach` with its event channel's file descriptor, and from then
// on every display, result, error and the end of each cell go out as `RunnerEvent` lines on it,
// in order with the cell's printed text (see `RunnerChannel`).

/// The channel's file descriptor, guarded so that lines from different threads never interleave.
private let channel = Mutex<Int32?>(nil)

/// Sends one event to the host, in order with the cell's printed text; does nothing when no runner attached.
func send(_ event: RunnerEvent) {
    channel.withLock { descriptor in
        guard let descriptor else { return }
        RunnerChannel.send(event, on: descriptor)
    }
}

/// Whether a runner attached its channel (the runtime is hosted in a notebook runner).
var isAttachedToRunner: Bool { channel.withLock { $0 != nil } }

/// Forwards display events to the runner's channel.
private struct RunnerChannelSink: DisplaySink {
    func receive(_ event: DisplayEvent) { send(.display(event)) }
}

/// Connects the runtime to a runner's event channel (called by the runner through `dlsym`);
/// values' text leaves out the qualifiers of the runtime's modules and of the host's cell modules,
/// whose names are `cellModulePrefix` and a number.
@_cdecl("notebook_runtime_attach")
public func notebookRuntimeAttach(_ descriptor: Int32, _ cellModulePrefix: UnsafePointer<CChar>) {
    channel.withLock { $0 = descriptor }
    DisplayHost.install(RunnerChannelSink())
    DisplayHost.hideModules(HiddenModules(names: HiddenModules.standardLibrary.names.union(runtimeModules),
                                          numberedPrefixes: [String(cString: cellModulePrefix)]))
    LiveTrainingDisplay.install()
}

/// Asks the running cell to stop (called by the runner when the engine sends SIGINT).
@_cdecl("notebook_runtime_interrupt")
public func notebookRuntimeInterrupt() {
    Interruption.request()
}

/// Marks the start of a cell: clears an interrupt left from the previous one (called from generated code).
public func _cellStarted() {
    Interruption.reset()
}

/// Reports that a cell's entry function has finished, its last event (called from generated cell code).
public func _cellFinished(_ succeeded: Bool) {
    send(.finished(succeeded: succeeded))
}

/// Reports an error a cell threw, as Jupyter's `ename` (the type) and `evalue` (its description).
public func _cellFailed(_ error: any Error) {
    send(.failed(name: String(describing: type(of: error)), description: String(describing: error)))
}

// The generic parameters of these helpers are named `CellValue` and `CellFailure`: when a cell's
// expression does not compile, the compiler also says it cannot infer them, and the engine leaves
// those messages out (`SwiftCompiler.isAboutGeneratedCode`).

/// The value of a cell binding whose initialiser already succeeded (generated code reads it only then).
public func _cellValue<CellValue, CellFailure: Error>(_ result: Result<CellValue, CellFailure>) -> CellValue {
    switch result {
    case let .success(value): return value
    case let .failure(error): preconditionFailure("a failed cell binding was read: \(error)")
    }
}

/// The result of a cell binding whose initializer awaits (`let x = await f()`): runs it as a task
/// and waits for it, since a global's initializer cannot itself be async. The initializer must not
/// need the main actor, which is busy running the cell. While a checkpoint is being restored, the
/// value saved for the binding (see `_cellCatching(restoring:_:)`).
public func _cellAwaitResult<CellValue>(restoring key: String, _ body: @escaping () async throws -> CellValue) -> Result<CellValue, any Error> {
    _cellCatching(restoring: key) { try awaitResult(body).get() }
}

/// Runs `body` as a task and waits for its result.
private func awaitResult<CellValue>(_ body: @escaping () async throws -> CellValue) -> Result<CellValue, any Error> {
    let box = AwaitBox(body)
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
        await box.run()
        finished.signal()
    }
    finished.wait()
    return box.result!
}

/// Carries an awaited initializer and its result between the cell's thread and the task.
private final class AwaitBox<CellValue>: @unchecked Sendable {   // `result` is written before the semaphore signals, read after
    let body: () async throws -> CellValue
    var result: Result<CellValue, any Error>?

    init(_ body: @escaping () async throws -> CellValue) { self.body = body }

    func run() async {
        do { result = .success(try await body()) } catch { result = .failure(error) }
    }
}
