/// One output of a code cell, as nbformat 4 stores it.
public enum NotebookOutput: Sendable, Equatable {
    /// Text on `stdout` or `stderr`.
    case stream(name: String, text: String)
    /// A display; `data` maps MIME types to their content (text for `text/*`, images and most
    /// others, JSON for `application/json` and `*+json`).
    case displayData(data: [String: JSONValue], metadata: [String: JSONValue])
    /// The value of the cell's last expression.
    case executeResult(executionCount: Int?, data: [String: JSONValue], metadata: [String: JSONValue])
    /// An error: its name, message and traceback lines.
    case error(name: String, value: String, traceback: [String])
    /// An output of a type this version does not know, kept as it was.
    case other(JSONValue)

    /// The MIME data of a display or result (empty for other outputs).
    public var data: [String: JSONValue] {
        switch self {
        case let .displayData(data, _), let .executeResult(_, data, _): data
        default: [:]
        }
    }

    // MARK: - JSON

    /// Reads an output object; `where` names it in errors (`cell 3, output 2`).
    public init(json: JSONValue, where place: String) throws(NotebookError) {
        guard case let .object(members) = json else { throw .invalid("\(place) is \(json.typeDescription), not an object") }
        func string(_ key: String) throws(NotebookError) -> String {
            guard let value = members[key]?.multilineText else { throw .invalid("\(place) has no text \"\(key)\"") }
            return value
        }
        func object(_ key: String) -> [String: JSONValue] { members[key]?.objectValue ?? [:] }
        switch members["output_type"]?.stringValue {
        case "stream":
            self = .stream(name: try string("name"), text: try string("text"))
        case "display_data":
            self = .displayData(data: Self.joined(object("data")), metadata: object("metadata"))
        case "execute_result":
            self = .executeResult(executionCount: members["execution_count"]?.intValue,
                                  data: Self.joined(object("data")), metadata: object("metadata"))
        case "error":
            let traceback = members["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
            self = .error(name: try string("ename"), value: try string("evalue"), traceback: traceback)
        case nil:
            throw .invalid("\(place) has no output_type")
        default:
            self = .other(json)
        }
    }

    /// The output as nbformat writes it: multi-line text as lists of lines.
    public var json: JSONValue {
        switch self {
        case let .stream(name, text):
            ["output_type": "stream", "name": .string(name), "text": .lines(text)]
        case let .displayData(data, metadata):
            ["output_type": "display_data", "data": .object(Self.split(data)), "metadata": .object(metadata)]
        case let .executeResult(count, data, metadata):
            ["output_type": "execute_result", "execution_count": count.map(JSONValue.integer) ?? .null,
             "data": .object(Self.split(data)), "metadata": .object(metadata)]
        case let .error(name, value, traceback):
            ["output_type": "error", "ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map(JSONValue.string))]
        case let .other(json):
            json
        }
    }

    /// Whether a MIME type's content is JSON, left as it is (nbformat's `_is_json_mime`).
    static func isJSONMIME(_ type: String) -> Bool {
        type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// Lists of lines joined into text, as nbformat reads a bundle.
    static func joined(_ data: [String: JSONValue]) -> [String: JSONValue] {
        data.reduce(into: [:]) { result, entry in
            result[entry.key] = !isJSONMIME(entry.key) ? entry.value.multilineText.map(JSONValue.string) ?? entry.value : entry.value
        }
    }

    /// Text split into lines where nbformat writes it so: `text/*`, SVG and JavaScript.
    static func split(_ data: [String: JSONValue]) -> [String: JSONValue] {
        data.reduce(into: [:]) { result, entry in
            let splits = entry.key.hasPrefix("text/") || entry.key == "image/svg+xml" || entry.key == "application/javascript"
            if splits, case let .string(text) = entry.value { result[entry.key] = .lines(text) } else { result[entry.key] = entry.value }
        }
    }
}

extension JSONValue {
    /// Text as nbformat writes it: the lines of `text` with their line breaks, as Python's
    /// `str.splitlines(True)` splits them.
    static func lines(_ text: String) -> JSONValue {
        .array(splitLinesKeepingEnds(text).map(JSONValue.string))
    }

    /// A string, or a list of strings joined (nbformat accepts both for multi-line text).
    public var multilineText: String? {
        switch self {
        case let .string(text): text
        case let .array(parts):
            parts.allSatisfy { $0.stringValue != nil } ? parts.compactMap(\.stringValue).joined() : nil
        default: nil
        }
    }
}

/// Python's `str.splitlines(keepends=True)`: breaks at `\n`, `\r\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`,
/// `\x85`, U+2028 and U+2029, each line keeping its break.
func splitLinesKeepingEnds(_ text: String) -> [String] {
    var lines: [String] = []
    var line = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
        pending = scalars.next()
        line.append(scalar)
        switch scalar.value {
        case 0x0D:
            if pending == "\n" { line.append("\n"); pending = scalars.next() }
            fallthrough
        case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
            lines.append(String(line))
            line = String.UnicodeScalarView()
        default:
            break
        }
    }
    if !line.isEmpty { lines.append(String(line)) }
    return lines
}
