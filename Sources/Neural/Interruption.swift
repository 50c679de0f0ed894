internal import Synchronization

/// Whether the notebook asked the running cell to stop (Jupyter's interrupt button).
///
/// `fit` checks it between batches and returns the `History` of the epochs completed so far;
/// long loops in a cell can check `Interruption.isRequested` too. The kernel clears it when the
/// next cell starts; a cell that does not stop within a second is stopped by force.
public enum Interruption {
    /// True once an interrupt arrived for the running cell.
    public static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Asks the running cell to stop (called by the host when the user interrupts).
    public static func request() { requested.store(true, ordering: .relaxed) }

    /// Clears the request (called by the host before each cell).
    public static func reset() { requested.store(false, ordering: .relaxed) }
}

private let requested = Atomic<Bool>(false)
