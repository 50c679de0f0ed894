extension Tensor {
    /// The sum of all scalars (accumulated in `Double`, in order, so it is deterministic).
    public func sum() -> Float {
        Float(scalars.reduce(0.0) { $0 + Double($1) })
    }

    /// The mean of all scalars; NaN for an empty tensor.
    public func mean() -> Float {
        count == 0 ? .nan : Float(scalars.reduce(0.0) { $0 + Double($1) } / Double(count))
    }

    /// The largest scalar; nil when empty.
    public func max() -> Float? { scalars.max() }
    /// The smallest scalar; nil when empty.
    public func min() -> Float? { scalars.min() }

    /// Column sums of a matrix (`axis: 0`, shape `[columns]`) or row sums (`axis: 1`, shape `[rows]`).
    public func sum(alongAxis axis: Int) -> Tensor {
        reduceMatrix(alongAxis: axis) { $0 }
    }

    /// Column means (`axis: 0`) or row means (`axis: 1`) of a matrix.
    public func mean(alongAxis axis: Int) -> Tensor {
        let length = Float(axis == 0 ? rowCount : columnCount)
        return reduceMatrix(alongAxis: axis) { $0 / length }
    }

    /// The column index of the largest scalar in each row of a matrix (first wins on ties).
    public func argmaxRows() -> [Int] {
        let width = columnCount
        return (0..<rowCount).map { row in
            var best = 0
            for column in 1..<Swift.max(width, 1) where scalars[row * width + column] > scalars[row * width + best] {
                best = column
            }
            return best
        }
    }

    private func reduceMatrix(alongAxis axis: Int, finish: (Float) -> Float) -> Tensor {
        precondition(axis == 0 || axis == 1, "axis must be 0 (down the rows) or 1 (along each row), got \(axis)")
        let rows = rowCount, width = columnCount
        var sums = [Double](repeating: 0, count: axis == 0 ? width : rows)
        scalars.withUnsafeBufferPointer { s in
            for row in 0..<rows {
                for column in 0..<width {
                    sums[axis == 0 ? column : row] += Double(s[row * width + column])
                }
            }
        }
        return Tensor(sums.map { finish(Float($0)) })
    }
}
