internal import Crypto
internal import Foundation

/// Signs and checks messages with HMAC-SHA256 over the exact bytes of header, parent header,
/// metadata and content, keyed with the connection file's key. An empty key means no signing.
public struct MessageSigner: Sendable {
    private let key: SymmetricKey?

    /// - Parameter key: The connection file's `key`, used as its UTF-8 bytes; empty disables signing.
    public init(key: String) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: Data(key.utf8))
    }

    /// Whether messages are signed.
    public var isSigning: Bool { key != nil }

    /// The lowercase hex signature of the four parts, or "" without a key.
    public func signature(of parts: [[UInt8]]) -> String {
        guard let key else { return "" }
        var hmac = HMAC<SHA256>(key: key)
        for part in parts { hmac.update(data: part) }
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` (lowercase hex) signs the parts; compared in constant time.
    public func isValid(_ signature: [UInt8], for parts: [[UInt8]]) -> Bool {
        guard let key else { return true }
        guard let code = Self.bytes(fromHex: signature), code.count == SHA256.byteCount else { return false }
        var joined = Data()
        for part in parts { joined.append(contentsOf: part) }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: joined, using: key)
    }

    /// Bytes from lowercase hex (Python's `hexdigest()`), or nil for anything else.
    private static func bytes(fromHex hex: [UInt8]) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(hex.count / 2)
        var index = 0
        while index < hex.count {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}
