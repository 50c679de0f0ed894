import Neural

/// A layer of a type that is not `Codable`, for the tests of what cannot be saved.
final class Doubling: Layer {
    var name = "doubling"
    var inputShape: [Int]? = nil
    var outputShape: [Int]?
    var parameters: [Parameter] { [] }
    func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] { outputShape = inputShape; return inputShape }
    func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor { input * 2 }
    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient * 2 }
}
