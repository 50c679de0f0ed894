// The runner: a child process that loads compiled cells and runs them, so that nothing a cell
// does (a trap, a segfault, exit()) can take the engine down.
//
//     swift-cell-runner <libNotebookRuntime.so> <working directory> <cell module prefix>
//
// Protocol (RunnerProtocol): `RunnerCommand` lines arrive on fd 3; the runtime library reports
// displays, results, errors, checkpoints and the end of each cell as `RunnerEvent` lines on fd 4,
// and so does this process when a cell's library cannot be loaded. stdout and stderr are the cell's own,
// line-buffered so they stream while the cell runs. The main thread stays in dispatchMain(), so
// cells can use @MainActor code and top-level await.
import CRunnerABI
import Foundation
import RunnerProtocol
import Spawning

// A runner outlives no host: killed with it even mid-cell (a training loop reads no command).
if let parent = ProcessInfo.processInfo.environment[RunnerChannel.parentEnvironmentKey].flatMap(Int32.init),
   !ChildProcess.endWithParent(parent) {
    exit(70)
}

setvbuf(stdout, nil, _IOLBF, 0)
setvbuf(stderr, nil, _IONBF, 0)

let arguments = CommandLine.arguments

/// Ends a cell whose library could not be loaded the way the runtime ends every cell, with a
/// `finished` event, so the engine learns it at once.
@Sendable func reportLoadFailure(_ reason: String) {
    RunnerChannel.send(.loadFailed(reason: reason), on: RunnerChannel.events)
    RunnerChannel.send(.finished(succeeded: false), on: RunnerChannel.events)
}

guard arguments.count == 4 else {
    fputs("usage: swift-cell-runner <libNotebookRuntime.so> <working directory> <cell module prefix>\n", stderr)
    exit(64)
}
guard chdir(arguments[2]) == 0 else {
    fputs("swift-cell-runner: cannot change to \(arguments[2])\n", stderr)
    exit(66)
}
guard let runtime = dlopen(arguments[1], RTLD_NOW | RTLD_GLOBAL) else {
    fputs("swift-cell-runner: cannot load the runtime: \(String(cString: dlerror()))\n", stderr)
    exit(69)
}

/// The runtime's entry point `name` (runner_abi.h) as a `Function`; a runtime without it is not one
/// this runner can drive.
func entryPoint<Function>(_ name: String, as type: Function.Type) -> Function {
    guard let address = dlsym(runtime, name) else {
        fputs("swift-cell-runner: the runtime \(arguments[1]) has no \(name)\n", stderr)
        exit(69)
    }
    return unsafeBitCast(address, to: type)
}

let checkpointEntry = entryPoint(NOTEBOOK_RUNTIME_CHECKPOINT, as: notebook_runtime_checkpoint_fn.self)
let restoreEntry = entryPoint(NOTEBOOK_RUNTIME_RESTORE, as: notebook_runtime_checkpoint_fn.self)
let interrupt = entryPoint(NOTEBOOK_RUNTIME_INTERRUPT, as: notebook_runtime_interrupt_fn.self)
entryPoint(NOTEBOOK_RUNTIME_ATTACH, as: notebook_runtime_attach_fn.self)(RunnerChannel.events, arguments[3])
// Cell libraries link no Swift library (CompilePlan's direct link): they bind what they use from
// what is loaded here, globally, and being compiled -Onone they use the standard library's
// prespecialised generics too (found through this executable's run path, the toolchain's).
guard dlopen("libswiftSwiftOnoneSupport.so", RTLD_NOW | RTLD_GLOBAL) != nil else {
    fputs("swift-cell-runner: cannot load the standard library's -Onone support: \(String(cString: dlerror()))\n", stderr)
    exit(69)
}

// SIGINT from the engine means "interrupt the cell": tell the runtime (fit stops between batches).
// Handled on a dispatch queue, not in a signal handler, and not on the main thread the cell occupies.
signal(SIGINT, SIG_IGN)
let interruptSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
interruptSource.setEventHandler { interrupt() }
interruptSource.resume()

/// Loads a cell library and calls its entry function (on the main queue).
@Sendable func run(library: String, symbol: String) {
    guard let handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL) else {
        return reportLoadFailure(String(cString: dlerror()))
    }
    guard let entry = dlsym(handle, symbol) else {
        return reportLoadFailure("\(library) has no entry \(symbol)")
    }
    unsafeBitCast(entry, to: notebook_cell_fn.self)()
}

/// Loads a library whose symbols later cells bind to (the session's packages), and reports how it went.
@Sendable func load(library: String) {
    guard dlopen(library, RTLD_NOW | RTLD_GLOBAL) != nil else {
        return reportLoadFailure(String(cString: dlerror()))
    }
    RunnerChannel.send(.finished(succeeded: true), on: RunnerChannel.events)
}

/// Ends a checkpoint or restore that could not start, the way the runtime ends one.
@Sendable func reportCheckpointFailure(_ reason: String) {
    RunnerChannel.send(.checkpointed(CheckpointReport(bytes: 0, unsaved: [], failure: reason)), on: RunnerChannel.events)
    RunnerChannel.send(.finished(succeeded: false), on: RunnerChannel.events)
}

/// Saves the session's values (`checkpoint`) or brings them back (`restore`) through the runtime,
/// calling the cells' generated functions `symbols` after loading `libraries`.
@Sendable func checkpoint(_ entry: notebook_runtime_checkpoint_fn, path: String, libraries: [String], symbols: [String]) {
    for library in libraries where dlopen(library, RTLD_NOW | RTLD_GLOBAL) == nil {
        return reportCheckpointFailure("\(library) could not be loaded: \(String(cString: dlerror()))")
    }
    var functions: [notebook_cell_fn] = []
    for symbol in symbols {
        guard let function = dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol) else {
            return reportCheckpointFailure("no loaded cell has the function \(symbol)")
        }
        functions.append(unsafeBitCast(function, to: notebook_cell_fn.self))
    }
    functions.withUnsafeBufferPointer { entry(path, $0.baseAddress, $0.count) }
}

let commands = Thread {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var pending: [UInt8] = []
    while true {
        let count = read(RunnerChannel.commands, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }   // signals arrive here too (the backtracer's)
        if count <= 0 { exit(0) }   // the engine closed the channel: shut down
        pending += buffer[0..<count]
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = pending[..<newline]
            pending.removeSubrange(...newline)
            let command: RunnerCommand
            do {
                command = try RunnerCommand(line: line)
            } catch {
                // A bug of ours (the engine and the runner disagree): the engine waits for the
                // command's end, so end it with a failure that says why.
                let reason = "the runner cannot read the command \(String(decoding: line, as: UTF8.self)) (\(error))"
                DispatchQueue.main.async { reportLoadFailure(reason) }
                continue
            }
            switch command {
            case let .run(library, symbol):
                DispatchQueue.main.async { run(library: library, symbol: symbol) }
            case let .load(library):
                DispatchQueue.main.async { load(library: library) }
            case let .checkpoint(path, symbols):
                DispatchQueue.main.async { checkpoint(checkpointEntry, path: path, libraries: [], symbols: symbols) }
            case let .restore(path, libraries, symbols):
                DispatchQueue.main.async { checkpoint(restoreEntry, path: path, libraries: libraries, symbols: symbols) }
            }
        }
    }
}
commands.start()
dispatchMain()
