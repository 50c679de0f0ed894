import Foundation
import NotebookExecution
import ResultCache
import Synchronization

/// Runs several notebooks, `jobs` at a time (each with its own runner, all sharing one cache).
struct NotebookBatch {
    let notebooks: [String]
    let settings: RunSettings
    let cache: ResultCache?
    let jobs: Int
    let printer: ProgressPrinter

    func run() -> [Result<NotebookRunResult, NotebookRunError>] {
        let results = Mutex([Result<NotebookRunResult, NotebookRunError>?](repeating: nil, count: notebooks.count))
        let next = Atomic(0)
        let work = { @Sendable [notebooks, settings, cache, printer] in
            while case let index = next.add(1, ordering: .relaxed).oldValue, index < notebooks.count {
                let runner = NotebookRunner(settings: settings, cache: cache) { printer.report($0) }
                let result = Result { () throws(NotebookRunError) in try runner.run(notebookAt: notebooks[index]) }
                if case let .success(run) = result { printer.finished(notebooks[index], run) }
                results.withLock { $0[index] = result }
            }
        }
        let workers = min(jobs, notebooks.count)
        if workers <= 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                Thread.detachNewThread {
                    work()
                    group.leave()
                }
            }
            group.wait()
        }
        return results.withLock { $0.map { $0! } }
    }
}
