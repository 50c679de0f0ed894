internal import Foundation
internal import TrainingKernels

/// A dense, row-major array of `Float` values with a shape.
///
/// Tensors are values: copying one is cheap, and the scalars are copied only when a copy
/// is mutated (copy-on-write, like `Array`). Rank 1 (`[n]`) and rank 2 (`[rows, columns]`)
/// cover everything the layers use; higher ranks can be stored and reshaped.
///
///     let x = Tensor([[1, 2, 3], [4, 5, 6]])   // shape [2, 3]
///     let b = Tensor([10, 20, 30])             // shape [3]
///     x + b                                    // the row is added to every row
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count` is the product of `shape`.
    public package(set) var scalars: [Float]

    /// Creates a tensor from a shape and its scalars in row-major order.
    ///
    /// - Throws: `NeuralError.scalarCountMismatch` when `scalars.count` is not the product of `shape`,
    ///   and `NeuralError.invalidShape` when a dimension is negative.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw NeuralError.invalidShape(shape) }
        guard shape.reduce(1, *) == scalars.count else {
            throw NeuralError.scalarCountMismatch(shape: shape, count: scalars.count)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor whose shape and scalar count are known to agree (internal fast path).
    init(uncheckedShape shape: [Int], scalars: [Float]) {
        assert(shape.reduce(1, *) == scalars.count, "shape \(shape) does not hold \(scalars.count) scalars")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of the given shape whose scalars are written by `body` (no zero-fill first).
    init(shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        self.shape = shape
        self.scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
    }

    /// Creates a rank-1 tensor.
    public init(_ scalars: [Float]) {
        self.init(uncheckedShape: [scalars.count], scalars: scalars)
    }

    /// Creates a rank-2 tensor from rows.
    ///
    /// - Precondition: every row has the same length (a ragged literal is a programming error).
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns },
                     "Tensor rows must all have \(columns) elements; got lengths \(rows.map(\.count))")
        self.init(uncheckedShape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Creates a rank-0 tensor holding one scalar.
    public init(scalar: Float) {
        self.init(uncheckedShape: [], scalars: [scalar])
    }

    /// Creates a tensor filled with one value.
    public init(repeating value: Float, shape: [Int]) {
        self.init(uncheckedShape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// Creates a tensor of zeros.
    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of scalars.
    public var count: Int { scalars.count }

    /// Whether every value is finite (no NaN, no infinity), in one vectorized pass: a check after
    /// every training step costs little.
    var allFinite: Bool {
        scalars.withUnsafeBufferPointer { training_all_finite(kernelVariantInForce, $0.baseAddress, $0.count) == 1 }
    }
    /// The first dimension (rows of a matrix, length of a vector); 1 for a scalar.
    public var rowCount: Int { shape.first ?? 1 }
    /// Scalars per row: the product of every dimension after the first.
    public var columnCount: Int { shape.dropFirst().reduce(1, *) }

    /// The only scalar of a one-element tensor, or nil.
    public var scalar: Float? { scalars.count == 1 ? scalars[0] : nil }

    /// The element at `row`, `column` of a rank-2 tensor.
    public subscript(row: Int, column: Int) -> Float {
        get { scalars[row * columnCount + column] }
        set { scalars[row * columnCount + column] = newValue }
    }

    /// The row at `index` of a rank-2 tensor as a rank-1 tensor (for rank 1, the one scalar).
    public subscript(index: Int) -> Tensor {
        let width = columnCount
        return Tensor(uncheckedShape: Array(shape.dropFirst()),
                      scalars: Array(scalars[index * width ..< (index + 1) * width]))
    }

    /// The same scalars with a new shape of equal size; one dimension may be `-1` (inferred).
    ///
    /// - Throws: `NeuralError.invalidReshape` when the sizes differ.
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        Tensor(uncheckedShape: try Self.resolved(newShape, from: shape), scalars: scalars)
    }

    /// `newShape` with its `-1` (if any) inferred, for the scalars of a tensor of `shape`.
    ///
    /// - Throws: `NeuralError.invalidReshape` when the sizes differ.
    static func resolved(_ newShape: [Int], from shape: [Int]) throws -> [Int] {
        let count = shape.reduce(1, *)
        var resolved = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            guard known > 0, count % known == 0 else { throw NeuralError.invalidReshape(from: shape, to: newShape) }
            resolved[inferred] = count / known
        }
        guard resolved.allSatisfy({ $0 >= 0 }), resolved.reduce(1, *) == count else {
            throw NeuralError.invalidReshape(from: shape, to: newShape)
        }
        return resolved
    }

    /// The tensor as a matrix: rank 2 unchanged, rank 1 becomes one column (`[n] -> [n, 1]`).
    var asMatrix: Tensor {
        rank == 2 ? self : Tensor(uncheckedShape: [rowCount, columnCount], scalars: scalars)
    }

    /// The rows at `indices`, in that order.
    public func gatheringRows(_ indices: some Collection<Int>) -> Tensor {
        let width = columnCount
        var newShape = shape
        if newShape.isEmpty { newShape = [1] }
        newShape[0] = indices.count
        return Tensor(shape: newShape) { out in
            scalars.withUnsafeBufferPointer { source in
                var offset = 0
                for row in indices {
                    precondition(row >= 0 && row < rowCount, "row \(row) out of range 0..<\(rowCount)")
                    out.baseAddress!.advanced(by: offset)
                        .update(from: source.baseAddress!.advanced(by: row * width), count: width)
                    offset += width
                }
            }
        }
    }

    /// The rows in `range`.
    public func rows(_ range: Range<Int>) -> Tensor {
        gatheringRows(range)
    }
}

extension Tensor: CustomStringConvertible {
    /// Nested brackets like NumPy, with the shape: `[[1.0, 2.0], [3.0, 4.0]] (shape [2, 2])`.
    public var description: String {
        let body: String
        switch rank {
        case 0: body = "\(scalars.first ?? 0)"
        case 1: body = "\(scalars)"
        default:
            let width = columnCount
            let rowTexts = (0..<rowCount).prefix(20).map { row in
                "\(Array(scalars[row * width ..< (row + 1) * width].prefix(20)))"
                    + (width > 20 ? " …" : "")
            }
            body = "[" + rowTexts.joined(separator: ",\n ") + (rowCount > 20 ? ",\n …" : "") + "]"
        }
        return "\(body) (shape \(shape))"
    }
}

extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey { case shape, scalars }

    /// Writes the shape, and the scalars as their bytes (compact and exact; checkpoints stay on one architecture).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encodeBytes(of: scalars, forKey: .scalars)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let scalars = try container.decodeBytes(of: Float.self, forKey: .scalars)
        do {
            try self.init(shape: shape, scalars: scalars)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .shape, in: container, debugDescription: "\(error)")
        }
    }
}
