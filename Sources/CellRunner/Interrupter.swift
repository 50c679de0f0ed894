import Foundation
import Synchronization

/// Interrupts the cell a session is running, from any thread (the kernel's control channel).
///
/// The runner gets SIGINT, which the runtime turns into `Interruption.request()`: `fit` stops
/// between batches and the cell can finish. A cell still running a second later is stopped by
/// killing its runner; the session then reports it as interrupted and replays the earlier cells.
public final class Interrupter: Sendable {
    private struct State {
        var runnerPID: pid_t?
        var runningCell: Int?
        var killedCell: Int?
        /// An execution is under way (compiling, or running a cell).
        var executing = false
        /// An interrupt came while the cell was still compiling: it must not run.
        var interruptedBeforeRunning = false
        /// A program the execution waits for (SwiftPM building packages), while it runs.
        var helperPID: pid_t?
        /// An interrupt stopped that program.
        var stoppedHelper = false
    }

    private let state = Mutex(State())
    /// Seconds a cell may keep running after an interrupt before its runner is killed (under one
    /// second, so that with the restart the interrupt returns control within a second).
    public let gracePeriod: Double

    init(gracePeriod: Double = 0.85) {
        self.gracePeriod = gracePeriod
    }

    /// Seconds a helper program may take to end after SIGINT before it is killed (SwiftPM cancels
    /// its build and ends its compilers first).
    let helperGracePeriod = 5.0

    /// Interrupts the running cell, if any; a cell still compiling will not run; a package build
    /// under way is stopped (SIGINT, then SIGKILL when it has not ended `helperGracePeriod` later).
    public func interrupt() {
        let helper = state.withLock { state -> pid_t? in
            guard let pid = state.helperPID else { return nil }
            state.stoppedHelper = true
            return pid
        }
        if let helper {
            kill(helper, SIGINT)
            DispatchQueue.global().asyncAfter(deadline: .now() + helperGracePeriod) { [self] in
                if state.withLock({ $0.helperPID == helper }) { kill(helper, SIGKILL) }
            }
            return
        }
        let running = state.withLock { state -> (pid_t, Int)? in
            if state.runningCell == nil, state.executing { state.interruptedBeforeRunning = true }
            return state.runningCell.flatMap { cell in state.runnerPID.map { ($0, cell) } }
        }
        guard let (pid, cell) = running else { return }
        kill(pid, SIGINT)
        DispatchQueue.global().asyncAfter(deadline: .now() + gracePeriod) { [self] in
            let stillRunning = state.withLock { state -> Bool in
                guard state.runningCell == cell, state.runnerPID == pid else { return false }
                state.killedCell = cell
                return true
            }
            if stillRunning { kill(pid, SIGKILL) }
        }
    }

    // MARK: - Session side

    /// An execution begins (its cell is about to compile).
    func executionStarted() {
        state.withLock { $0 = State(executing: true) }
    }

    /// The cell is about to run in `runner`; false when an interrupt came while it compiled, and
    /// then it must not run.
    func cellStarted(_ cell: Int, runner: pid_t) -> Bool {
        state.withLock { state in
            guard !state.interruptedBeforeRunning else { return false }
            state.runnerPID = runner
            state.runningCell = cell
            return true
        }
    }

    /// Whether the interrupter killed the runner of the running cell.
    var killedRunningCell: Bool {
        state.withLock { $0.killedCell != nil && $0.killedCell == $0.runningCell }
    }

    /// Ends the cell: later interrupts have nothing to stop.
    func cellEnded() {
        state.withLock { $0.runningCell = nil }
    }

    /// Ends the execution.
    func executionEnded() {
        state.withLock { $0.executing = false }
    }

    /// A program the session waits for (SwiftPM) started: an interrupt now stops it.
    func helperStarted(_ pid: pid_t) {
        state.withLock { state in
            state.helperPID = pid
            state.stoppedHelper = false
        }
    }

    /// That program ended (and was reaped).
    func helperEnded() {
        state.withLock { $0.helperPID = nil }
    }

    /// Whether an interrupt stopped the latest helper program.
    var stoppedHelper: Bool {
        state.withLock { $0.stoppedHelper }
    }
}
