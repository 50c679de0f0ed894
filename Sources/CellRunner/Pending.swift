import Dispatch
import Synchronization

/// A value computed on another thread from the start, waited for where it is first needed.
final class Pending<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let computed = DispatchGroup()

    init(_ compute: @escaping @Sendable () -> Value) {
        computed.enter()
        DispatchQueue.global().async { [self] in
            let value = compute()
            result.withLock { $0 = value }
            computed.leave()
        }
    }

    /// The value, once computed.
    var value: Value {
        computed.wait()
        return result.withLock { $0! }
    }
}
