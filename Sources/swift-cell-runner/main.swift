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
import Foundation
import RunnerProtocol

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
guard let runtime = dlopen(arguments[1], RTLD_NOW | RTLD_GLOBAL),
      let attach = dlsym(runtime, "notebook_runtime_attach") else {
    fputs("swift-cell-runner: cannot load the runtime: \(String(cString: dlerror()))\n", stderr)
    exit(69)
}
unsafeBitCast(attach, to: (@convention(c) (Int32, UnsafePointer<CChar>) -> Void).self)(RunnerChannel.events, arguments[3])
// Cell libraries link no Swift library (CompilePlan's direct link): they bind what they use from
// what is loaded here, globally, and being compiled -Onone they use the standard library's
// prespecialised generics too (found through this executable's run path, the toolchain's).
guard dlopen("libswiftSwiftOnoneSupport.so", RTLD_NOW | RTLD_GLOBAL) != nil else {
    fputs("swift-cell-runner: cannot load the standard library's -Onone support: \(String(cString: dlerror()))\n", stderr)
    exit(69)
}

// SIGINT from the engine means "interrupt the cell": tell the runtime (fit stops between batches).
// Handled on a dispatch queue, not in a signal handler, and not on the main thread the cell occupies.
let interrupt = dlsym(runtime, "notebook_runtime_interrupt").map { unsafeBitCast($0, to: (@convention(c) () -> Void).self) }
signal(SIGINT, SIG_IGN)
let interruptSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
interruptSource.setEventHandler { interrupt?() }
interruptSource.resume()

/// Loads a cell library and calls its entry function (on the main queue).
@Sendable func run(library: String, symbol: String) {
    guard let handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL) else {
        return reportLoadFailure(String(cString: dlerror()))
    }
    guard let entry = dlsym(handle, symbol) else {
        return reportLoadFailure("\(library) has no entry \(symbol)")
    }
    unsafeBitCast(entry, to: (@convention(c) () -> Void).self)()
}

/// The runtime's checkpoint entry points: a file's path and the cells' functions to call (none
/// when no cell binds a value: the checkpoint then holds the seed stream and the displays' numbering).
typealias CheckpointEntry = @convention(c) (UnsafePointer<CChar>, UnsafePointer<@convention(c) () -> Void>?, Int) -> Void
let checkpointEntry = dlsym(runtime, "notebook_runtime_checkpoint").map { unsafeBitCast($0, to: CheckpointEntry.self) }
let restoreEntry = dlsym(runtime, "notebook_runtime_restore").map { unsafeBitCast($0, to: CheckpointEntry.self) }

/// Ends a checkpoint or restore that could not start, the way the runtime ends one.
@Sendable func reportCheckpointFailure(_ reason: String) {
    RunnerChannel.send(.checkpointed(CheckpointReport(bytes: 0, unsaved: [], failure: reason)), on: RunnerChannel.events)
    RunnerChannel.send(.finished(succeeded: false), on: RunnerChannel.events)
}

/// Saves the session's values (`checkpoint`) or brings them back (`restore`) through the runtime,
/// calling the cells' generated functions `symbols` after loading `libraries`.
@Sendable func checkpoint(_ entry: CheckpointEntry?, path: String, libraries: [String], symbols: [String]) {
    guard let entry else { return reportCheckpointFailure("the runtime has no checkpoint support") }
    for library in libraries where dlopen(library, RTLD_NOW | RTLD_GLOBAL) == nil {
        return reportCheckpointFailure("\(library) could not be loaded: \(String(cString: dlerror()))")
    }
    var functions: [@convention(c) () -> Void] = []
    for symbol in symbols {
        guard let function = dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol) else {
            return reportCheckpointFailure("no loaded cell has the function \(symbol)")
        }
        functions.append(unsafeBitCast(function, to: (@convention(c) () -> Void).self))
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
            switch try? RunnerCommand(line: line) {
            case let .run(library, symbol):
                DispatchQueue.main.async { run(library: library, symbol: symbol) }
            case let .checkpoint(path, symbols):
                DispatchQueue.main.async { checkpoint(checkpointEntry, path: path, libraries: [], symbols: symbols) }
            case let .restore(path, libraries, symbols):
                DispatchQueue.main.async { checkpoint(restoreEntry, path: path, libraries: libraries, symbols: symbols) }
            case nil:
                fputs("swift-cell-runner: ignored a command it cannot read: \(String(decoding: line, as: UTF8.self))\n", stderr)
            }
        }
    }
}
commands.start()
dispatchMain()
