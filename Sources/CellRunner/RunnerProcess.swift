import CellCompiler
import Foundation
import NotebookDisplay

/// The runner's two output streams.
enum OutputStream: Sendable, Hashable { case stdout, stderr }

/// What a runner process produced, in arrival order.
enum RunnerMessage: Sendable {
    case stdout(String)
    case stderr(String)
    /// A stream carried everything a cell wrote to it (the runtime's end marker arrived).
    case streamEnd(OutputStream)
    case event(RunnerEvent)
    /// The process ended; `reason` says how (`exit status 3`, `signal 11 (segmentation fault)`).
    case exited(reason: String)
}

/// One `swift-cell-runner` child process with its pipes: commands in on fd 3, JSON events out
/// on fd 4, the cell's stdout and stderr streamed as they come.
final class RunnerProcess: @unchecked Sendable {   // fields are immutable; `messages` locks itself
    let pid: pid_t
    private let commandDescriptor: Int32
    private let inputDescriptor: Int32
    let messages = BlockingQueue<RunnerMessage>()

    /// Starts a runner.
    ///
    /// - Throws: `EngineError.runnerFailedToStart` when the process cannot be spawned.
    init(executable: String, runtimeLibrary: String, workingDirectory: String) throws {
        let stdinPipe = try makePipe(), stdoutPipe = try makePipe(), stderrPipe = try makePipe()
        let commandPipe = try makePipe(), eventPipe = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        posix_spawn_file_actions_adddup2(&actions, commandPipe[0], 3)
        posix_spawn_file_actions_adddup2(&actions, eventPipe[1], 4)

        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,limit=16,top=16,registers=none,images=none,sanitize=no,threads=crashed"
        let argv = [executable, runtimeLibrary, workingDirectory]
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let status = ChildProcess.withCStrings(argv) { argvPointers in
            ChildProcess.withCStrings(envp) { envPointers in
                posix_spawn(&child, executable, &actions, nil, argvPointers, envPointers)
            }
        }
        for descriptor in [stdinPipe[0], stdoutPipe[1], stderrPipe[1], commandPipe[0], eventPipe[1]] { close(descriptor) }
        guard status == 0 else {
            for descriptor in [stdinPipe[1], stdoutPipe[0], stderrPipe[0], commandPipe[1], eventPipe[0]] { close(descriptor) }
            throw EngineError.runnerFailedToStart(reason: "\(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        commandDescriptor = commandPipe[1]
        inputDescriptor = stdinPipe[1]
        startReading(stdoutPipe[0], .stdout)
        startReading(stderrPipe[0], .stderr)
        startReadingEvents(eventPipe[0])
    }

    /// Asks the runner to load `library` and call its entry `symbol`.
    func run(library: String, symbol: String) {
        let line = "run \(library) \(symbol)\n"
        _ = line.withCString { write(commandDescriptor, $0, strlen($0)) }
    }

    /// Answers the cell's `readLine()`: a line of text, or nil for "no input".
    func answerInput(_ text: String?) {
        let line = text.map { "=" + $0.replacingOccurrences(of: "\n", with: " ") } ?? "!"
        _ = (line + "\n").withCString { write(inputDescriptor, $0, strlen($0)) }
    }

    /// Kills the runner (if still alive) and closes its input channels.
    func terminate() {
        kill(pid, SIGKILL)
        close(commandDescriptor)
        close(inputDescriptor)
    }

    // MARK: - Reading

    /// The runtime's end-of-cell marker (NotebookRuntime's `streamEndMarker`).
    private static let endMarker: [UInt8] = [0, 1] + Array("notebook-cell-end".utf8) + [1, 0]

    private func startReading(_ descriptor: Int32, _ stream: OutputStream) {
        let queue = messages
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var pending: [UInt8] = []
            func deliver(_ bytes: ArraySlice<UInt8>) {
                guard !bytes.isEmpty else { return }
                let text = String(decoding: bytes, as: UTF8.self)
                queue.push(stream == .stdout ? .stdout(text) : .stderr(text))
            }
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let marker = pending.firstRange(of: Self.endMarker) {
                    deliver(pending[..<marker.lowerBound])
                    queue.push(.streamEnd(stream))
                    pending.removeSubrange(..<marker.upperBound)
                }
                // Keep back what could be the start of a marker or of a UTF-8 character.
                var keep = 0
                if let lastZero = pending.lastIndex(of: 0), pending.count - lastZero < Self.endMarker.count,
                   Self.endMarker.starts(with: pending[lastZero...]) {
                    keep = pending.count - lastZero
                }
                let safe = completeUTF8Prefix(Array(pending.dropLast(keep)))
                deliver(pending[..<safe])
                pending.removeFirst(safe)
            }
            deliver(pending[...])
            close(descriptor)
        }
    }

    private func startReadingEvents(_ descriptor: Int32) {
        let queue = messages, pid = pid
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var pending: [UInt8] = []
            let decoder = JSONDecoder()
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Data(pending[0..<newline])
                    pending.removeFirst(newline + 1)
                    if let event = try? decoder.decode(RunnerEvent.self, from: line) { queue.push(.event(event)) }
                }
            }
            close(descriptor)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // Let the stdout and stderr readers deliver what the process wrote before it died.
            Thread.sleep(forTimeInterval: 0.05)
            queue.push(.exited(reason: describeExit(status)))
        }
    }
}

/// A pipe whose ends close on exec, so other children (the compiler) never hold them open.
private func makePipe() throws -> [Int32] {
    do {
        return try ChildProcess.makePipe()
    } catch {
        throw EngineError.runnerFailedToStart(reason: "\(error)")
    }
}

/// `exit status 3` or `signal 4 (illegal instruction)`.
private func describeExit(_ status: Int32) -> String {
    let signal = status & 0x7f
    if signal == 0 { return "exit status \((status >> 8) & 0xff)" }
    let name = String(cString: strsignal(signal)).lowercased()
    return "signal \(signal) (\(name))"
}

/// The length of the longest prefix of `bytes` that ends on a UTF-8 character boundary.
private func completeUTF8Prefix(_ bytes: [UInt8]) -> Int {
    var end = bytes.count
    var continuation = 0
    while end > 0, bytes[end - 1] & 0xC0 == 0x80, continuation < 3 { end -= 1; continuation += 1 }
    guard end > 0 else { return bytes.count }
    let lead = bytes[end - 1]
    let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
    return needed > continuation ? end - 1 : bytes.count
}

