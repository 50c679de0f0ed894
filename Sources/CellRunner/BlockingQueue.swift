import Foundation

/// A first-in, first-out queue whose `pop` waits for an element (with an optional deadline).
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {   // all state is guarded by `condition`
    private let condition = NSCondition()
    private var elements: [Element] = []

    func push(_ element: Element) {
        condition.lock()
        elements.append(element)
        condition.signal()
        condition.unlock()
    }

    /// The oldest element, waiting until one arrives or `deadline` (if any) passes (then nil).
    func pop(until deadline: Date? = nil) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty {
            if let deadline {
                if !condition.wait(until: deadline) { return nil }
            } else {
                condition.wait()
            }
        }
        return elements.removeFirst()
    }
}
