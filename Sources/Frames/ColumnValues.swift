/// One number per column, keyed by column name: what `min()`, `max()`, `mean()` and `std()` of a
/// frame return (a pandas Series indexed by column names).
///
/// Arithmetic aligns by name, so `(train - lo) / (hi - lo)` scales every column by its own range.
public struct ColumnValues: Sendable, Equatable {
    /// The column names, in order.
    public let names: [String]
    /// The values, in the order of `names`.
    public let values: [Double]

    /// Creates a set of per-column values.
    public init(names: [String], values: [Double]) {
        precondition(names.count == values.count, "ColumnValues needs one value per name")
        self.names = names
        self.values = values
    }

    /// The value for column `name`, or nil.
    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// Combines two sets by name; a name missing on either side gives NaN (pandas alignment).
    static func combine(_ lhs: ColumnValues, _ rhs: ColumnValues, _ op: (Double, Double) -> Double) -> ColumnValues {
        let names = lhs.names + rhs.names.filter { !lhs.names.contains($0) }
        return ColumnValues(names: names, values: names.map { name in
            guard let a = lhs[name], let b = rhs[name] else { return .nan }
            return op(a, b)
        })
    }

    public static func + (lhs: ColumnValues, rhs: ColumnValues) -> ColumnValues { combine(lhs, rhs, +) }
    public static func - (lhs: ColumnValues, rhs: ColumnValues) -> ColumnValues { combine(lhs, rhs, -) }
    public static func * (lhs: ColumnValues, rhs: ColumnValues) -> ColumnValues { combine(lhs, rhs, *) }
    public static func / (lhs: ColumnValues, rhs: ColumnValues) -> ColumnValues { combine(lhs, rhs, /) }
}

extension ColumnValues: CustomStringConvertible {
    /// One `name  value` line per column, names padded to line the values up.
    public var description: String {
        let width = names.map(\.count).max() ?? 0
        return zip(names, values).map { name, value in
            name + String(repeating: " ", count: width - name.count + 2) + formatNumber(value)
        }.joined(separator: "\n")
    }
}
