/// Per-parameter optimizer state: one or two moment buffers the size of each parameter, zero at
/// first (SGD's momentum needs one, Adam and RMSprop two).
final class OptimizerSlots {
    private final class Moments {
        var first: [Float]
        var second: [Float]
        init(count: Int, buffers: Int) {
            first = [Float](repeating: 0, count: count)
            second = [Float](repeating: 0, count: buffers == 2 ? count : 0)
        }
    }

    private var moments: [ObjectIdentifier: Moments] = [:]
    private let buffers: Int

    /// - Parameter buffers: The moment buffers per parameter: 1 or 2.
    init(buffers: Int) {
        precondition(buffers == 1 || buffers == 2, "an optimizer keeps one or two moment buffers")
        self.buffers = buffers
    }

    /// Runs `body` on the parameter's values, its gradient and its moment buffers (the second
    /// empty with one buffer), in place.
    func withBuffers(of parameter: Parameter,
                     _ body: (_ value: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>,
                              _ first: UnsafeMutableBufferPointer<Float>, _ second: UnsafeMutableBufferPointer<Float>) -> Void) {
        let key = ObjectIdentifier(parameter)
        let state = moments[key] ?? Moments(count: parameter.value.count, buffers: buffers)
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
                                 second.isEmpty ? UnsafeMutableBufferPointer(start: nil, count: 0)
                                    : UnsafeMutableBufferPointer(rebasing: second[range]))
                        }
                    }
                }
            }
        }
    }
}
