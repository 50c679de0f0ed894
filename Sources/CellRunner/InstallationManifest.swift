import Foundation

/// `installation.json`, at the top of an installation: the version installed and the compiler
/// its runtime was built with (which its sessions use).
public struct InstallationManifest: Codable, Sendable, Equatable {
    public static let fileName = "installation.json"

    public var version: String
    /// The `swiftc` the installation pins.
    public var swiftc: String

    public init(version: String, swiftc: String) {
        self.version = version
        self.swiftc = swiftc
    }

    /// The manifest of the installation at `root`.
    public static func read(from root: String) throws -> InstallationManifest {
        try JSONDecoder().decode(InstallationManifest.self, from: Data(contentsOf: URL(fileURLWithPath: root + "/" + fileName)))
    }

    /// Writes the manifest into the installation at `root`.
    public func write(to root: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: root + "/" + Self.fileName), options: .atomic)
    }
}
