import Foundation
import Testing
@testable import JupyterWire

@Suite struct WireMessageTests {
    let signer = MessageSigner(key: "secret-key")
    let header = Array(#"{"msg_id":"1","msg_type":"kernel_info_request"}"#.utf8)

    @Test func signaturesMatchPythonsHMAC() {
        // hmac.new(b"secret-key", header + b"{}" * 3, hashlib.sha256).hexdigest()
        let empty = Array("{}".utf8)
        #expect(signer.signature(of: [header, empty, empty, empty])
                == "d24613c901272087168eb7a17b371d2f54d14044dca08737846f4baf86191b6a")
    }

    @Test func framesRoundTripWithIdentitiesAndBuffers() throws {
        let message = WireMessage(identities: [Array("client-1".utf8)], header: header,
                                  content: Array(#"{"code":"1+1"}"#.utf8), buffers: [[0, 1, 2]])
        let frames = message.frames(signedWith: signer)
        #expect(frames[1] == WireMessage.delimiter)
        #expect(try WireMessage(frames: frames, signer: signer) == message)
    }

    @Test func anAlteredOrUnsignedMessageIsRejected() {
        var frames = WireMessage(header: header, content: Array("{}".utf8)).frames(signedWith: signer)
        frames[frames.count - 1] = Array(#"{"code":"rm -rf"}"#.utf8)
        #expect(throws: WireError.badSignature) { try WireMessage(frames: frames, signer: signer) }
        let unsigned = WireMessage(header: header, content: Array("{}".utf8)).frames(signedWith: MessageSigner(key: ""))
        #expect(throws: WireError.badSignature) { try WireMessage(frames: unsigned, signer: signer) }
        var uppercase = WireMessage(header: header, content: Array("{}".utf8)).frames(signedWith: signer)
        uppercase[1] = Array(String(decoding: uppercase[1], as: UTF8.self).uppercased().utf8)
        #expect(throws: WireError.badSignature) { try WireMessage(frames: uppercase, signer: signer) }
    }

    @Test func malformedFramesAreNamed() {
        #expect(throws: WireError.missingDelimiter) { try WireMessage(frames: [header], signer: signer) }
        #expect(throws: WireError.tooFewFrames(2)) {
            try WireMessage(frames: [WireMessage.delimiter, [], header], signer: signer)
        }
    }

    @Test func anEmptyKeyMeansNoSigning() throws {
        let plain = MessageSigner(key: "")
        let frames = WireMessage(header: header, content: Array("{}".utf8)).frames(signedWith: plain)
        #expect(frames[1].isEmpty)
        #expect(try WireMessage(frames: frames, signer: plain).header == header)
    }
}

@Suite struct ConnectionFileTests {
    func write(_ json: String) throws -> String {
        let path = NSTemporaryDirectory() + "connection-\(UUID().uuidString).json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsJupytersFile() throws {
        let path = try write("""
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "swift"}
            """)
        let file = try ConnectionFile.load(path)
        #expect(file.endpoint(port: file.shellPort) == "tcp://127.0.0.1:5001")
        #expect(file.kernelName == "swift")
        var ipc = file
        ipc.transport = "ipc"
        ipc.ip = "/tmp/kernel"
        #expect(ipc.endpoint(port: 5002) == "ipc:///tmp/kernel-5002")
    }

    @Test func badFilesSayWhatIsWrong() throws {
        let scheme = try write("""
            {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-md5"}
            """)
        #expect(throws: WireError.invalidConnectionFile(path: scheme, reason: "signature_scheme 'hmac-md5' is not supported; use hmac-sha256")) {
            try ConnectionFile.load(scheme)
        }
        let missing = try write("{\"ip\": \"127.0.0.1\"}")
        #expect(throws: WireError.self) { try ConnectionFile.load(missing) }
        #expect(throws: WireError.invalidConnectionFile(path: "/nonexistent.json", reason: "cannot be read")) {
            try ConnectionFile.load("/nonexistent.json")
        }
    }
}
