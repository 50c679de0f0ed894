/// A JSON value as a notebook file holds it. Numbers keep the text they were written with, so a
/// notebook read and written again keeps `1.0` as `1.0` and `1e-05` as `1e-05`.
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    /// A number, as written (`3`, `-0.5`, `1e-05`).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object; its keys are written sorted, as Jupyter writes them.
    case object([String: JSONValue])

    /// An integer number.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The string, if this is one.
    public var stringValue: String? { if case let .string(text) = self { text } else { nil } }
    /// The integer, if this is a number written as one.
    public var intValue: Int? { if case let .number(text) = self { Int(text) } else { nil } }
    /// The Boolean, if this is one.
    public var boolValue: Bool? { if case let .bool(value) = self { value } else { nil } }
    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? { if case let .array(values) = self { values } else { nil } }
    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? { if case let .object(members) = self { members } else { nil } }

    /// The member `key` of an object (nil for other values).
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The JSON type's name, for error messages: `a string`, `an array`.
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a Boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
                     ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    public init(nilLiteral: ()) { self = .null }
}
