import Foundation

/// Starting programs with `posix_spawn`. Foundation's `Process` first closes every descriptor up
/// to the limit, which costs about 50 ms a launch here: a fifth of a trivial cell, paid per job.
public enum ChildProcess {
    /// Why a program could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `arguments` (the program's absolute path first) to its end with the current
    /// environment, returning its exit status and what it wrote to stdout and stderr, interleaved.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, output[1], 2)
        var child: pid_t = 0
        let spawned = withCStrings(arguments) { argv in posix_spawn(&child, arguments[0], &actions, nil, argv, environ) }
        close(output[1])
        defer { close(output[0]) }
        guard spawned == 0 else {
            throw SpawnError(description: "\(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(output[0], &chunk, chunk.count)
            if count > 0 { bytes += chunk[..<count] } else if count == 0 || errno != EINTR { break }
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), String(decoding: bytes, as: UTF8.self))
    }

    /// A pipe whose ends are closed in spawned programs unless dup'ed onto one of their descriptors.
    public static func makePipe() throws -> [Int32] {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return ends
    }

    /// `strings` as the NULL-terminated C array `posix_spawn` takes, valid inside `body`.
    public static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
