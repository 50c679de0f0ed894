/// MT19937, seeded and used exactly as NumPy's legacy `RandomState(seed)`, so that
/// `DataFrame.sample(fraction:seed:)` picks the same rows as pandas' `df.sample(frac=, random_state=)`.
struct MersenneTwister {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// `init_genrand(seed)`, as `RandomState(seed)` does for an integer seed below 2³².
    init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32-bit output.
    mutating func next() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A uniform integer in `0...max`: masked 32-bit draws, rejecting values above `max` (NumPy's `random_interval`).
    mutating func nextInterval(_ max: UInt32) -> UInt32 {
        guard max > 0 else { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16
        while true {
            let value = next() & mask
            if value <= max { return value }
        }
    }

    /// NumPy's `RandomState.permutation(count)`: a Fisher–Yates pass over `0..<count` from the end.
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(nextInterval(UInt32(i))))
        }
        return order
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
        }
        position = 0
    }
}
