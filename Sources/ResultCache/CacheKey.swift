import Crypto
import Foundation

/// The key of a cached code cell: a hash chained over everything that decides what the cell
/// prints. The chain starts from the run's `base` (toolchain, runtime, parameters) and takes in
/// the source of every code cell in order, so a cell's key changes when it or any code cell
/// before it changes, and not when Markdown, tags or outputs do.
public struct CacheKey: Sendable, Hashable, CustomStringConvertible {
    /// 64 hexadecimal digits (SHA-256).
    public let hex: String

    public init(hex: String) {
        self.hex = hex
    }

    /// The chain's start: a hash of the labelled facts, in order (`toolchain`, `runtime`, `parameters`, ...).
    public static func base(_ facts: KeyValuePairs<String, String>) -> CacheKey {
        digest(facts.map { "\($0.key)=\($0.value.count):\($0.value)" }.joined(separator: "\n"))
    }

    /// The key of the next code cell, whose source is `source` (line breaks normalised to `\n`).
    public func next(source: String) -> CacheKey {
        Self.digest(hex + "\n" + source.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// The SHA-256 of `text`'s UTF-8 bytes.
    public static func digest(_ text: String) -> CacheKey {
        digest(Data(text.utf8))
    }

    /// The SHA-256 of `bytes`.
    public static func digest(_ bytes: Data) -> CacheKey {
        CacheKey(hex: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
    }

    public var description: String { hex }
}
