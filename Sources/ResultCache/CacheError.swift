/// Failures of the result cache.
public enum CacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cache file cannot be opened or written (a read-only folder, a full disk).
    case unavailable(path: String, reason: String)
    /// An entry in the cache cannot be read back.
    case damaged(String)

    public var description: String {
        switch self {
        case let .unavailable(path, reason): "the cache \(path) cannot be used: \(reason)"
        case let .damaged(reason): "the cache is damaged: \(reason)"
        }
    }
}
