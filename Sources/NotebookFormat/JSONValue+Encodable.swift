/// A JSON value inside a `Codable` type (the kernel's replies carry MIME bundles and
/// `language_info` as such values). Numbers are written as integers when they are whole as
/// written, else as doubles.
extension JSONValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(text):
            if let integer = Int(text) { try container.encode(integer) } else { try container.encode(Double(text) ?? .nan) }
        case let .string(text): try container.encode(text)
        case let .array(values): try container.encode(values)
        case let .object(members): try container.encode(members)
        }
    }
}
