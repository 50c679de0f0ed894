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
        guard let header = try? JSONSerialization.jsonObject(with: Data(message.header)) as? [String: Any],
              let type = header["msg_type"] as? String else {
            throw WireError.invalidJSON(part: "header", reason: "no msg_type")
        }
        guard let content = try? JSONSerialization.jsonObject(with: Data(message.content)) as? [String: Any] else {
            throw WireError.invalidJSON(part: "content", reason: "not an object")
        }
        identities = message.identities
        headerBytes = message.header
        self.type = type
        kind = KernelRequest(type: type, content: content)
    }
}
