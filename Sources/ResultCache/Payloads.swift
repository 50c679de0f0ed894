import Foundation
import NotebookFormat

/// Large output values (SVG charts, images, HTML tables) are stored once, in the `payload` table,
/// keyed by their digest; a cell's outputs refer to them by a marker object in place of the
/// text (`{"nbrun-payload": "<sha256>"}`), which no real text value can be.
enum Payloads {
    /// Values at least this long (in UTF-8 bytes) are stored apart.
    static let threshold = 2048
    static let marker = "nbrun-payload"

    /// The outputs' JSON with large text values replaced by references, and those values by digest.
    static func externalize(_ outputs: [NotebookOutput]) -> (json: String, payloads: [String: Data]) {
        var payloads: [String: Data] = [:]
        let stored = outputs.map { output -> JSONValue in
            func replaced(_ data: [String: JSONValue]) -> [String: JSONValue] {
                data.mapValues { value in
                    guard case let .string(text) = value, text.utf8.count >= threshold else { return value }
                    let bytes = Data(text.utf8)
                    let hash = CacheKey.digest(bytes).hex
                    payloads[hash] = bytes
                    return [marker: .string(hash)]
                }
            }
            switch output {
            case let .displayData(data, metadata): return NotebookOutput.displayData(data: replaced(data), metadata: metadata).json
            case let .executeResult(count, data, metadata):
                return NotebookOutput.executeResult(executionCount: count, data: replaced(data), metadata: metadata).json
            default: return output.json
            }
        }
        return (JSONWriter.compactText(.array(stored)), payloads)
    }

    /// The outputs back from stored JSON, references resolved by `payload`.
    ///
    /// - Throws: `CacheError.damaged` when the JSON cannot be read or a payload is missing.
    static func internalize(_ json: String, payload: (String) throws -> Data?) throws -> [NotebookOutput] {
        let parsed: JSONValue
        do { parsed = try JSONReader.parse(json) } catch { throw CacheError.damaged("a cell's outputs are not JSON: \(error)") }
        guard case let .array(items) = parsed else { throw CacheError.damaged("a cell's outputs are not a JSON array") }
        return try items.map { item in
            guard case var .object(members) = item else { throw CacheError.damaged("a cell's output is not an object") }
            if case let .object(data)? = members["data"] {
                members["data"] = .object(try data.mapValues { value in
                    guard case let .object(reference) = value, reference.count == 1,
                          let hash = reference[marker]?.stringValue else { return value }
                    guard let bytes = try payload(hash) else { throw CacheError.damaged("payload \(hash) is missing") }
                    return .string(String(decoding: bytes, as: UTF8.self))
                })
            }
            return try NotebookOutput(json: .object(members), where: "a cached output")
        }
    }
}
