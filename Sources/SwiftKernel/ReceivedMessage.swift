import Foundation
import JupyterWire

/// A verified incoming message: the wire message with its header and content decoded into a `KernelRequest`.
struct ReceivedMessage {
    let identities: [[UInt8]]
    /// The header's raw bytes, copied verbatim into replies' parent_header.
    let headerBytes: [UInt8]
    /// The message type (`execute_request`), which names the reply.
    let type: String
    /// What it asks, decoded.
    let kind: KernelRequest

    /// Verifies and decodes a message, refusing one received before.
    ///
    /// - Throws: `WireError` for bad frames, signatures or JSON, and `.replayed`.
    init(frames: [[UInt8]], signer: MessageSigner, replays: ReplayGuard) throws {
        let message = try WireMessage(frames: frames, signer: signer)
        guard replays.admit(frames, signer: signer) else { throw WireError.replayed }
        guard let type = try Self.object(message.header, part: "header")["msg_type"] as? String else {
            throw WireError.invalidJSON(part: "header", reason: "no msg_type")
        }
        let content = try Self.object(message.content, part: "content")
        identities = message.identities
        headerBytes = message.header
        self.type = type
        kind = KernelRequest(type: type, content: content)
    }

    /// The JSON object in a message part.
    ///
    /// - Throws: `WireError.invalidJSON` naming the part, with the parser's reason or "not an object".
    private static func object(_ bytes: [UInt8], part: String) throws -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw WireError.invalidJSON(part: part, reason: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")
        }
        guard let object = value as? [String: Any] else { throw WireError.invalidJSON(part: part, reason: "not an object") }
        return object
    }
}
