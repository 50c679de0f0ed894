import Foundation
import Testing
@testable import Neural

/// `Neural.seed(_:)` changes process-wide state, so each check runs in a child process of its own
/// (an exit test) where no other test can draw from the global generator in between.
@Suite struct GlobalSeedTests {
    @Test func theSameGlobalSeedGivesTheSameModels() async {
        await #expect(processExitsWith: .success) {
            func weights() -> [Tensor] {
                Sequential { Dense(8, .relu, inputShape: [3]); Dropout(0.5); Dense(1) }.weights
            }
            Neural.seed(42)
            let first = weights()
            Neural.seed(42)
            let second = weights()
            Neural.seed(43)
            let third = weights()
            exit(first == second && first != third ? 0 : 1)
        }
    }

    @Test func aFreshProcessStartsFromSeedZero() async {
        await #expect(processExitsWith: .success) {
            let unseeded = Sequential { Dense(4, inputShape: [2]) }.weights
            Neural.seed(0)
            exit(unseeded == Sequential { Dense(4, inputShape: [2]) }.weights ? 0 : 1)
        }
    }
}
