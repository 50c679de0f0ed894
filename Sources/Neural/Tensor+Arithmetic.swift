// Elementwise arithmetic. Shapes combine NumPy-style for the cases the DSL needs:
// equal shapes, a scalar with anything, and a row (shape [m] or [1, m]) with every row of [n, m].

extension Tensor {
    /// The shape that `self op other` produces, or nil when the shapes do not combine.
    func broadcastShape(with other: Tensor) -> [Int]? {
        if shape == other.shape { return shape }
        if other.count == 1 { return shape }
        if count == 1 { return other.shape }
        if rank == 2, other.isRow(ofWidth: columnCount) { return shape }
        if other.rank == 2, isRow(ofWidth: other.columnCount) { return other.shape }
        return nil
    }

    /// Whether this is one row of `width` scalars: shape `[width]` or `[1, width]`.
    func isRow(ofWidth width: Int) -> Bool {
        count == width && (rank == 1 || (rank == 2 && rowCount == 1))
    }

    /// Applies `op` pairwise with broadcasting; traps on shapes that do not combine, naming both.
    static func combine(_ lhs: Tensor, _ rhs: Tensor, _ symbol: String,
                        _ op: (Float, Float) -> Float) -> Tensor {
        guard let resultShape = lhs.broadcastShape(with: rhs) else {
            preconditionFailure("Shapes \(lhs.shape) and \(rhs.shape) cannot be combined with '\(symbol)'")
        }
        let count = resultShape.reduce(1, *)
        let lhsPeriod = lhs.count, rhsPeriod = rhs.count
        return Tensor(shape: resultShape) { out in
            lhs.scalars.withUnsafeBufferPointer { a in
                rhs.scalars.withUnsafeBufferPointer { b in
                    if lhsPeriod == count && rhsPeriod == count {
                        for i in 0..<count { out[i] = op(a[i], b[i]) }
                    } else if rhsPeriod == 1 {
                        let s = b[0]
                        for i in 0..<count { out[i] = op(a[i], s) }
                    } else if lhsPeriod == 1 {
                        let s = a[0]
                        for i in 0..<count { out[i] = op(s, b[i]) }
                    } else {
                        for i in 0..<count { out[i] = op(a[i % lhsPeriod], b[i % rhsPeriod]) }
                    }
                }
            }
        }
    }

    /// Applies `transform` to every scalar.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(uncheckedShape: shape, scalars: scalars.map(transform))
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { combine(lhs, rhs, "+", +) }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { combine(lhs, rhs, "-", -) }
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { combine(lhs, rhs, "*", *) }
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { combine(lhs, rhs, "/", /) }

    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 + rhs } }
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 - rhs } }
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 * rhs } }
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 / rhs } }
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    public static func / (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }
    public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }

    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }

    /// True when both tensors have the same shape and every pair of scalars differs by at most
    /// `tolerance` (absolute) or `tolerance` relative to the larger magnitude.
    public func isClose(to other: Tensor, tolerance: Float = 1e-5) -> Bool {
        guard shape == other.shape else { return false }
        return zip(scalars, other.scalars).allSatisfy { a, b in
            abs(a - b) <= tolerance * Swift.max(1, abs(a), abs(b))
        }
    }
}
