import Foundation
import JupyterWire
import Testing
@testable import SwiftKernel

/// A client's view of a server over a `MemoryTransport`: signed requests in, decoded messages out.
private final class Client {
    let transport = MemoryTransport()
    let handler = EchoHandler()
    let server: KernelServer
    private let signer = MessageSigner(key: "secret")
    private var count = 0

    init() {
        let history = NSTemporaryDirectory() + "kernel-history-\(UUID().uuidString.prefix(8)).sqlite"
        server = KernelServer(transport: transport, key: "secret", handler: handler, historyPath: history)
    }

    /// A decoded message the server sent.
    struct Message {
        let channel: KernelChannel
        let type: String
        let parentID: String?
        let content: [String: Any]
        let metadata: [String: Any]
        let contentBytes: [UInt8]
    }

    /// Queues a request; returns its message id.
    @discardableResult
    func send(_ type: String, _ content: [String: Any] = [:], on channel: KernelChannel = .shell) -> String {
        count += 1
        let id = "request-\(count)"
        deliver(frames(type, content, id: id), on: channel)
        return id
    }

    func frames(_ type: String, _ content: [String: Any], id: String) -> [[UInt8]] {
        let header: [String: Any] = ["msg_id": id, "msg_type": type, "session": "client", "username": "test", "date": "", "version": "5.3"]
        let message = WireMessage(identities: [Array("client".utf8)], header: Self.json(header), content: Self.json(content))
        return message.frames(signedWith: signer)
    }

    func deliver(_ frames: [[UInt8]], on channel: KernelChannel) { transport.deliver(frames, on: channel) }

    /// Serves what was queued, then a shutdown; returns every message sent, decoded.
    func serveQueued() -> [Message] {
        send("shutdown_request", ["restart": false])
        server.serve()
        transport.close()
        return messages
    }

    var messages: [Message] {
        transport.sentMessages.map { channel, frames in
            let wire = try! WireMessage(frames: frames, signer: signer)
            let header = try! JSONSerialization.jsonObject(with: Data(wire.header)) as! [String: Any]
            let parent = try! JSONSerialization.jsonObject(with: Data(wire.parentHeader)) as! [String: Any]
            return Message(channel: channel, type: header["msg_type"] as! String, parentID: parent["msg_id"] as? String,
                           content: try! JSONSerialization.jsonObject(with: Data(wire.content)) as! [String: Any],
                           metadata: try! JSONSerialization.jsonObject(with: Data(wire.metadata)) as! [String: Any],
                           contentBytes: wire.content)
        }
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}

extension Array where Element == Client.Message {
    /// The messages whose parent is request `id`, as `type` or `type:state` for statuses.
    func sequence(of id: String) -> [String] {
        filter { $0.parentID == id }.map { $0.type == "status" ? "status:\($0.content["execution_state"] as! String)" : $0.type }
    }

    func reply(to id: String) -> Client.Message? {
        first { $0.parentID == id && $0.channel != .iopub }
    }
}

@Suite struct KernelServerTests {
    @Test func theKernelInfoReplyMatchesItsGoldenFile() throws {
        let client = Client()
        let id = client.send("kernel_info_request")
        let reply = try #require(client.serveQueued().reply(to: id))
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/kernel_info_reply.json")
        #expect(String(decoding: reply.contentBytes, as: UTF8.self) + "\n" == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func anExecutionIsBracketedByBusyAndIdleWithItsOutputsBetween() throws {
        let client = Client()
        let id = client.send("execute_request", ["code": "hello", "user_expressions": ["shout": "abc", "bad": 3]])
        let messages = client.serveQueued()
        #expect(messages.first?.type == "status" && messages.first?.content["execution_state"] as? String == "starting")
        #expect(messages.sequence(of: id) == ["status:busy", "execute_input", "stream", "execute_result", "execute_reply", "status:idle"])
        let reply = try #require(messages.reply(to: id))
        #expect(reply.channel == .shell && reply.content["status"] as? String == "ok" && reply.content["execution_count"] as? Int == 1)
        let expressions = try #require(reply.content["user_expressions"] as? [String: [String: Any]])
        #expect((expressions["shout"]?["data"] as? [String: String])?["text/plain"] == "ABC")
        #expect(expressions["bad"]?["status"] as? String == "error")
        #expect((reply.metadata["engine_seconds"] as? Double).map { $0 >= 0 } == true)
        let input = try #require(messages.first { $0.type == "execute_input" })
        #expect(input.content["code"] as? String == "hello" && input.content["execution_count"] as? Int == 1)
    }

    @Test func anErrorIsPublishedAndRepliedAndAbortsTheQueuedExecutions() throws {
        let client = Client()
        let failing = client.send("execute_request", ["code": "fail"])
        let queued = client.send("execute_request", ["code": "later"])
        let info = client.send("kernel_info_request")
        let messages = client.serveQueued()
        #expect(messages.sequence(of: failing) == ["status:busy", "execute_input", "error", "execute_reply", "status:idle"])
        let reply = try #require(messages.reply(to: failing))
        #expect(reply.content["status"] as? String == "error" && reply.content["ename"] as? String == "EchoError")
        #expect(reply.content["traceback"] as? [String] == ["line 1"])
        #expect(messages.reply(to: queued)?.content["status"] as? String == "aborted")
        #expect(messages.sequence(of: queued) == ["status:busy", "execute_reply", "status:idle"])
        #expect(messages.reply(to: info)?.type == "kernel_info_reply", "other requests are still answered")
    }

    @Test func silentAndBlankExecutionsDoNotCountAndMissingFieldsTakeTheSpecsDefaults() throws {
        let client = Client()
        let blank = client.send("execute_request", [:])
        let silent = client.send("execute_request", ["code": "quiet", "silent": true])
        let counted = client.send("execute_request", ["code": "x", "store_history": "not a Boolean"])
        let messages = client.serveQueued()
        #expect(messages.reply(to: blank)?.content["execution_count"] as? Int == 0)
        #expect(messages.sequence(of: silent) == ["status:busy", "execute_reply", "status:idle"])
        #expect(messages.reply(to: counted)?.content["execution_count"] as? Int == 1)
    }

    @Test func historyKeepsInputsAndResults() throws {
        let client = Client()
        client.send("execute_request", ["code": "first"])
        client.send("execute_request", ["code": "second"])
        let id = client.send("history_request", ["hist_access_type": "tail", "n": 5, "output": true])
        let reply = try #require(client.serveQueued().reply(to: id))
        let history = try #require(reply.content["history"] as? [[Any]])
        #expect(history.map { $0[1] as? Int } == [1, 2])
        #expect(history.map { ($0[2] as? [String])?.first } == ["first", "second"])
        #expect(history.map { ($0[2] as? [String])?.last } == ["first", "second"], "each with its result's text")
    }

    @Test func completionInspectionAndCompletenessRepliesCarryTheHandlersAnswers() throws {
        let client = Client()
        let complete = client.send("complete_request", ["code": "ab", "cursor_pos": 2])
        let inspect = client.send("inspect_request", ["code": "Dense", "cursor_pos": 5])
        let incomplete = client.send("is_complete_request", ["code": "if x {"])
        let comms = client.send("comm_info_request")
        let messages = client.serveQueued()
        let completion = try #require(messages.reply(to: complete)?.content)
        #expect(completion["matches"] as? [String] == ["ab1", "ab2"])
        #expect(completion["cursor_start"] as? Int == 0 && completion["cursor_end"] as? Int == 2)
        let details = (completion["metadata"] as? [String: Any])?["_jupyter_types_experimental"] as? [[String: Any]]
        #expect(details?.first?["type"] as? String == "function")
        #expect((messages.reply(to: inspect)?.content["data"] as? [String: String])?["text/markdown"] == "*Dense*")
        #expect(messages.reply(to: incomplete)?.content["indent"] as? String == "    ")
        #expect(messages.reply(to: comms)?.content["comms"] as? [String: Any] != nil)
    }

    @Test func inputIsRequestedOnStdinAndTheReplyReachesTheExecution() throws {
        let client = Client()
        let id = client.send("execute_request", ["code": "ask", "allow_stdin": true])
        client.send("input_reply", ["value": "Ada"], on: .stdin)
        let messages = client.serveQueued()
        #expect(messages.contains { $0.channel == .stdin && $0.type == "input_request" && $0.content["prompt"] as? String == "Name?" })
        #expect(messages.first { $0.parentID == id && $0.type == "stream" }?.content["text"] as? String == "got Ada\n")
    }

    @Test func badSignaturesReplaysUnknownTypesAndCommsAreHandledWithoutAReply() throws {
        let client = Client()
        var forged = client.frames("kernel_info_request", [:], id: "forged")
        forged[2] = Array(String(repeating: "0", count: 64).utf8)
        client.deliver(forged, on: .shell)
        let original = client.frames("kernel_info_request", [:], id: "once")
        client.deliver(original, on: .shell)
        client.deliver(original, on: .shell)
        let unknown = client.send("no_such_request")
        let comm = client.send("comm_open", ["comm_id": "c1", "target_name": "x"])
        let messages = client.serveQueued()
        #expect(messages.reply(to: "forged") == nil)
        #expect(messages.filter { $0.parentID == "once" && $0.channel == .shell }.count == 1, "the replay was dropped")
        #expect(messages.sequence(of: unknown) == ["status:busy", "status:idle"])
        #expect(messages.first { $0.parentID == comm && $0.type == "comm_close" }?.content["comm_id"] as? String == "c1")
    }

    @Test func controlAnswersInterruptsAndShutdownsWhileTheShellServes() throws {
        let client = Client()
        let server = client.server
        let serving = Thread { server.serve() }
        serving.start()
        let interrupt = client.send("interrupt_request", on: .control)
        #expect(client.transport.waitFor(.control) { _ in true })
        #expect(client.handler.interrupts.load(ordering: .relaxed) == 1)
        let shutdown = client.send("shutdown_request", ["restart": true], on: .control)
        #expect(client.transport.waitFor(.iopub) { frames in
            frames.contains { String(decoding: $0, as: UTF8.self).contains("\"msg_type\":\"shutdown_reply\"") }
        })
        // The handler hears of the shutdown once the reply is out.
        let deadline = Date() + 5
        while client.handler.shutdowns.withLock({ $0.isEmpty }), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        client.transport.close()
        let messages = client.messages
        #expect(messages.reply(to: interrupt)?.type == "interrupt_reply")
        #expect(messages.reply(to: shutdown)?.content["restart"] as? Bool == true)
        #expect(client.handler.shutdowns.withLock { $0 } == [true])
    }

    @Test func aShutdownOnShellIsRepliedBroadcastAndEndsServing() throws {
        let client = Client()
        let messages = client.serveQueued()   // ends with its shutdown request
        let reply = try #require(messages.first { $0.type == "shutdown_reply" && $0.channel == .shell })
        #expect(reply.content["restart"] as? Bool == false)
        #expect(messages.contains { $0.type == "shutdown_reply" && $0.channel == .iopub })
        #expect(client.handler.shutdowns.withLock { $0 } == [false])
    }
}
