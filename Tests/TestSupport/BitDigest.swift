/// A 64-bit FNV-1a digest of floating-point bit patterns: golden values for results that must be
/// the same bits on every machine (a difference anywhere changes the digest).
public struct BitDigest: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ values: [Float]) {
        for value in values { add(UInt64(value.bitPattern), bytes: 4) }
    }

    public mutating func add(_ values: [Double]) {
        for value in values { add(value.bitPattern, bytes: 8) }
    }

    private mutating func add(_ bits: UInt64, bytes: Int) {
        for byte in 0..<bytes {
            value ^= (bits >> (8 * UInt64(byte))) & 0xff
            value = value &* 0x100_0000_01b3
        }
    }

    /// `0x…`, sixteen hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
