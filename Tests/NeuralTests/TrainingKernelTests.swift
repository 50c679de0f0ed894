import Foundation
import Testing
@testable import Neural

/// The vectorized loops of training (the C target `TrainingKernels`, compiled for this CPU's
/// widest vectors) against plain Swift loops of the same formulas: the same bits, at lengths that
/// fill whole vectors and at lengths that leave a remainder, with NaN, infinities and -0.
@Suite struct TrainingKernelTests {
    static let lengths = [0, 1, 15, 16, 17, 100, 1000]

    /// Values that exercise every branch: negatives, -0, +0, tiny and large numbers.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed)
        let special: [Float] = [-0.0, 0, 1e-30, -1e-30, 3e30, -3e30]
        return (0..<count).map { $0 % 7 == 6 ? special[$0 % special.count] : random.nextUnitFloat() * 4 - 2 }
    }

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    @Test(arguments: lengths)
    func adamMatchesTheScalarFormula(_ count: Int) {
        let weights = Self.values(count, seed: 1), gradient = Self.values(count, seed: 2)
        let parameter = Parameter("w", Tensor(weights))
        let adam = Adam()
        var (w, m, v) = (weights, [Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
        for step in 1...3 {
            let g = gradient.map { $0 * Float(step) }
            parameter.gradient = Tensor(g)
            adam.update([parameter])
            let (beta1, beta2): (Float, Float) = (0.9, 0.999)
            let alpha = adam.stepSize(iteration: step)
            for i in 0..<count {
                m[i] = m[i] + (g[i] - m[i]) * (1 - beta1)
                v[i] = v[i] + (g[i] * g[i] - v[i]) * (1 - beta2)
                w[i] = w[i] - m[i] * alpha / (v[i].squareRoot() + 1e-7)
            }
        }
        #expect(Self.bits(parameter.value.scalars) == Self.bits(w))
    }

    @Test(arguments: [1, 2, 10, 1000, 100_000])
    func adamsStepSizeIsKerasBiasCorrection(_ step: Int) {
        let t = Double(step)
        // Keras' formula with glibc's pow, on the Float hyperparameters as doubles.
        let keras = Double(Float(0.001)) * (1 - pow(Double(Float(0.999)), t)).squareRoot() / (1 - pow(Double(Float(0.9)), t))
        #expect(abs(Double(Adam().stepSize(iteration: step)) - keras) <= keras * 1e-6)
    }

    @Test(arguments: [(1, 1), (3, 17), (256, 512), (7, 100), (5, 0), (0, 9)])
    func columnSumsAddRowsInOrder(_ rows: Int, _ width: Int) throws {
        let scalars = Self.values(rows * width, seed: 3)
        var expected = [Float](repeating: 0, count: width)
        for row in 0..<rows {
            for column in 0..<width { expected[column] += scalars[row * width + column] }
        }
        let sums = columnSums(try Tensor(shape: [rows, width], scalars: scalars))
        #expect(sums.shape == [width])
        #expect(Self.bits(sums.scalars) == Self.bits(expected))
    }

    @Test(arguments: lengths)
    func reluAndItsGradientKeepNaNAndZeroAsMaxDoes(_ count: Int) {
        var z = Self.values(count, seed: 4)
        if count > 2 { (z[0], z[1]) = (.nan, -.infinity) }
        let upstream = Self.values(count, seed: 5)
        let activated = ActivationFunction.relu(Tensor(z))
        #expect(Self.bits(activated.scalars) == Self.bits(z.map { $0 < 0 ? 0 : $0 }))
        let gradient = ActivationFunction.relu.inputGradient(Tensor(upstream), input: Tensor(z), output: activated)
        #expect(Self.bits(gradient.scalars) == Self.bits(zip(upstream, z).map { $1 <= 0 ? 0 : $0 }))
    }

    @Test(arguments: lengths.filter { $0 > 0 })
    func allFiniteFindsOneBadValueAnywhere(_ count: Int) {
        let finite = Self.values(count, seed: 6)
        #expect(Tensor(finite).allFinite)
        for bad: Float in [.nan, .infinity, -.infinity] {
            for position in Set([0, count / 2, count - 1]) {
                var values = finite
                values[position] = bad
                #expect(!Tensor(values).allFinite, "\(bad) at \(position) of \(count)")
            }
        }
    }

    @Test func otherActivationsStillBackpropagate() {
        // The non-ReLU path copies the gradient and scales it in place: tanh' = 1 - y².
        let z = Tensor([-1, 0, 2]), upstream = Tensor([1, 2, 3])
        let y = ActivationFunction.tanh(z)
        let gradient = ActivationFunction.tanh.inputGradient(upstream, input: z, output: y)
        #expect(gradient.isClose(to: Tensor(zip(upstream.scalars, y.scalars).map { $0 * (1 - $1 * $1) }), tolerance: 0))
        #expect(upstream == Tensor([1, 2, 3]), "the caller's gradient is not changed")
    }
}
