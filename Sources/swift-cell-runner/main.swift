// The runner: a child process that loads compiled cells and runs them, so that nothing a cell
// does (a trap, a segfault, exit()) can take the engine down.
//
//     swift-cell-runner <libNotebookRuntime.so> <working directory> <cell module prefix>
//
// Protocol (RunnerProtocol): `RunnerCommand` lines arrive on fd 3; the runtime library reports
// displays, results, errors and the end of each cell as `RunnerEvent` lines on fd 4, and so does
// this process when a cell's library cannot be loaded. stdout and stderr are the cell's own,
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
            case nil:
                fputs("swift-cell-runner: ignored a command it cannot read: \(String(decoding: line, as: UTF8.self))\n", stderr)
            }
        }
    }
}
commands.start()
dispatchMain()
