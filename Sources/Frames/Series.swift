import Neural

/// One column of a `DataFrame` with its row index: `redWine["quality"]`.
public struct Series: Sendable, Equatable {
    /// The column's name.
    public let name: String
    /// The values.
    public let data: ColumnData
    /// The row labels, as in the frame.
    public let index: [Int]
    let sourceName: String
    let sourceLines: [Int]?

    /// The number of values.
    public var count: Int { data.count }

    /// The values as numbers.
    ///
    /// - Throws: `FrameError.nonNumeric` naming the first value that is not a number, with its line.
    public func numbers() throws -> [Double] {
        switch data {
        case let .numeric(values):
            return values
        case let .text(values):
            return try values.enumerated().map { position, text in
                guard let text else { return .nan }
                guard let number = Double(text) else {
                    throw FrameError.nonNumeric(source: sourceName, line: sourceLines?[position], column: name, value: text)
                }
                return number
            }
        }
    }

    /// The values as a rank-1 `Float` tensor of shape `[count]`.
    ///
    /// - Throws: `FrameError.nonNumeric` for a text value.
    public func tensor() throws -> Tensor {
        Tensor(try numbers().map(Float.init))
    }

    /// The mean of the present values (NaN ignored, like pandas).
    public func mean() throws -> Double {
        let present = try numbers().filter { !$0.isNaN }
        return present.isEmpty ? .nan : present.reduce(0, +) / Double(present.count)
    }
}

extension Series: Codable {}
