import Crypto
import Foundation

/// Signs the cache's entries with a secret only this user has, as Jupyter signs trusted
/// notebooks: a cache file that came from someone else (committed to a repository, copied from
/// CI) or was altered has entries that do not verify, and those are treated as absent, so no
/// library or checkpoint in it is loaded and no output shown that this user's nbrun did not make.
///
/// The secret is 32 random bytes in `$XDG_DATA_HOME/nbrun/cache-secret` (else
/// `~/.local/share/nbrun/cache-secret`), readable by the user only, made on first use.
public struct CacheSigner: Sendable {
    private let key: SymmetricKey

    /// A signer with `secret` (tests use two, as two users).
    public init(secret: Data) {
        key = SymmetricKey(data: secret)
    }

    /// The file that holds this user's secret.
    public static func secretPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/share"
        return dataHome + "/nbrun/cache-secret"
    }

    /// This user's signer, its secret made if there is none yet (two processes making it at once
    /// agree on one: it is written to a temporary file and linked into place, never overwritten).
    ///
    /// - Throws: `CacheError.unavailable` when the secret can be neither read nor made.
    public static func ofThisUser(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CacheSigner {
        let path = secretPath(environment: environment)
        if let secret = FileManager.default.contents(atPath: path), secret.count >= 32 { return CacheSigner(secret: secret) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = folder + "/.cache-secret-\(getpid())-\(UUID().uuidString)"
            let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            guard FileManager.default.createFile(atPath: temporary, contents: secret, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            defer { unlink(temporary) }
            // EEXIST: another process made it first; its secret is the one.
            if link(temporary, path) != 0, errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            throw CacheError.unavailable(path: path, reason: "the cache's secret cannot be made: \(error)")
        }
        guard let secret = FileManager.default.contents(atPath: path), secret.count >= 32 else {
            throw CacheError.unavailable(path: path, reason: "the cache's secret is unreadable or shorter than 32 bytes")
        }
        return CacheSigner(secret: secret)
    }

    /// The signature of an entry made of `parts` (its table first): HMAC-SHA256 over each part's
    /// UTF-8 length, a colon, the part and a line break, in hexadecimal.
    public func signature(_ parts: [String]) -> String {
        HMAC<SHA256>.authenticationCode(for: Self.message(parts), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` is this user's for `parts` (compared in constant time).
    public func verifies(_ signature: String, _ parts: [String]) -> Bool {
        guard let code = Data(hex: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Self.message(parts), using: key)
    }

    private static func message(_ parts: [String]) -> Data {
        Data(parts.map { "\($0.utf8.count):\($0)\n" }.joined().utf8)
    }
}

private extension Data {
    /// The bytes of an even-length hexadecimal string, or nil.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes)
    }
}
