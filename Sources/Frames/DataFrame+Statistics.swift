extension DataFrame {
    /// The smallest value of each numeric column (NaN ignored). pandas: `df.min()`.
    public func min() -> ColumnValues { reduceNumericColumns { $0.min() ?? .nan } }

    /// The largest value of each numeric column (NaN ignored). pandas: `df.max()`.
    public func max() -> ColumnValues { reduceNumericColumns { $0.max() ?? .nan } }

    /// The sum of each numeric column (NaN ignored). pandas: `df.sum()`.
    public func sum() -> ColumnValues { reduceNumericColumns { $0.reduce(0, +) } }

    /// The mean of each numeric column (NaN ignored). pandas: `df.mean()`.
    public func mean() -> ColumnValues { reduceNumericColumns(meanValue(of:)) }

    /// The sample standard deviation (divisor `n - 1`) of each numeric column. pandas: `df.std()`.
    public func std() -> ColumnValues { reduceNumericColumns(standardDeviation(of:)) }

    /// Count, mean, standard deviation, minimum, quartiles and maximum of each numeric column.
    /// pandas: `df.describe()`.
    public func describe() -> FrameDescription {
        let numeric = zip(columnNames, columns).compactMap { name, data in data.numbers.map { (name, $0.filter { !$0.isNaN }) } }
        let rows: [[Double]] = [
            numeric.map { Double($0.1.count) },
            numeric.map { meanValue(of: $0.1) },
            numeric.map { standardDeviation(of: $0.1) },
            numeric.map { $0.1.min() ?? .nan },
            numeric.map { quantile($0.1, 0.25) },
            numeric.map { quantile($0.1, 0.5) },
            numeric.map { quantile($0.1, 0.75) },
            numeric.map { $0.1.max() ?? .nan },
        ]
        return FrameDescription(columnNames: numeric.map(\.0), values: rows)
    }

    private func reduceNumericColumns(_ reduce: ([Double]) -> Double) -> ColumnValues {
        let numeric = zip(columnNames, columns).compactMap { name, data in data.numbers.map { (name, $0) } }
        return ColumnValues(names: numeric.map(\.0), values: numeric.map { reduce($0.1.filter { !$0.isNaN }) })
    }
}

private func meanValue(of values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
}

private func standardDeviation(of values: [Double]) -> Double {
    guard values.count > 1 else { return .nan }
    let average = meanValue(of: values)
    return (values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(values.count - 1)).squareRoot()
}

/// The `q` quantile with linear interpolation between order statistics (pandas' default).
private func quantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
}

/// The table `describe()` returns: one row per statistic, one column per numeric column.
public struct FrameDescription: Sendable, Equatable {
    /// The row labels: `count mean std min 25% 50% 75% max`.
    public static let statistics = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    /// The described columns.
    public let columnNames: [String]
    /// `values[statistic][column]`.
    public let values: [[Double]]

    /// The value of a statistic (`"mean"`, `"50%"`, ...) for a column, or nil.
    public subscript(statistic: String, column: String) -> Double? {
        guard let row = Self.statistics.firstIndex(of: statistic), let column = columnNames.firstIndex(of: column) else {
            return nil
        }
        return values[row][column]
    }
}
