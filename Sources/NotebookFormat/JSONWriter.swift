/// Writes a `JSONValue` as text, byte for byte as Python's `json.dumps(value, sort_keys=True,
/// indent=1, ensure_ascii=False)` does, which is how Jupyter writes notebooks; or compactly.
public enum JSONWriter {
    /// Jupyter's layout: one-space indent, keys sorted by code point, non-ASCII text as is.
    public static func notebookText(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, indent: 0, pretty: true, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The value on one line (`{"a": 1, "b": [true, null]}`), keys sorted.
    public static func compactText(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, indent: 0, pretty: false, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into output: inout [UInt8]) {
        switch value {
        case .null: output += Array("null".utf8)
        case let .bool(flag): output += Array((flag ? "true" : "false").utf8)
        case let .number(text): output += Array(text.utf8)
        case let .string(text): writeString(text, into: &output)
        case let .array(elements):
            guard !elements.isEmpty else { output += Array("[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                separator(first: index == 0, indent: indent + 1, pretty: pretty, into: &output)
                write(element, indent: indent + 1, pretty: pretty, into: &output)
            }
            close(UInt8(ascii: "]"), indent: indent, pretty: pretty, into: &output)
        case let .object(members):
            guard !members.isEmpty else { output += Array("{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, key) in sortedKeys(members).enumerated() {
                separator(first: index == 0, indent: indent + 1, pretty: pretty, into: &output)
                writeString(key, into: &output)
                output += [UInt8(ascii: ":"), UInt8(ascii: " ")]
                write(members[key]!, indent: indent + 1, pretty: pretty, into: &output)
            }
            close(UInt8(ascii: "}"), indent: indent, pretty: pretty, into: &output)
        }
    }

    private static func separator(first: Bool, indent: Int, pretty: Bool, into output: inout [UInt8]) {
        if !first { output.append(UInt8(ascii: ",")) }
        if pretty {
            output.append(UInt8(ascii: "\n"))
            output += repeatElement(UInt8(ascii: " "), count: indent)
        } else if !first {
            output.append(UInt8(ascii: " "))
        }
    }

    private static func close(_ bracket: UInt8, indent: Int, pretty: Bool, into output: inout [UInt8]) {
        if pretty {
            output.append(UInt8(ascii: "\n"))
            output += repeatElement(UInt8(ascii: " "), count: indent)
        }
        output.append(bracket)
    }

    /// Keys in code-point order (Python's order for `str`), not Swift's `String` order.
    static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// The string in quotes: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`
    /// escapes, everything else (non-ASCII included) as it is.
    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
