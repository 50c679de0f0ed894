import Foundation
import Spawning

/// The kernel's side of the `sourcekit-service` helper process (see `SourceKitService`): started on
/// first use, restarted after it dies, killed when it does not answer in time. Requests from
/// several threads take turns.
final class SourceKitHelper: @unchecked Sendable {   // its state is used under `turn` only
    private let turn = NSLock()
    private let executable: String
    private let library: String
    private var process: ChildProcess?
    /// Our ends of the helper's stdin and stdout.
    private var requests: Int32?
    private var answers: Int32?
    private var buffered: [UInt8] = []

    /// A helper that runs `executable sourcekit-service library`.
    init(executable: String, library: String) {
        self.executable = executable
        self.library = library
    }

    deinit { stop() }

    /// Why a request got no answer.
    enum Failure: Error, CustomStringConvertible {
        case unavailable(String)
        case timedOut(seconds: Double)
        case sourceKit(String)

        var description: String {
            switch self {
            case let .unavailable(reason): "sourcekitd is unavailable: \(reason)"
            case let .timedOut(seconds): "sourcekitd did not answer within \(seconds) s"
            case let .sourceKit(message): "sourcekitd: \(message)"
            }
        }
    }

    /// Sends one request in sourcekitd's YAML form (a single line) and returns the JSON response;
    /// a request sent while another is under way waits for it (that wait counts in `timeout`).
    func send(_ yaml: String, timeout: Double) -> Result<Data, Failure> {
        let deadline = Date() + timeout
        guard turn.lock(before: deadline) else { return .failure(.timedOut(seconds: timeout)) }
        defer { turn.unlock() }
        do {
            try startIfNeeded()
            guard let requests, Descriptor.writeAll(requests, Array((yaml + "\n").utf8)) else { throw Failure.unavailable("the helper exited") }
        } catch {
            stop()
            return .failure(.unavailable("\(error)"))
        }
        guard let header = readLine(until: deadline), let space = header.firstIndex(of: " "),
              let length = Int(header[header.index(after: space)...]), let body = read(length, until: deadline) else {
            let exited = process?.exitStatusIfEnded() != nil
            if exited { process = nil }
            stop()
            return .failure(exited ? .unavailable("the helper exited") : .timedOut(seconds: timeout))
        }
        return header.hasPrefix("ok ") ? .success(body) : .failure(.sourceKit(String(decoding: body, as: UTF8.self)))
    }

    private func startIfNeeded() throws {
        if let running = process {
            guard running.exitStatusIfEnded() != nil else { return }
            process = nil
        }
        stop()
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let input = try ChildProcess.makePipe(), output = try ChildProcess.makePipe()
        let discard = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { [input.read, output.write, discard].forEach { close($0) } }
        do {
            process = try ChildProcess.spawn([executable, "sourcekit-service", library], environment: environment,
                                             descriptors: [0: input.read, 1: output.write, 2: discard])
        } catch {
            [input.write, output.read].forEach { close($0) }
            throw error
        }
        requests = input.write
        answers = output.read
    }

    /// Kills the helper (if running) and closes our ends of its pipes.
    private func stop() {
        if let process {
            kill(process.pid, SIGKILL)
            _ = process.waitForExit()
        }
        process = nil
        [requests, answers].compactMap { $0 }.forEach { close($0) }
        requests = nil
        answers = nil
        buffered = []
    }

    // MARK: - Reading with a deadline

    private func readLine(until deadline: Date) -> String? {
        while true {
            if let newline = buffered.firstIndex(of: 10) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            guard fill(until: deadline) else { return nil }
        }
    }

    private func read(_ count: Int, until deadline: Date) -> Data? {
        while buffered.count < count {
            guard fill(until: deadline) else { return nil }
        }
        defer { buffered.removeSubrange(..<count) }
        return Data(buffered[..<count])
    }

    /// Appends what the helper has written, waiting at most until `deadline`; false on timeout or end of file.
    private func fill(until deadline: Date) -> Bool {
        guard let answers else { return false }
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = Foundation.read(answers, &chunk, chunk.count)
        guard count > 0 else { return false }
        buffered += chunk[..<count]
        return true
    }
}
