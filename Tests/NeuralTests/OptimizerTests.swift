import Testing
@testable import Neural

/// One or two update steps of each optimizer against values computed by hand from Keras' formulas.
@Suite struct OptimizerTests {
    struct OptimizerCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let make: @Sendable () -> any Optimizer
        let steps: Int
        let expected: [Float]

        static let all: [OptimizerCase] = [
            // w -= 0.1 g
            .init(testDescription: "SGD", make: { SGD(learningRate: 0.1) }, steps: 1, expected: [0.95, -1.9]),
            // v = 0.9 v - 0.1 g twice: v1 = [-0.05, 0.1], v2 = [-0.095, 0.19]; w = 1 + v1 + v2
            .init(testDescription: "SGD momentum", make: { SGD(learningRate: 0.1, momentum: 0.9) }, steps: 2,
                  expected: [0.855, -1.71]),
            // v1 = [-0.05, 0.1]; w += 0.9 v1 - 0.1 g = [-0.095, 0.19]
            .init(testDescription: "SGD Nesterov", make: { SGD(learningRate: 0.1, momentum: 0.9, nesterov: true) }, steps: 1,
                  expected: [0.905, -1.81]),
            // m = 0.1 g, v = 0.001 g², alpha = 0.001 √0.001 / 0.1; w -= alpha m / (√v + 1e-7)
            .init(testDescription: "Adam", make: { Adam() }, steps: 1, expected: [0.999_000_006, -1.999_000_006]),
            // s = 0.1 g²; w -= 0.001 g / √(s + 1e-7)
            .init(testDescription: "RMSprop", make: { RMSprop() }, steps: 1, expected: [0.996_837_73, -1.996_837_72]),
        ]
    }

    @Test(arguments: OptimizerCase.all)
    func stepsMatchHandComputedValues(_ c: OptimizerCase) {
        let optimizer = c.make()
        let parameter = Parameter("w", Tensor([1.0, -2.0]))
        for _ in 0..<c.steps {
            parameter.gradient = Tensor([0.5, -1.0])
            optimizer.update([parameter])
        }
        #expect(parameter.value.isClose(to: Tensor(c.expected), tolerance: 1e-6), "\(parameter.value.scalars)")
    }

    @Test func nonTrainableParametersAreLeftAlone() {
        let frozen = Parameter("moving_mean", Tensor([3]), isTrainable: false)
        frozen.gradient = Tensor([1])
        Adam(learningRate: 1).update([frozen])
        #expect(frozen.value == Tensor([3]))
    }

    @Test func largeParametersSplitAcrossCoresGiveTheSameBits() {
        let count = 200_000
        let values = Tensor((0..<count).map { Float($0 % 97) / 97 })
        let gradient = Tensor((0..<count).map { Float($0 % 13) / 13 - 0.5 })
        let parameter = Parameter("w", values)
        parameter.gradient = gradient
        Adam().update([parameter])
        // The same update on four pieces small enough to run serially.
        let pieces = (0..<4).map { piece -> Parameter in
            let range = piece * 50_000 ..< (piece + 1) * 50_000
            let small = Parameter("w\(piece)", Tensor(Array(values.scalars[range])))
            small.gradient = Tensor(Array(gradient.scalars[range]))
            return small
        }
        Adam().update(pieces)
        let serial = pieces.flatMap(\.value.scalars)
        #expect(parameter.value.scalars == serial, "chunked and serial updates differ")
    }
}
