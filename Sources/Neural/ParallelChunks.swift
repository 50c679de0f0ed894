internal import Dispatch
internal import Foundation

/// Calls `body` on consecutive ranges covering `0..<count`, in parallel on every core when the
/// work is large enough to pay for it. The ranges do not overlap, so elementwise updates give the
/// same bits however they are split.
func forEachChunk(of count: Int, _ body: (Range<Int>) -> Void) {
    let chunks = count >= 65_536 ? ProcessInfo.processInfo.activeProcessorCount : 1
    guard chunks > 1 else { return body(0..<count) }
    let size = (count + chunks - 1) / chunks
    withoutActuallyEscaping(body) { body in
        // Safe: each iteration touches only its own range, and concurrentPerform returns after all of them.
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            shared.value(chunk * size ..< Swift.min(count, (chunk + 1) * size))
        }
    }
}

/// A value handed to other threads under a guarantee the compiler cannot check (see each use).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
