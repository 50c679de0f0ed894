internal import CProcessControl
import Foundation

/// A program started with `posix_spawn`: the project's one way to start a process.
///
/// Foundation's `Process` first closes every descriptor up to the limit, which costs about 50 ms a
/// launch here: a fifth of a trivial cell, paid per compiler job. `posix_spawn` costs about 1 ms.
///
///     let (status, output) = try ChildProcess.run(["/usr/bin/swiftc", "--version"])
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t

    /// Why a program could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `arguments` (the program's absolute path first).
    ///
    /// - Parameters:
    ///   - environment: The child's environment; this process's own when nil.
    ///   - descriptors: Which of this process's descriptors each of the child's is (`[1: pipe[1]]`
    ///     makes the child's stdout the pipe's write end). Descriptors not named here are closed in
    ///     the child if they are close-on-exec, as `makePipe()`'s are.
    /// - Throws: `SpawnError` naming the program and the reason.
    public static func spawn(_ arguments: [String], environment: [String: String]? = nil,
                             descriptors: [Int32: Int32] = [:]) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (child, parent) in descriptors.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, parent, child)
        }
        // This process ignores SIGPIPE (`ignoreBrokenPipes`); its children start with the default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = SpawnerThread.shared.perform {
            withCStrings(arguments) { argv in
                if let environment {
                    withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                        posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
                    }
                } else {
                    posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
                }
            }
        }
        guard status == 0 else { throw SpawnError(description: "\(arguments[0]): \(String(cString: strerror(status)))") }
        return ChildProcess(pid: pid)
    }

    /// Makes a write to a pipe whose reader is gone fail with `EPIPE` instead of killing this
    /// process: every host of the engine (nbrun, the kernel, the benchmarks) writes to runners and
    /// helpers that may just have crashed, and reports the failed write itself.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Waits for the child to end.
    public func waitForExit() -> ExitStatus {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return ExitStatus(waitStatus: status)
    }

    /// How the child ended, if it has (without waiting); after that, neither this nor
    /// `waitForExit` may be asked again (the process is reaped).
    public func exitStatusIfEnded() -> ExitStatus? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, WNOHANG) } while result == -1 && errno == EINTR
        return result == pid ? ExitStatus(waitStatus: status) : nil
    }

    /// Runs `arguments` to its end with this process's environment, returning how it ended and
    /// what it wrote to stdout and stderr, interleaved.
    ///
    /// - Parameters:
    ///   - onStart: Given the program's process ID once it runs (to signal it while it runs).
    ///   - onLine: Given each line of that output (without its newline) as it comes.
    /// - Throws: `SpawnError` when the program cannot be started.
    public static func run(_ arguments: [String], onStart: ((pid_t) -> Void)? = nil,
                           onLine: ((String) -> Void)? = nil) throws -> (status: ExitStatus, output: String) {
        let output = try makePipe()
        let child: ChildProcess
        do {
            child = try spawn(arguments, descriptors: [1: output.write, 2: output.write])
        } catch {
            close(output.read)
            close(output.write)
            throw error
        }
        close(output.write)
        defer { close(output.read) }
        onStart?(child.pid)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var lineStart = 0
        while true {
            let count = read(output.read, &chunk, chunk.count)
            if count > 0 {
                bytes += chunk[..<count]
                while let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                    onLine?(String(decoding: bytes[lineStart..<newline], as: UTF8.self))
                    lineStart = newline + 1
                }
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        if lineStart < bytes.count { onLine?(String(decoding: bytes[lineStart...], as: UTF8.self)) }
        return (child.waitForExit(), String(decoding: bytes, as: UTF8.self))
    }

    /// A pipe whose ends are closed in spawned programs unless given to them in `descriptors`:
    /// close-on-exec from the moment they exist, so a program that another thread spawns at the
    /// same moment cannot inherit them (and keep a reader waiting for an end of file).
    ///
    /// - Throws: `SpawnError` when the system has no descriptors left.
    public static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard process_pipe_cloexec(&ends) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        return (ends[0], ends[1])
    }

    /// Makes this process (a child the engine started) end with `SIGKILL` when its parent ends,
    /// even if the parent is killed and cleans nothing up; true when the parent is still `parent`
    /// once the request is in place (false: it had already gone, and this process should end).
    ///
    /// The kernel's request names the thread that spawned this process, so `spawn` starts every
    /// program from one thread that lives as long as the process.
    public static func endWithParent(_ parent: pid_t) -> Bool {
        process_die_with_parent(SIGKILL) == 0 && getppid() == parent
    }

    /// `strings` as the NULL-terminated C array `posix_spawn` takes, valid inside `body`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

/// How a child process ended.
public enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)

    /// Decodes a `waitpid` status.
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// The shell's convention: the exit status, or 128 + the signal.
    public var code: Int32 {
        switch self {
        case let .exited(status): status
        case let .signaled(signal): 128 + signal
        }
    }

    /// `exit status 3` or `signal 4 (illegal instruction)`.
    public var description: String {
        switch self {
        case let .exited(status): "exit status \(status)"
        case let .signaled(signal): "signal \(signal) (\(String(cString: strsignal(signal)).lowercased()))"
        }
    }
}
