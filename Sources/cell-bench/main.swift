// Benchmark of the cell engine: the first cell of a session (with an empty and with a warm module
// cache), the p50/p95 of trivial cells (each new, so compiled) and of a cell run again unchanged
// (not compiled), the runner's memory growth over many cells, the first cell of a session that
// installs a package built before against one that installs none, and recovery after a crash that
// follows the red-wine training, from a checkpoint and by replay.
//
//     swift build -c release --product NotebookRuntime --product swift-cell-runner --product cell-bench
//     .build/release/cell-bench [--cells 200] [--notebooks notebooks]
import ArgumentParser
import CellRunner
import Foundation

/// The command line (swift-argument-parser).
struct CellBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cell-bench", abstract: "The cell engine: first cells, trivial cells, runner memory, recovery after a crash.")

    @Option(help: "Trivial cells run to measure the runner's memory growth.")
    var cells = 200

    @Option(help: "The folder of the tutorial notebooks (its data/ holds the red-wine CSV).")
    var notebooks = "notebooks"

    func validate() throws {
        guard cells > 0 else { throw ValidationError("--cells must be at least 1") }
    }
}

let options = CellBench.parseOrExit()
let (cellCount, notebooksFolder) = (options.cells, options.notebooks)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
}

/// The runner's resident memory in kilobytes, from /proc.
func residentKilobytes(_ pid: Int32) -> Int {
    // A runner gone before it is measured has no size to report (0).
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

/// Writes the engine's warnings to standard error, where a benchmark's reader sees them.
func logWarning(_ event: CellEvent) {
    if case let .warning(text) = event { FileHandle.standardError.write(Data("cell-bench: \(text)\n".utf8)) }
}

func run(_ session: ExecutionSession, _ source: String) {
    let outcome = session.execute(source, onEvent: logWarning)
    guard outcome == .success else {
        if case let .failure(error) = outcome { print(error.traceback.joined(separator: "\n")) }
        fatalError("benchmark cell failed: \(source): \(outcome)")
    }
}

let workingDirectory = FileManager.default.temporaryDirectory.path

// The first cell with an empty module cache, then with the warm cache a session normally has.
var cold = SessionConfiguration(workingDirectory: workingDirectory)
cold.compiler.moduleCache = NSTemporaryDirectory() + "cell-bench-cache-\(getpid())"
let coldSession = try ExecutionSession(configuration: cold)
let coldFirst = seconds { run(coldSession, "print(1)") }
coldSession.shutdown()
// Absent is the usual case; a cache that stays would show as a fast cold start.
try? FileManager.default.removeItem(atPath: cold.compiler.moduleCache)

let session = try ExecutionSession(configuration: SessionConfiguration(workingDirectory: workingDirectory))
let warmFirst = seconds { run(session, "print(1)") }
run(session, "func f() -> Int { 41 + 1 }")
/// The `index`th trivial cell: each source new, so each is compiled (a cell run again unchanged is not).
func trivialCell(_ index: Int) -> String {
    ["print(\(index))", "let a = \(index)", "_ = f() + \(index)"][index % 3]
}
var times: [Double] = []
for index in 0..<50 {
    times.append(seconds { run(session, trivialCell(index)) })
}
let startMemory = residentKilobytes(session.runnerProcessID ?? 0)
var laterTimes: [Double] = []
for index in 50..<(50 + cellCount) {
    laterTimes.append(seconds { run(session, trivialCell(index)) })
}
let endMemory = residentKilobytes(session.runnerProcessID ?? 0)
// The cost of a cell late in a long session: the last 30 of those cells.
let late = Array(laterTimes.suffix(30))
let growth = Double(endMemory - startMemory) / Double(cellCount)
// A cell run again unchanged: the first run compiles it, the next 30 run its library again.
let rerun = "count += 1\nprint(count)"
run(session, "var count = 0")
run(session, rerun)
let rerunTimes = (0..<30).map { _ in seconds { run(session, rerun) } }

print(String(format: "first cell, empty module cache: %.3f s", coldFirst))
print(String(format: "first cell, warm module cache:  %.3f s", warmFirst))
print(String(format: "trivial cell over 50: p50 %.3f s, p95 %.3f s", percentile(times, 0.5), percentile(times, 0.95)))
print(String(format: "trivial cell after %d more cells: p50 %.3f s, %.2fx the early p50", cellCount, percentile(late, 0.5),
             percentile(late, 0.5) / percentile(times, 0.5)))
print(String(format: "cell run again unchanged (not compiled) over 30: p50 %.4f s, p95 %.4f s", percentile(rerunTimes, 0.5),
             percentile(rerunTimes, 0.95)))
print(String(format: "runner memory: %d KB -> %d KB over %d cells, %.1f KB a cell", startMemory, endMemory, cellCount, growth))
print("RESULT {\"script\": \"swift_cells\", \"cold_first_s\": \(coldFirst), \"warm_first_s\": \(warmFirst), "
      + "\"p50_s\": \(percentile(times, 0.5)), \"p95_s\": \(percentile(times, 0.95)), \"late_p50_s\": \(percentile(late, 0.5)), "
      + "\"rerun_p50_s\": \(percentile(rerunTimes, 0.5)), \"later_cells\": \(cellCount), \"kb_per_cell\": \(growth)}")
session.shutdown()

let packages = try measurePackageStart(workingDirectory: workingDirectory)
print(String(format: "first cell of a session, median of 5: without packages %.3f s, after installing swift-numerics (built before) %.3f s: %.3f s more",
             packages.withoutSeconds, packages.withSeconds, packages.withSeconds - packages.withoutSeconds))
print("RESULT {\"script\": \"swift_packages\", \"without_s\": \(packages.withoutSeconds), \"with_s\": \(packages.withSeconds)}")

let recovery = try measureRecovery(notebooksFolder: notebooksFolder)
print(String(format: "recovery after the red-wine training (its fit cell, compile included: %.3f s): from the checkpoint %.3f s, by replaying every cell %.3f s (%.1fx); checkpoint %.1f MB, saved in %.3f s",
             recovery.fitSeconds, recovery.withCheckpointSeconds, recovery.replaySeconds,
             recovery.replaySeconds / recovery.withCheckpointSeconds, Double(recovery.checkpointBytes) / 1e6, recovery.saveSeconds))
print("RESULT {\"script\": \"swift_recovery\", \"fit_s\": \(recovery.fitSeconds), \"checkpoint_s\": \(recovery.withCheckpointSeconds), "
      + "\"save_s\": \(recovery.saveSeconds), "
      + "\"replay_s\": \(recovery.replaySeconds), \"checkpoint_bytes\": \(recovery.checkpointBytes)}")
