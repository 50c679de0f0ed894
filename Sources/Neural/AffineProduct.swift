/// `input • kernel + bias` and its gradients over a batch of rows: the product at the heart of
/// `Dense`, and of `Conv2D`, whose rows are the images' windows. The products go through `gemm`.
enum AffineProduct {
    /// `input • kernel (+ bias on every row)`: `rows` rows of `depth` values, a kernel of `depth`
    /// rows and `units` columns; the result is `[rows, units]`.
    static func forward(_ input: Tensor, kernel: Tensor, bias: Tensor?, rows: Int, depth: Int, units: Int) -> Tensor {
        Tensor(shape: [rows, units]) { out in
            if let bias {
                bias.scalars.withUnsafeBufferPointer { b in
                    for row in 0..<rows { out.baseAddress!.advanced(by: row * units).update(from: b.baseAddress!, count: units) }
                }
            }
            gemm(input.scalars, transposeA: false, kernel.scalars, transposeB: false,
                 m: rows, n: units, k: depth, lda: depth, ldb: units, into: out, accumulate: bias != nil)
        }
    }

    /// The kernel's gradient `inputᵀ • delta`, in the kernel's `shape`.
    static func kernelGradient(input: Tensor, delta: Tensor, shape: [Int], rows: Int, depth: Int, units: Int) -> Tensor {
        Tensor(shape: shape) { out in
            gemm(input.scalars, transposeA: true, delta.scalars, transposeB: false,
                 m: depth, n: units, k: rows, lda: depth, ldb: units, into: out, accumulate: false)
        }
    }

    /// dLoss/dInput, `delta • kernelᵀ`: `[rows, depth]`.
    static func inputGradient(delta: Tensor, kernel: Tensor, rows: Int, depth: Int, units: Int) -> Tensor {
        Tensor(shape: [rows, depth]) { out in
            gemm(delta.scalars, transposeA: false, kernel.scalars, transposeB: true,
                 m: rows, n: depth, k: units, lda: units, ldb: units, into: out, accumulate: false)
        }
    }
}
