import Foundation
import Neural
import Testing

/// Models and optimizers saved and read back (what notebook checkpoints do): training a restored
/// model continues exactly as training the original does.
struct SavingTests {
    /// Encodes `value` and decodes it again, with one table of shared objects for each direction.
    private func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        encoder.userInfo[SharedObjects.userInfoKey] = SharedObjects()
        let decoder = PropertyListDecoder()
        decoder.userInfo[SharedObjects.userInfoKey] = SharedObjects()
        return try decoder.decode([Value].self, from: encoder.encode([value]))[0]
    }

    private func data() -> (Tensor, Tensor) {
        var random = SeededRandom(seed: 3)
        let x = Tensor((0..<40).map { _ in (0..<3).map { _ in random.nextFloat(in: -1, 1) } })
        let y = Tensor((0..<40).map { row in [x.scalars[row * 3] - 2 * x.scalars[row * 3 + 1]] })
        return (x, y)
    }

    @Test(arguments: ["adam", "sgd", "rmsprop"])
    func aRestoredModelTrainsOnExactlyAsTheOriginal(_ optimizerName: String) throws {
        let (x, y) = data()
        let model = Sequential(seed: 7) {
            Dense(8, .relu, inputShape: [3])
            BatchNormalization()
            Dropout(0.2)
            Dense(1)
        }
        let optimizer: any Optimizer = switch optimizerName {
        case "adam": Adam(learningRate: 0.01)
        case "sgd": SGD(learningRate: 0.05, momentum: 0.9, nesterov: true)
        default: RMSprop(learningRate: 0.01, momentum: 0.5)
        }
        model.compile(optimizer: optimizer, loss: .huber(delta: 0.5), metrics: [.mae])
        _ = try model.fit(x, y, batchSize: 8, epochs: 2, verbose: .silent)

        let restored = try roundTrip(model)
        #expect(restored.weights == model.weights)
        #expect(restored.layers.map(\.name) == model.layers.map(\.name))
        #expect(restored.loss == model.loss && restored.metrics == model.metrics)
        let original = try model.fit(x, y, batchSize: 8, epochs: 3, verbose: .silent)
        let continued = try restored.fit(x, y, batchSize: 8, epochs: 3, verbose: .silent)
        #expect(continued == original)
        #expect(restored.weights == model.weights, "the optimizer's moments and the model's generator came back")
    }

    @Test func aRestoredConvnetTrainsOnExactlyAsTheOriginal() throws {
        var random = SeededRandom(seed: 8)
        let x = try Tensor(shape: [12, 6, 6, 1], scalars: (0..<432).map { _ in random.nextFloat(in: -1, 1) })
        let y = Tensor((0..<12).map { [Float($0 % 2)] })
        let model = Sequential(seed: 2) {
            Reshape([6, 6, 1], inputShape: [6, 6, 1])
            Conv2D(3, 3, padding: .same, activation: .relu)
            MaxPooling2D(2, strides: 1)
            Conv2D(2, [2, 3], strides: 2)
            GlobalAveragePooling2D()
            Flatten()
            Dense(1, .sigmoid)
        }
        model.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy)
        _ = try model.fit(x, y, batchSize: 4, epochs: 1, verbose: .silent)

        let restored = try roundTrip(model)
        #expect(restored.weights == model.weights)
        #expect(restored.summaryTable == model.summaryTable)
        let original = try model.fit(x, y, batchSize: 4, epochs: 2, verbose: .silent)
        #expect(try restored.fit(x, y, batchSize: 4, epochs: 2, verbose: .silent) == original)
        #expect(restored.weights == model.weights)
    }

    @Test func aModelAndItsOptimizerHeldApartStayConnected() throws {
        let model = Sequential(seed: 1) { Dense(2, inputShape: [2]) }
        let adam = Adam()
        model.compile(optimizer: adam, loss: .mse)
        _ = try model.fit(Tensor([[1, 2]]), Tensor([[1, 0]]), epochs: 1, verbose: .silent)
        let (encoder, decoder) = (PropertyListEncoder(), PropertyListDecoder())
        let (written, read) = (SharedObjects(), SharedObjects())
        (encoder.userInfo[SharedObjects.userInfoKey], decoder.userInfo[SharedObjects.userInfoKey]) = (written, read)
        // The optimizer first, as a cell that declared it before the model would save it; a value
        // of its own is numbered before its contents, as the notebook runtime numbers it.
        let adamNumber = written.add(adam)
        let savedAdam = try encoder.encode([adam]), savedModel = try encoder.encode([model])
        let restoredAdam = try decoder.decode([Adam].self, from: savedAdam)[0]
        read.register(restoredAdam, as: adamNumber)
        let restoredModel = try decoder.decode([Sequential].self, from: savedModel)[0]
        #expect(restoredModel.optimizer === restoredAdam)
        #expect(restoredAdam.iterations == 1)
        _ = try model.fit(Tensor([[1, 2]]), Tensor([[1, 0]]), epochs: 1, verbose: .silent)
        _ = try restoredModel.fit(Tensor([[1, 2]]), Tensor([[1, 0]]), epochs: 1, verbose: .silent)
        #expect(restoredModel.weights == model.weights, "Adam's moments belong to the restored model's parameters")
    }

    @Test func aLayerOfAnotherTypeMakesTheModelUnsavable() throws {
        let model = Sequential { Dense(2, inputShape: [1]); Doubling() }
        #expect { try roundTrip(model) } throws: { "\($0)".contains("its layer 'doubling' is a Doubling, which is not Codable") }
    }

    @Test func aCodableLayerOfAnotherModuleIsSavedByItsQualifiedName() throws {
        let model = Sequential(seed: 2) { Dense(3, inputShape: [2]); Scaling(factor: 3) }
        let restored = try roundTrip(model)
        let input = Tensor([[1, -2]])
        #expect(try restored.predict(input) == model.predict(input))
        #expect((restored.layers[1] as? Scaling)?.factor == 3)
    }

    @Test func tensorsAndGeneratorsRoundTripExactly() throws {
        let tensor = Tensor([[1.5, -0, .infinity], [.leastNonzeroMagnitude, 3, -7]])
        #expect(try roundTrip(tensor) == tensor)
        var generator = SeededRandom(seed: 42)
        _ = generator.next()
        var restored = try roundTrip(generator)
        #expect((0..<5).map { _ in restored.next() } == (0..<5).map { _ in generator.next() })
    }
}

/// A layer of the tests' own, `Codable`: savable like the runtime's.
final class Scaling: Layer, Codable {
    var name = "scaling"
    var inputShape: [Int]? = nil
    var outputShape: [Int]?
    let factor: Float
    var parameters: [Parameter] { [] }

    init(factor: Float) { self.factor = factor }

    func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] { outputShape = inputShape; return inputShape }
    func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor { input * factor }
    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient * factor }
}
