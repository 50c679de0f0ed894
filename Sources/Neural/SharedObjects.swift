internal import Foundation

/// Keeps objects that several values refer to shared when those values are encoded one by one
/// and decoded again: the first encoding of an object carries its contents under a number, later
/// ones only the number, and decoding gives every holder of the number the same object.
///
/// A notebook checkpoint encodes each of a session's values separately with one table in the
/// encoder's `userInfo` (under `userInfoKey`), so a model held under two names, and an optimizer's
/// state for a model's parameters, come back as one object each. Decode in the order of encoding.
public final class SharedObjects {
    /// Where encoders and decoders of the runtime's reference types look for the table.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "SwiftNotebooks.SharedObjects")!

    private var numbers: [ObjectIdentifier: Int] = [:]
    /// The objects by number; holding them keeps their identifiers unique while the table lives.
    private var objects: [Int: AnyObject] = [:]
    private var nextNumber = 0

    public init() {}

    /// How far the table has grown, to go back to if an encoding that added to it fails.
    public var mark: Int { nextNumber }

    /// Forgets the objects numbered since `mark` (their encoding was thrown away).
    public func rollBack(to mark: Int) {
        for number in mark..<nextNumber {
            if let object = objects.removeValue(forKey: number) { numbers[ObjectIdentifier(object)] = nil }
        }
        nextNumber = mark
    }

    /// The number of an object encoded or decoded before, if any.
    public func number(of object: AnyObject) -> Int? { numbers[ObjectIdentifier(object)] }

    /// Numbers an object about to be encoded (before its contents, which may number others).
    public func add(_ object: AnyObject) -> Int {
        defer { nextNumber += 1 }
        register(object, as: nextNumber)
        return nextNumber
    }

    /// Files a decoded object under the number it was written with.
    public func register(_ object: AnyObject, as number: Int) {
        numbers[ObjectIdentifier(object)] = number
        objects[number] = object
    }

    /// The object decoded under `number`, if any.
    public func object(_ number: Int) -> AnyObject? { objects[number] }
}

/// How a shared object is written: its number, and its contents the first time (with the name of
/// its type where the holder's type does not say it).
enum SharedObjectKey: String, CodingKey { case object, type, contents }

extension KeyedEncodingContainer {
    /// Encodes `object` at `key`, as a reference when the encoder's `SharedObjects` has seen it.
    /// `typeName` is written for holders that decode one of several types (`any Layer`).
    mutating func encodeShared(_ object: some AnyObject & Encodable, typeName: String? = nil, forKey key: Key, in encoder: any Encoder) throws {
        var container = nestedContainer(keyedBy: SharedObjectKey.self, forKey: key)
        let table = encoder.userInfo[SharedObjects.userInfoKey] as? SharedObjects
        if let table, let number = table.number(of: object) {
            try container.encode(number, forKey: .object)
            return
        }
        try container.encode(table?.add(object) ?? -1, forKey: .object)
        try container.encodeIfPresent(typeName, forKey: .type)
        try container.encode(object, forKey: .contents)
    }

    /// Encodes shared objects in order (see `encodeShared(_:typeName:forKey:in:)`).
    mutating func encodeShared(_ objects: [some AnyObject & Encodable], forKey key: Key, in encoder: any Encoder) throws {
        var list = nestedUnkeyedContainer(forKey: key)
        for object in objects {
            var element = list.nestedContainer(keyedBy: SingleKey.self)
            try element.encodeShared(object, forKey: .value, in: encoder)
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes an object written by `encodeShared`: the same object for every holder of its number.
    /// `decodeContents` reads its contents, given the type name that was written with them.
    func decodeShared<Object: AnyObject>(_ type: Object.Type, forKey key: Key, in decoder: any Decoder,
                                         contents decodeContents: (KeyedDecodingContainer<SharedObjectKey>, String?) throws -> Object) throws -> Object {
        let container = try nestedContainer(keyedBy: SharedObjectKey.self, forKey: key)
        let number = try container.decode(Int.self, forKey: .object)
        let table = decoder.userInfo[SharedObjects.userInfoKey] as? SharedObjects
        if let table, let known = table.object(number) {
            guard let object = known as? Object else {
                throw DecodingError.dataCorruptedError(forKey: .object, in: container,
                                                       debugDescription: "object \(number) is a \(Swift.type(of: known)), not a \(Object.self)")
            }
            return object
        }
        let object = try decodeContents(container, try container.decodeIfPresent(String.self, forKey: .type))
        table?.register(object, as: number)
        return object
    }

    /// Decodes an object of a known type written by `encodeShared`.
    func decodeShared<Object: AnyObject & Decodable>(_ type: Object.Type, forKey key: Key, in decoder: any Decoder) throws -> Object {
        try decodeShared(type, forKey: key, in: decoder) { container, _ in try container.decode(Object.self, forKey: .contents) }
    }

    /// Decodes shared objects written in order by `encodeShared(_:forKey:in:)`.
    func decodeSharedArray<Object: AnyObject & Decodable>(_ type: Object.Type, forKey key: Key, in decoder: any Decoder) throws -> [Object] {
        var list = try nestedUnkeyedContainer(forKey: key)
        var objects: [Object] = []
        while !list.isAtEnd {
            objects.append(try list.nestedContainer(keyedBy: SingleKey.self).decodeShared(Object.self, forKey: .value, in: decoder))
        }
        return objects
    }
}

/// The one key of a wrapper around a shared object in a list.
enum SingleKey: String, CodingKey { case value }

/// Values of several possible types (a model's layers, its optimizer), written with their
/// type's qualified name (`Neural.Dense`, or `Cell3.Scaling` for a cell's own `Codable` layer) and
/// read back as that type: every `Codable` type works, the runtime's and the cells' (whose modules
/// are loaded before a checkpoint is read).
enum QualifiedType {
    /// The name `value` is written under, or nil when its type is not `Codable`.
    static func name(of value: Any) -> String? {
        guard value is any Encodable, type(of: value) is any Decodable.Type else { return nil }
        return _typeName(type(of: value), qualified: true)
    }

    /// Decodes the contents written for a value of type `name`, as a `Base`.
    static func decode<Base>(_ name: String?, as base: Base.Type, from container: KeyedDecodingContainer<SharedObjectKey>) throws -> Base {
        guard let name, let type = _typeByName(name) as? any Decodable.Type else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container,
                                                   debugDescription: "no loaded Decodable type is named \(name ?? "nil")")
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> Any { try container.decode(T.self, forKey: .contents) }
        guard let value = try decode(type) as? Base else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "\(name) is not a \(Base.self)")
        }
        return value
    }
}

/// Thrown when a value holds something that cannot be saved (a layer or optimizer whose type is not `Codable`).
public struct NotSavable: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}
