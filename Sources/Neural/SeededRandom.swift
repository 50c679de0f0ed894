internal import Synchronization

/// A fast, seedable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same sequence on every machine, which is what makes weight
/// initialisation, shuffling and dropout reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform `Float` in `[lower, upper)`.
    public mutating func nextFloat(in lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * nextUnitFloat()
    }

    /// A uniform integer in `0..<bound` (unbiased, by rejection).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let x = next()
            if x >= threshold { return Int(x % limit) }
        }
    }

    /// `0..<count` in a random order (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, nextIndex(below: i + 1))
        }
        return order
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension SeededRandom: Codable {
    /// Writes the four words of state: a restored generator continues the same sequence.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode([state.0, state.1, state.2, state.3])
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let words = try container.decode([UInt64].self)
        guard words.count == 4 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a generator's state is 4 words, not \(words.count)")
        }
        self.init(seed: 0)
        state = (words[0], words[1], words[2], words[3])
    }
}

/// The process-wide generator that models without a seed of their own draw from.
private let globalRandom = Mutex(SeededRandom(seed: 0))

/// Seeds every random choice that follows: weight initialisation of new models, shuffling in
/// `fit`, and dropout masks. Call it as `Neural.seed(42)`.
///
/// Keras: `keras.utils.set_random_seed(42)`. Without a call, the process starts from seed 0, so a
/// fresh run of the same notebook always gives the same numbers.
public func seed(_ value: UInt64) {
    globalRandom.withLock { $0 = SeededRandom(seed: value) }
}

/// The global generator's state, saved and restored with a notebook's checkpoints.
package var globalRandomState: SeededRandom {
    get { globalRandom.withLock { $0 } }
    set { globalRandom.withLock { $0 = newValue } }
}

/// A new generator seeded from the global one (advances the global sequence by one draw).
func makeGeneratorFromGlobalSeed() -> SeededRandom {
    SeededRandom(seed: globalRandom.withLock { $0.next() })
}
