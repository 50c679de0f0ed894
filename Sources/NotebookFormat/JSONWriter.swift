/// Writes a `JSONValue` as text, byte for byte as Python's `json.dumps(value, sort_keys=True,
/// indent=1, ensure_ascii=False)` does, which is how Jupyter writes notebooks; or compactly.
public enum JSONWriter {
    /// Jupyter's layout: one-space indent, keys sorted by code point, non-ASCII text as is.
    public static func notebookText(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, pretty: true, into: &output)
        return output
    }

    /// The value on one line (`{"a": 1, "b": [true, null]}`), keys sorted.
    public static func compactText(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, pretty: false, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into output: inout String) {
        switch value {
        case .null: output += "null"
        case let .bool(flag): output += flag ? "true" : "false"
        case let .number(text): output += text
        case let .string(text): writeString(text, into: &output)
        case let .array(elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                output += separator(first: index == 0, indent: indent + 1, pretty: pretty)
                write(element, indent: indent + 1, pretty: pretty, into: &output)
            }
            output += pretty ? "\n" + String(repeating: " ", count: indent) + "]" : "]"
        case let .object(members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, key) in sortedKeys(members).enumerated() {
                output += separator(first: index == 0, indent: indent + 1, pretty: pretty)
                writeString(key, into: &output)
                output += ": "
                write(members[key]!, indent: indent + 1, pretty: pretty, into: &output)
            }
            output += pretty ? "\n" + String(repeating: " ", count: indent) + "}" : "}"
        }
    }

    private static func separator(first: Bool, indent: Int, pretty: Bool) -> String {
        if pretty { return (first ? "" : ",") + "\n" + String(repeating: " ", count: indent) }
        return first ? "" : ", "
    }

    /// Keys in code-point order (Python's order for `str`), not Swift's `String` order.
    static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
