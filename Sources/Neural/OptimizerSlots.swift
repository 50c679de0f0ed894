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
    /// The parameters that have moments, in the order they were first updated.
    private var parameters: [Parameter] = []
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
        let state: Moments
        if let known = moments[key] {
            state = known
        } else {
            state = Moments(count: parameter.value.count, buffers: buffers)
            moments[key] = state
            parameters.append(parameter)
        }
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

extension OptimizerSlots: Codable {
    private enum CodingKeys: String, CodingKey { case buffers, parameters, first, second }

    /// Writes each parameter (shared with the model that holds it) and its moments, in order.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(buffers, forKey: .buffers)
        try container.encodeShared(parameters, forKey: .parameters, in: encoder)
        let states = parameters.map { moments[ObjectIdentifier($0)]! }
        try container.encode(states.map { Tensor($0.first) }, forKey: .first)
        try container.encode(states.map { Tensor($0.second) }, forKey: .second)
    }

    convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let buffers = try container.decode(Int.self, forKey: .buffers)
        guard buffers == 1 || buffers == 2 else {
            throw DecodingError.dataCorruptedError(forKey: .buffers, in: container, debugDescription: "\(buffers) moment buffers")
        }
        self.init(buffers: buffers)
        parameters = try container.decodeSharedArray(Parameter.self, forKey: .parameters, in: decoder)
        let first = try container.decode([Tensor].self, forKey: .first), second = try container.decode([Tensor].self, forKey: .second)
        guard first.count == parameters.count, second.count == parameters.count else {
            throw DecodingError.dataCorruptedError(forKey: .first, in: container, debugDescription: "moments for \(first.count) of \(parameters.count) parameters")
        }
        for (index, parameter) in parameters.enumerated() {
            let state = Moments(count: 0, buffers: buffers)
            (state.first, state.second) = (first[index].scalars, second[index].scalars)
            moments[ObjectIdentifier(parameter)] = state
        }
    }
}
