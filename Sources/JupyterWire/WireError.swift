/// What can be wrong with a message or a connection file on the wire.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `<IDS|MSG>` frame separates identities from the message.
    case missingDelimiter
    /// Fewer than the five frames after the delimiter (signature, header, parent, metadata, content).
    case tooFewFrames(Int)
    /// The HMAC signature does not match the message (or is missing while a key is set).
    case badSignature
    /// A validly signed message that was received before (a replay).
    case replayed
    /// A part is not the JSON it must be.
    case invalidJSON(part: String, reason: String)
    /// The connection file cannot be used.
    case invalidConnectionFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingDelimiter: "message has no <IDS|MSG> delimiter frame"
        case let .tooFewFrames(count): "message has \(count) frames after the delimiter; 5 are needed (signature, header, parent header, metadata, content)"
        case .badSignature: "message signature does not match (wrong key, or the message was altered)"
        case .replayed: "message was received before (same signature); a replay is not run again"
        case let .invalidJSON(part, reason): "message \(part) is not valid JSON: \(reason)"
        case let .invalidConnectionFile(path, reason): "connection file \(path): \(reason)"
        }
    }
}
