internal import Foundation
import Charts
import Neural

/// A session's saved values: one entry per cell binding, in cell order, and the runtime's own
/// global state (the seed stream, the live displays' numbering), written as a binary property list.
struct CheckpointFile: Codable {
    /// The layout this runtime writes and reads.
    static let currentFormat = 1

    /// One binding's value.
    struct Entry: Codable {
        /// The binding's storage (`__cell3_b0`).
        var key: String
        /// The name the cell gave it.
        var name: String
        /// For an object (a class instance): its number, shared by every entry that holds it.
        var object: Int?
        /// The encoded value; nil for an object an earlier entry holds, and for a value not saved.
        var contents: Data?
        /// Why the value was not saved; nil when it was.
        var reason: String?
        /// For a value not saved: whether cells may have changed it after its initializer ran.
        var mayChange: Bool?
    }

    var format = currentFormat
    var entries: [Entry] = []
    var globalRandom = globalRandomState
    var liveTrainingDisplays = liveTrainingDisplayCount

    /// Encodes one value, objects it holds numbered in `objects`.
    static func encode(_ value: some Encodable, objects: SharedObjects) throws -> Data {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        encoder.userInfo[SharedObjects.userInfoKey] = objects
        return try encoder.encode(Box(value: value))
    }

    /// Decodes one value written by `encode`.
    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data, objects: SharedObjects) throws -> Value {
        let decoder = PropertyListDecoder()
        decoder.userInfo[SharedObjects.userInfoKey] = objects
        return try decoder.decode(Box<Value>.self, from: data).value
    }

    /// The file's bytes.
    func encoded() throws -> Data {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return try encoder.encode(self)
    }

    /// Reads a file written by `encoded()`.
    ///
    /// - Throws: `DecodingError`, or `NotSavable` for a file of another format.
    init(contentsOf path: String) throws {
        self = try PropertyListDecoder().decode(CheckpointFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        guard format == Self.currentFormat else {
            throw NotSavable(description: "the checkpoint has format \(format); this runtime reads format \(Self.currentFormat)")
        }
    }

    init() {}
}

/// A value at the top of an encoding (a property list's top is a dictionary, not a number).
private struct Box<Value> {
    let value: Value
}

extension Box: Encodable where Value: Encodable {}
extension Box: Decodable where Value: Decodable {}
