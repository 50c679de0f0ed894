import CellCompiler
import Foundation
import RunnerProtocol
import Spawning

/// The runner's two output streams.
enum OutputStream: Sendable, Hashable { case stdout, stderr }

/// What a runner process produced, in arrival order.
enum RunnerMessage: Sendable, Equatable {
    case stdout(String)
    case stderr(String)
    /// A stream passed a barrier: the runtime sent an event after the text before it (see `RunnerChannel`).
    case barrier(OutputStream)
    case event(RunnerEvent)
    /// A line on the events pipe that is not a `RunnerEvent` (a bug of ours: the runtime and the
    /// engine disagree): why, and the line.
    case unreadableEvent(String)
    /// The process ended; `reason` says how (`exit status 3`, `signal 11 (segmentation fault)`).
    case exited(reason: String)
}

/// One `swift-cell-runner` child process with its pipes: `RunnerCommand`s in, `RunnerEvent`s out,
/// the cell's stdout and stderr streamed as they come (see RunnerProtocol).
final class RunnerProcess: @unchecked Sendable {   // fields are immutable; `messages` locks itself
    let pid: pid_t
    private let commandDescriptor: Int32
    private let inputDescriptor: Int32
    let messages = BlockingQueue<RunnerMessage>()

    /// Starts a runner.
    ///
    /// - Throws: `EngineError.runnerFailedToStart` when the process cannot be spawned.
    init(executable: String, runtimeLibrary: String, workingDirectory: String) throws {
        let child: ChildProcess
        let stdin, stdout, stderr, commands, events: (read: Int32, write: Int32)
        var environment = ProcessInfo.processInfo.environment
        environment[RunnerChannel.parentEnvironmentKey] = String(getpid())
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,limit=16,top=16,registers=none,images=none,sanitize=no,threads=crashed"
        do {
            (stdin, stdout, stderr) = (try ChildProcess.makePipe(), try ChildProcess.makePipe(), try ChildProcess.makePipe())
            (commands, events) = (try ChildProcess.makePipe(), try ChildProcess.makePipe())
            child = try ChildProcess.spawn(
                [executable, runtimeLibrary, workingDirectory, CellNames.modulePrefix], environment: environment,
                descriptors: [0: stdin.read, 1: stdout.write, 2: stderr.write,
                              RunnerChannel.commands: commands.read, RunnerChannel.events: events.write])
        } catch {
            throw EngineError.runnerFailedToStart(reason: "\(error)")
        }
        for descriptor in [stdin.read, stdout.write, stderr.write, commands.read, events.write] { close(descriptor) }
        pid = child.pid
        commandDescriptor = commands.write
        inputDescriptor = stdin.write
        let streams = DispatchGroup()
        startReading(stdout.read, .stdout, until: streams)
        startReading(stderr.read, .stderr, until: streams)
        startReadingEvents(events.read, child: child, streams: streams)
    }

    /// Sends the runner a command. A write that fails (EPIPE: SIGPIPE is ignored) means the
    /// runner is gone; its events pipe then ends and `.exited` says how, which is what the
    /// session reports.
    func send(_ command: RunnerCommand) {
        Descriptor.writeAll(commandDescriptor, command.line)
    }

    /// Answers the cell's `readLine()`: a line of text, or nil for "no input" (a failed write: as `send`).
    func answerInput(_ text: String?) {
        Descriptor.writeAll(inputDescriptor, Array(InputReply.line(for: text).utf8))
    }

    /// Kills the runner (if still alive) and closes its input channels.
    func terminate() {
        kill(pid, SIGKILL)
        close(commandDescriptor)
        close(inputDescriptor)
    }

    // MARK: - Reading

    /// Reads `stream` until its end of file, inside `group` (entered now, left after the last text).
    private func startReading(_ descriptor: Int32, _ stream: OutputStream, until group: DispatchGroup) {
        let queue = messages
        let marker = RunnerChannel.barrier
        group.enter()
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
                while let found = pending.firstRange(of: marker) {
                    deliver(pending[..<found.lowerBound])
                    queue.push(.barrier(stream))
                    pending.removeSubrange(..<found.upperBound)
                }
                // Keep back what could be the start of a marker or of a UTF-8 character.
                var keep = 0
                if let lastZero = pending.lastIndex(of: 0), pending.count - lastZero < marker.count,
                   marker.starts(with: pending[lastZero...]) {
                    keep = pending.count - lastZero
                }
                let safe = completeUTF8Prefix(Array(pending.dropLast(keep)))
                deliver(pending[..<safe])
                pending.removeFirst(safe)
            }
            deliver(pending[...])
            close(descriptor)
            group.leave()
        }
    }

    /// How long the streams may stay open after the runner exits: only a process the cell
    /// started and left running holds them then.
    static let streamGrace: DispatchTimeInterval = .seconds(2)

    private func startReadingEvents(_ descriptor: Int32, child: ChildProcess, streams: DispatchGroup) {
        let queue = messages
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var pending: [UInt8] = []
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[0..<newline]
                    do {
                        queue.push(.event(try RunnerEvent(line: line)))
                    } catch {
                        queue.push(.unreadableEvent("\(error): \(String(decoding: line, as: UTF8.self))"))
                    }
                    pending.removeFirst(newline + 1)
                }
            }
            close(descriptor)
            let status = child.waitForExit()
            // Everything the process wrote before it died comes before its end: the stdout and
            // stderr readers reach their end of file first.
            _ = streams.wait(timeout: .now() + Self.streamGrace)
            queue.push(.exited(reason: status.description))
        }
    }
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
