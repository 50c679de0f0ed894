// The runner: a child process that loads compiled cells and runs them, so that nothing a cell
// does (a trap, a segfault, exit()) can take the engine down.
//
//     swift-cell-runner <libNotebookRuntime.so> <working directory>
//
// Protocol: commands arrive on fd 3, one per line: `run <library path> <entry symbol>`. The
// runtime library reports displays, results, errors and completion as JSON lines on fd 4.
// stdout and stderr are the cell's own, line-buffered so they stream while the cell runs.
// The main thread stays in dispatchMain(), so cells can use @MainActor code and top-level await.
import Foundation

setvbuf(stdout, nil, _IOLBF, 0)
setvbuf(stderr, nil, _IONBF, 0)

let commandDescriptor: Int32 = 3
let eventDescriptor: Int32 = 4
let arguments = CommandLine.arguments

/// Writes a JSON line on the event channel (only for failures the runtime cannot report itself).
@Sendable func reportLoadFailure(_ message: String) {
    let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n")
    let lines = "{\"failed\":{\"name\":\"LoadError\",\"description\":\"\(escaped)\"}}\n{\"finished\":{\"succeeded\":false}}\n"
    _ = lines.withCString { write(eventDescriptor, $0, strlen($0)) }
}

guard arguments.count == 3 else {
    fputs("usage: swift-cell-runner <libNotebookRuntime.so> <working directory>\n", stderr)
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
unsafeBitCast(attach, to: (@convention(c) (Int32) -> Void).self)(eventDescriptor)

// SIGINT from the engine means "interrupt the cell": tell the runtime (fit stops between batches).
// Handled on a dispatch queue, not in a signal handler, and not on the main thread the cell occupies.
let interrupt = dlsym(runtime, "notebook_runtime_interrupt").map { unsafeBitCast($0, to: (@convention(c) () -> Void).self) }
signal(SIGINT, SIG_IGN)
let interruptSource = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
interruptSource.setEventHandler { interrupt?() }
interruptSource.resume()

/// Loads a cell library and starts its entry function on the main queue.
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
        let count = read(commandDescriptor, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }   // signals arrive here too (the backtracer's)
        if count <= 0 { exit(0) }   // the engine closed the channel: shut down
        pending += buffer[0..<count]
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[..<newline], as: UTF8.self)
            pending.removeSubrange(...newline)
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, parts[0] == "run" else { continue }
            DispatchQueue.main.async { run(library: parts[1], symbol: parts[2]) }
        }
    }
}
commands.start()
dispatchMain()
