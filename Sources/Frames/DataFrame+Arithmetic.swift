// Column-wise arithmetic, aligned by column name as in pandas: `(df - df.min()) / (df.max() - df.min())`.
// A numeric column without a matching value becomes NaN; text columns become NaN too.

extension DataFrame {
    /// Applies `op(value, operand(columnName))` to every numeric value; NaN where `operand` has no value.
    func mapNumeric(_ operand: (String) -> Double?, _ op: (Double, Double) -> Double) -> DataFrame {
        var copy = self
        copy.columns = zip(columnNames, columns).map { name, data in
            guard let values = data.numbers, let other = operand(name) else {
                return .numeric([Double](repeating: .nan, count: data.count))
            }
            return .numeric(values.map { op($0, other) })
        }
        return copy
    }

    public static func - (lhs: DataFrame, rhs: ColumnValues) -> DataFrame { lhs.mapNumeric({ rhs[$0] }, -) }
    public static func + (lhs: DataFrame, rhs: ColumnValues) -> DataFrame { lhs.mapNumeric({ rhs[$0] }, +) }
    public static func * (lhs: DataFrame, rhs: ColumnValues) -> DataFrame { lhs.mapNumeric({ rhs[$0] }, *) }
    public static func / (lhs: DataFrame, rhs: ColumnValues) -> DataFrame { lhs.mapNumeric({ rhs[$0] }, /) }
    public static func - (lhs: DataFrame, rhs: Double) -> DataFrame { lhs.mapNumeric({ _ in rhs }, -) }
    public static func + (lhs: DataFrame, rhs: Double) -> DataFrame { lhs.mapNumeric({ _ in rhs }, +) }
    public static func * (lhs: DataFrame, rhs: Double) -> DataFrame { lhs.mapNumeric({ _ in rhs }, *) }
    public static func / (lhs: DataFrame, rhs: Double) -> DataFrame { lhs.mapNumeric({ _ in rhs }, /) }
}
