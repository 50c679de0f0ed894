internal import Foundation
/// Updates a model's trainable parameters from their gradients, once per batch.
///
/// Keras: `keras.optimizers`. An optimizer keeps per-parameter state (momentum, moving averages)
/// for the parameters it has seen, so use one optimizer per model.
public protocol Optimizer: AnyObject {
    /// The step size.
    var learningRate: Float { get set }
    /// Applies one update step to every trainable parameter, using its `gradient`.
    func update(_ parameters: [Parameter])
}

internal import Dispatch

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

/// Per-parameter optimizer state: two moment buffers the size of each parameter, zero at first.
final class OptimizerSlots {
    private final class Moments {
        var first: [Float]
        var second: [Float]
        init(count: Int) {
            first = [Float](repeating: 0, count: count)
            second = [Float](repeating: 0, count: count)
        }
    }

    private var moments: [ObjectIdentifier: Moments] = [:]

    /// Runs `body` on the parameter's values, its gradient and its two moment buffers, in place.
    func withBuffers(of parameter: Parameter,
                     _ body: (_ value: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>,
                              _ first: UnsafeMutableBufferPointer<Float>, _ second: UnsafeMutableBufferPointer<Float>) -> Void) {
        let key = ObjectIdentifier(parameter)
        let state = moments[key] ?? Moments(count: parameter.value.count)
        moments[key] = state
        let gradient = parameter.gradient
        parameter.value.scalars.withUnsafeMutableBufferPointer { value in
            gradient.scalars.withUnsafeBufferPointer { g in
                state.first.withUnsafeMutableBufferPointer { first in
                    state.second.withUnsafeMutableBufferPointer { second in
                        forEachChunk(of: value.count) { range in
                            body(UnsafeMutableBufferPointer(rebasing: value[range]),
                                 UnsafeBufferPointer(rebasing: g[range]),
                                 UnsafeMutableBufferPointer(rebasing: first[range]),
                                 UnsafeMutableBufferPointer(rebasing: second[range]))
                        }
                    }
                }
            }
        }
    }
}
