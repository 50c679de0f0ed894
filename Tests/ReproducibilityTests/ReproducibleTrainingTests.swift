import BLAS
import Neural
import TestSupport
import Testing
import WineTutorial

/// Training gives the same bytes of weights and History under every kernel variant this CPU runs
/// (AVX-512, AVX2, portable) and every thread count: the red-wine network of the tutorials, and
/// notebook 5's networks with dropout and with batch normalization. A golden digest of a short
/// training catches a machine of another kind that computes anything differently.
@Suite struct ReproducibleTrainingTests {
    nonisolated(unsafe) static let data = try! WineData(csv: RepositoryData.wineCSV)

    /// The networks compared, as the tutorials build them.
    enum Network: String, CaseIterable, Sendable {
        case wine, dropout, batchNormalization

        func make(seed: UInt64) -> Sequential {
            let model: Sequential
            switch self {
            case .wine: return makeWineModel(seed: seed)
            case .dropout:
                model = Sequential(seed: seed) {
                    Dense(512, .relu, inputShape: [11]); Dropout(0.3)
                    Dense(512, .relu); Dropout(0.3)
                    Dense(512, .relu); Dropout(0.3)
                    Dense(1)
                }
            case .batchNormalization:
                model = Sequential(seed: seed) {
                    Dense(512, .relu, inputShape: [11]); BatchNormalization()
                    Dense(512, .relu); BatchNormalization()
                    Dense(512, .relu); BatchNormalization()
                    Dense(1)
                }
            }
            model.compile(optimizer: Adam(), loss: .meanAbsoluteError)
            return model
        }
    }

    /// What a training leaves: every weight and the History's losses, as bits.
    struct Outcome: Equatable {
        let weights: [[UInt32]]
        let loss: [UInt64], valLoss: [UInt64]

        var digest: String {
            var digest = BitDigest()
            for weight in weights { digest.add(weight.map(Float.init(bitPattern:))) }
            digest.add(loss.map(Double.init(bitPattern:)))
            digest.add(valLoss.map(Double.init(bitPattern:)))
            return digest.hex
        }
    }

    /// `rows` training rows (all when nil), batches of `batchSize`, `epochs` epochs.
    static func train(_ network: Network, rows: Int?, batchSize: Int, epochs: Int, kernels: NumericKernels) throws -> Outcome {
        let d = data
        let (x, y) = rows.map { (d.xTrain.rows(0..<$0), d.yTrain.rows(0..<$0)) } ?? (d.xTrain, d.yTrain)
        let (xValid, yValid) = rows.map { (d.xValid.rows(0..<$0 / 4), d.yValid.rows(0..<$0 / 4)) } ?? (d.xValid, d.yValid)
        return try NumericKernels.with(kernels) {
            let model = network.make(seed: 3)
            let history = try model.fit(x, y, batchSize: batchSize, epochs: epochs, validationData: (xValid, yValid), verbose: 0)
            return Outcome(weights: model.weights.map { $0.scalars.map(\.bitPattern) },
                           loss: history.loss.map(\.bitPattern), valLoss: history.valLoss.map(\.bitPattern))
        }
    }

    static var everyConfiguration: [NumericKernels] {
        NumericKernels.runnableVariants.flatMap { variant in (1...3).map { NumericKernels(variant: variant, threads: $0) } }
    }

    /// A short training (128 rows, two epochs of two batches): cheap enough for the portable
    /// variant, whose fused multiply-adds go through `fmaf` one at a time on x86-64.
    @Test(arguments: Network.allCases)
    func aShortTrainingIsTheSameBitsUnderEveryVariantAndThreadCount(_ network: Network) throws {
        let configurations = Self.everyConfiguration
        let reference = try Self.train(network, rows: 128, batchSize: 64, epochs: 2, kernels: configurations[0])
        for kernels in configurations.dropFirst() {
            let outcome = try Self.train(network, rows: 128, batchSize: 64, epochs: 2, kernels: kernels)
            #expect(outcome == reference, "\(network) under \(kernels) differs from \(configurations[0])")
        }
    }

    /// The tutorial's own training (every row, batches of 256, three epochs) under the vector
    /// variants and thread counts.
    @Test(arguments: Network.allCases)
    func theTutorialsTrainingIsTheSameBitsUnderEveryVectorVariantAndThreadCount(_ network: Network) throws {
        let configurations = Self.everyConfiguration.filter { $0.variant != .portable }
        guard let first = configurations.first else { return }
        let reference = try Self.train(network, rows: nil, batchSize: 256, epochs: 3, kernels: first)
        for kernels in configurations.dropFirst() {
            let outcome = try Self.train(network, rows: nil, batchSize: 256, epochs: 3, kernels: kernels)
            #expect(outcome == reference, "\(network) under \(kernels) differs from \(first)")
        }
    }

    /// Recorded once on an AMD EPYC (Zen 4, the AVX-512 variant, 2 threads); the same on every
    /// machine, or something computes differently there.
    static let goldenDigests: [Network: String] = [
        .wine: "0x181f08148b3f820e",
        .dropout: "0x4fb70ef941b2544d",
        .batchNormalization: "0x6ba2ebcc87efa12a",
    ]

    @Test(arguments: Network.allCases)
    func aShortTrainingMatchesItsGoldenDigest(_ network: Network) throws {
        let kernels = NumericKernels(variant: NumericKernels.runnableVariants[0], threads: 2)
        let outcome = try Self.train(network, rows: 128, batchSize: 64, epochs: 2, kernels: kernels)
        #expect(outcome.digest == Self.goldenDigests[network], "\(network)")
    }
}
