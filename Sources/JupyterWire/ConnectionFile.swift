internal import Foundation

/// The connection file Jupyter writes for a kernel: where to bind each socket and how to sign.
public struct ConnectionFile: Codable, Sendable, Equatable {
    /// `tcp` or `ipc`.
    public var transport: String
    /// The address to bind (tcp), or the path prefix of the sockets (ipc).
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var heartbeatPort: Int
    /// The HMAC key; empty means messages are not signed.
    public var key: String
    /// `hmac-sha256` (or empty with an empty key).
    public var signatureScheme: String
    /// The kernel's name, if given.
    public var kernelName: String?

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", iopubPort = "iopub_port", stdinPort = "stdin_port"
        case controlPort = "control_port", heartbeatPort = "hb_port"
        case signatureScheme = "signature_scheme", kernelName = "kernel_name"
    }

    /// Reads and checks a connection file.
    ///
    /// - Throws: `WireError.invalidConnectionFile` naming the file and what is wrong.
    public static func load(_ path: String) throws(WireError) -> ConnectionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidConnectionFile(path: path, reason: "cannot be read")
        }
        let file: ConnectionFile
        do {
            file = try JSONDecoder().decode(ConnectionFile.self, from: data)
        } catch {
            throw .invalidConnectionFile(path: path, reason: "not a connection file (\(error))")
        }
        guard ["tcp", "ipc"].contains(file.transport) else {
            throw .invalidConnectionFile(path: path, reason: "transport must be tcp or ipc, not '\(file.transport)'")
        }
        guard file.signatureScheme == "hmac-sha256" || (file.key.isEmpty && file.signatureScheme.isEmpty) else {
            throw .invalidConnectionFile(path: path, reason: "signature_scheme '\(file.signatureScheme)' is not supported; use hmac-sha256")
        }
        let ports = [file.shellPort, file.iopubPort, file.stdinPort, file.controlPort, file.heartbeatPort]
        guard ports.allSatisfy({ (0...65_535).contains($0) }) else {
            throw .invalidConnectionFile(path: path, reason: "ports must be 0...65535, got \(ports)")
        }
        return file
    }

    /// The ZeroMQ endpoint of a port: `tcp://127.0.0.1:5555`, or `ipc://kernel-5555` for ipc.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}
