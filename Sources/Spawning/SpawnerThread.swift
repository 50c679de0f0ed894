import Foundation
import Synchronization

/// The one thread that starts every child process. A child that asks to end with its parent
/// (`ChildProcess.endWithParent`) is tied by Linux to the thread that spawned it, not to the
/// process: spawned from a worker thread that later ends, it would be killed with that thread.
/// This thread never ends.
final class SpawnerThread: Sendable {
    static let shared = SpawnerThread()

    /// Work and its caller's semaphore. Sendable because the caller waits while the work runs:
    /// nothing the work captures is used by two threads at once.
    private struct Job: @unchecked Sendable {
        let work: () -> Void
        let done: DispatchSemaphore
    }

    private let jobs = Mutex<[Job]>([])
    private let available = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in
            while true {
                available.wait()
                let done: DispatchSemaphore
                do {
                    // The job (and the caller's work in it) goes before the caller resumes: the
                    // caller's `withoutActuallyEscaping` checks that nothing holds the work then.
                    let job = jobs.withLock { $0.removeFirst() }
                    done = job.done
                    job.work()
                }
                done.signal()
            }
        }
        thread.name = "spawner"
        thread.start()
    }

    /// Runs `work` on the spawner thread and returns what it returned.
    func perform<T>(_ work: () -> T) -> T {
        withoutActuallyEscaping(work) { work in
            nonisolated(unsafe) var result: T?
            nonisolated(unsafe) let body = work
            let done = DispatchSemaphore(value: 0)
            jobs.withLock { $0.append(Job(work: { result = body() }, done: done)) }
            available.signal()
            done.wait()
            return result!
        }
    }
}
