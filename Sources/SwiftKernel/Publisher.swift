import Foundation
import CellOutputs
import JupyterWire
import NotebookFormat
import Synchronization

/// The IOPub socket, shared by the shell and control threads behind a lock.
final class Publisher: Sendable {
    private let socket: Mutex<ZMQSocket>
    private let signer: MessageSigner
    private let session: String

    init(socket: ZMQSocket, signer: MessageSigner, session: String) {
        self.socket = Mutex(socket)
        self.signer = signer
        self.session = session
    }

    /// Publishes a cell's output message.
    func publish(_ message: OutputMessage, parent: ReceivedMessage?) {
        let content = Array(JSONWriter.compactText(message.content).utf8)
        let wire = WireMessage(identities: [Array("kernel.\(session).\(message.messageType)".utf8)],
                               header: Self.header(type: message.messageType, session: session),
                               parentHeader: parent?.headerBytes ?? Array("{}".utf8), metadata: Array("{}".utf8), content: content)
        let frames = wire.frames(signedWith: signer)
        socket.withLock { try? $0.send(frames) }
    }

    /// Publishes one message whose parent is `parent` (none for the initial `starting` status).
    func publish(_ type: String, content: [String: Any], parent: ReceivedMessage?) {
        let message = Self.message(type: type, content: content, parent: parent, session: session,
                                   identities: [Array("kernel.\(session).\(type)".utf8)])
        let frames = message.frames(signedWith: signer)
        socket.withLock { try? $0.send(frames) }
    }

    /// The reply to `request` (`kernel_info_request` -> `kernel_info_reply`), addressed to its sender.
    static func reply(to request: ReceivedMessage, content: [String: Any], metadata: [String: Any] = [:],
                      session: String) -> WireMessage {
        message(type: request.type.replacingOccurrences(of: "_request", with: "_reply"), content: content,
                metadata: metadata, parent: request, session: session, identities: request.identities)
    }

    /// A new message with a fresh header.
    static func message(type: String, content: [String: Any], metadata: [String: Any] = [:], parent: ReceivedMessage?,
                        session: String, identities: [[UInt8]]) -> WireMessage {
        WireMessage(identities: identities, header: header(type: type, session: session),
                           parentHeader: parent?.headerBytes ?? Array("{}".utf8), metadata: json(metadata),
                           content: json(content))
    }

    /// A new message header.
    static func header(type: String, session: String) -> [UInt8] {
        json(["msg_id": UUID().uuidString.lowercased(), "session": session, "username": "swift-kernel",
              "date": timestamp(), "msg_type": type, "version": "5.3"])
    }

    private static func json(_ object: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8))
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
