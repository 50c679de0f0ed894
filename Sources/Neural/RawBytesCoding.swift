internal import Foundation

// Arrays of numbers written as their bytes in memory: exact (NaN and signed zeros included),
// compact, and fast to read back. Such values move only between machines of one byte order (as
// notebook checkpoints and nbrun's cache do). Tensors and data-frame columns are coded so.

extension KeyedEncodingContainer {
    /// Encodes `values` as their bytes.
    package mutating func encodeBytes<Number: BitwiseCopyable>(of values: [Number], forKey key: Key) throws {
        try encode(values.withUnsafeBufferPointer { Data(buffer: $0) }, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Decodes numbers written by `encodeBytes(of:forKey:)`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the bytes are not a whole number of values.
    package func decodeBytes<Number: BitwiseCopyable>(of type: Number.Type, forKey key: Key) throws -> [Number] {
        let bytes = try decode(Data.self, forKey: key)
        let size = MemoryLayout<Number>.stride
        guard bytes.count % size == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(bytes.count) bytes are not whole \(Number.self)s")
        }
        return [Number](unsafeUninitializedCapacity: bytes.count / size) { buffer, count in
            count = bytes.copyBytes(to: buffer) / size
        }
    }
}
