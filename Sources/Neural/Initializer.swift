internal import Foundation

/// How a layer's weights start. Keras: `kernel_initializer=` / `bias_initializer=`.
public enum Initializer: Sendable, Equatable, Codable {
    /// Uniform in `±sqrt(6 / (fanIn + fanOut))` (Keras' default for kernels).
    case glorotUniform
    /// Normal with standard deviation `sqrt(2 / (fanIn + fanOut))`, truncated at two deviations.
    case glorotNormal
    /// Uniform in `±sqrt(6 / fanIn)`, suited to ReLU.
    case heUniform
    /// All zeros (Keras' default for biases).
    case zeros
    /// All ones.
    case ones
    /// Every scalar equal to the value.
    case constant(Float)

    /// A tensor of `shape` initialised this way: a matrix `[fanIn, fanOut]`, or a convolution's
    /// kernel `[height, width, fanIn, fanOut]` whose fans count every position of the window (Keras' rule).
    public func makeTensor(shape: [Int], random: inout SeededRandom) -> Tensor {
        let window = Float(shape.dropLast(2).reduce(1, *))
        let fanIn = shape.count >= 2 ? Float(shape[shape.count - 2]) * window : Float(shape.first ?? 1)
        let fanOut = shape.count >= 2 ? Float(shape[shape.count - 1]) * window : Float(shape.first ?? 1)
        let count = shape.reduce(1, *)
        switch self {
        case .zeros: return Tensor(zeros: shape)
        case .ones: return Tensor(repeating: 1, shape: shape)
        case let .constant(value): return Tensor(repeating: value, shape: shape)
        case .glorotUniform:
            let limit = (6 / (fanIn + fanOut)).squareRoot()
            return Tensor(uncheckedShape: shape, scalars: (0..<count).map { _ in random.nextFloat(in: -limit, limit) })
        case .heUniform:
            let limit = (6 / fanIn).squareRoot()
            return Tensor(uncheckedShape: shape, scalars: (0..<count).map { _ in random.nextFloat(in: -limit, limit) })
        case .glorotNormal:
            let deviation = (2 / (fanIn + fanOut)).squareRoot()
            return Tensor(uncheckedShape: shape, scalars: (0..<count).map { _ in
                deviation * Self.truncatedNormal(&random)
            })
        }
    }

    /// A standard normal draw, redrawn outside two deviations (Marsaglia's polar method: a
    /// logarithm and a square root, no trigonometry, so the same bits on every CPU).
    private static func truncatedNormal(_ random: inout SeededRandom) -> Float {
        while true {
            let u = 2 * Double(random.nextUnitFloat()) - 1, v = 2 * Double(random.nextUnitFloat()) - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let z = Float(u * (-2 * ReproducibleMath.log(s) / s).squareRoot())
            if abs(z) <= 2 { return z }
        }
    }
}

