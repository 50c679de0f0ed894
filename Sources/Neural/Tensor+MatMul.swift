internal import BLAS

extension Tensor {
    /// The transpose of a matrix (a rank-1 tensor is treated as one column).
    public func transposed() -> Tensor {
        let m = asMatrix
        let rows = m.rowCount, columns = m.columnCount
        return Tensor(shape: [columns, rows]) { out in
            m.scalars.withUnsafeBufferPointer { s in
                for r in 0..<rows {
                    for c in 0..<columns { out[c * rows + r] = s[r * columns + c] }
                }
            }
        }
    }
}

/// The matrix product `a • b` computed by OpenBLAS `sgemm`.
///
/// Rank-1 operands are treated as a single column. Traps when the inner dimensions differ;
/// layers check shapes first and throw `NeuralError.shapeMismatch` instead.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    matmul(a, transposeA: false, b, transposeB: false)
}

/// `op(a) • op(b)`, where `op` transposes when asked, without materialising the transpose.
///
/// `matmul(x, transposeA: true, delta, transposeB: false)` is `xᵀ • delta`, the kernel gradient of a dense layer.
public func matmul(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool) -> Tensor {
    let a = a.asMatrix, b = b.asMatrix
    let m = transposeA ? a.columnCount : a.rowCount
    let k = transposeA ? a.rowCount : a.columnCount
    let kb = transposeB ? b.columnCount : b.rowCount
    let n = transposeB ? b.rowCount : b.columnCount
    precondition(k == kb, "matmul: inner dimensions differ: \(a.shape) and \(b.shape)")
    return Tensor(shape: [m, n]) { out in
        gemm(a.scalars, transposeA: transposeA, b.scalars, transposeB: transposeB,
             m: m, n: n, k: k, lda: a.columnCount, ldb: b.columnCount, into: out, accumulate: false)
    }
}

/// `out = op(a) • op(b)` (or `out += …` when `accumulate`), all row-major.
func gemm(_ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>, transposeB: Bool,
          m: Int, n: Int, k: Int, lda: Int, ldb: Int,
          into out: UnsafeMutableBufferPointer<Float>, accumulate: Bool) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
        if !accumulate { out.update(repeating: 0) }
        return
    }
    OpenBLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                   a: a.baseAddress, lda: Swift.max(lda, 1), b: b.baseAddress, ldb: Swift.max(ldb, 1),
                   beta: accumulate ? 1 : 0, c: out.baseAddress, ldc: n)
}

func gemm(_ a: [Float], transposeA: Bool, _ b: [Float], transposeB: Bool,
          m: Int, n: Int, k: Int, lda: Int, ldb: Int,
          into out: UnsafeMutableBufferPointer<Float>, accumulate: Bool) {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            gemm(a, transposeA: transposeA, b, transposeB: transposeB,
                 m: m, n: n, k: k, lda: lda, ldb: ldb, into: out, accumulate: accumulate)
        }
    }
}
