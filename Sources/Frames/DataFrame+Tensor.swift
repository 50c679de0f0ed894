import Neural

extension DataFrame {
    /// The frame as a `Float` tensor of shape `[rows, columns]`, columns in order.
    ///
    ///     let xTrain = try train.dropping(columns: ["quality"]).tensor()   // [1119, 11]
    ///
    /// - Throws: `FrameError.nonNumeric` naming the file, line, column and value of the first text
    ///   value; missing numbers become NaN.
    public func tensor() throws -> Tensor {
        let numericColumns = try columnNames.indices.map { try self[columnNames[$0]].numbers() }
        let rows = rowCount, width = numericColumns.count
        var scalars = [Float](repeating: 0, count: rows * width)
        for (column, values) in numericColumns.enumerated() {
            for row in 0..<rows { scalars[row * width + column] = Float(values[row]) }
        }
        return try Tensor(shape: [rows, width], scalars: scalars)
    }
}
