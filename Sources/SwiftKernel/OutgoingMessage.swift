import Foundation
import JupyterWire
import NotebookFormat

/// The messages the kernel sends: a fresh header, the request's header as parent, and contents
/// encoded from their types (keys sorted).
struct OutgoingMessage {
    let session: String

    /// A message of `type` with `content` and `metadata`, addressed to `identities`.
    func make(type: String, content: some Encodable, metadata: [String: JSONValue] = [:], parent: ReceivedMessage?,
              identities: [[UInt8]]) -> WireMessage {
        WireMessage(identities: identities, header: header(type: type), parentHeader: parent?.headerBytes ?? Array("{}".utf8),
                    metadata: Self.encode(metadata), content: Self.encode(content))
    }

    /// The reply to `request` (`kernel_info_request` -> `kernel_info_reply`), addressed to its sender.
    func reply(to request: ReceivedMessage, content: some Encodable, metadata: [String: JSONValue] = [:]) -> WireMessage {
        make(type: request.type.replacingOccurrences(of: "_request", with: "_reply"), content: content, metadata: metadata,
             parent: request, identities: request.identities)
    }

    /// An IOPub broadcast, its topic the kernel's and the type's.
    func broadcast(type: String, content: some Encodable, parent: ReceivedMessage?) -> WireMessage {
        make(type: type, content: content, parent: parent, identities: [Array("kernel.\(session).\(type)".utf8)])
    }

    /// A message header.
    private struct Header: Encodable {
        let messageID: String, session: String, username: String, date: String, messageType: String, version: String

        enum CodingKeys: String, CodingKey {
            case session, username, date, version
            case messageID = "msg_id", messageType = "msg_type"
        }
    }

    private func header(type: String) -> [UInt8] {
        Self.encode(Header(messageID: UUID().uuidString.lowercased(), session: session, username: "swift-kernel",
                           date: Self.timestamp(), messageType: type, version: "5.3"))
    }

    private static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The contents are plain values; encoding them cannot fail.
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
