internal import BLAS
internal import TrainingKernels

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

/// The matrix product `a • b`, the same bits on every CPU (see `NumericKernels`).
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
///
/// With the default `NumericKernels` each output is one chain of fused multiply-adds over k in
/// order (see `gemm_kernels.h`): the same bits for every variant and thread count.
func gemm(_ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>, transposeB: Bool,
          m: Int, n: Int, k: Int, lda: Int, ldb: Int,
          into out: UnsafeMutableBufferPointer<Float>, accumulate: Bool) {
    guard m > 0, n > 0 else { return }
    let kernels = NumericKernels.current
    if kernels.matrixProducts == .openBLAS {
        guard k > 0 else {
            if !accumulate { out.update(repeating: 0) }
            return
        }
        OpenBLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                       a: a.baseAddress, lda: Swift.max(lda, 1), b: b.baseAddress, ldb: Swift.max(ldb, 1),
                       beta: accumulate ? 1 : 0, c: out.baseAddress, ldc: n)
        return
    }
    var problem = gemm_problem(transpose_a: transposeA ? 1 : 0, transpose_b: transposeB ? 1 : 0, accumulate: accumulate ? 1 : 0,
                               m: m, n: n, k: k, a: a.baseAddress, lda: lda, b: b.baseAddress, ldb: ldb,
                               c: out.baseAddress, ldc: n)
    let variant = kernels.variant.code
    let plan = gemm_make_plan(variant, &problem)
    // A product in one part (a small one, the perceptron's) builds no split: the whole of c.
    let split = GEMMSplit.isWorthSplitting(multiplyAdds: m * n * k, threads: kernels.threads)
        ? GEMMSplit(tiles: plan.tiles, panels: plan.panels, threads: kernels.threads) : nil
    let parts = split?.computed.count ?? 1
    // Scratch on the stack when it is small (the perceptron's products), else on the heap.
    withUnsafeTemporaryAllocation(byteCount: Swift.max(plan.packed_a_floats, 1) * MemoryLayout<Float>.stride, alignment: 64) { packed in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(plan.tile_flags, 1)) { flags in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * parts) { table in
                flags.initialize(repeating: 0)
                for part in 0..<parts {
                    let block = split?.computed[part] ?? (tiles: 0..<plan.tiles, panels: 0..<plan.panels)
                    table[5 * part] = block.tiles.lowerBound
                    table[5 * part + 1] = block.tiles.upperBound
                    table[5 * part + 2] = block.panels.lowerBound
                    table[5 * part + 3] = block.panels.upperBound
                    table[5 * part + 4] = split?.firstTiles[part] ?? 0
                }
                gemm_compute(variant, &problem, packed.baseAddress!.assumingMemoryBound(to: Float.self), flags.baseAddress,
                             table.baseAddress, parts, kernels.threads)
            }
        }
    }
}

/// How a product is cut into parts for threads (see `gemm_kernels.h`): each part computes a block
/// of c, split over column panels first (each part packs only its own panels of b), then over row
/// tiles when there are fewer panels than threads; the parts share op(a)'s packed tiles, each
/// starting to pack at its own place. `isWorthSplitting` says whether a product is split at all. The
/// cut never changes the result.
struct GEMMSplit {
    /// The tiles and panels each part computes.
    let computed: [(tiles: Range<Int>, panels: Range<Int>)]
    /// The tile each part packs first.
    let firstTiles: [Int]

    /// Below this many multiply-adds a product runs on the calling thread.
    static let parallelThreshold = 1 << 18

    /// Whether a product of this size is split over `threads` at all.
    static func isWorthSplitting(multiplyAdds: Int, threads: Int) -> Bool {
        threads > 1 && multiplyAdds >= parallelThreshold
    }

    init(tiles: Int, panels: Int, threads: Int) {
        let parts = Swift.max(1, threads)
        let panelParts = Swift.max(1, Swift.min(parts, panels))
        let tileParts = Swift.max(1, Swift.min(parts / panelParts, tiles))
        computed = Self.cut(tiles, into: tileParts).flatMap { tiles in Self.cut(panels, into: panelParts).map { (tiles, $0) } }
        firstTiles = computed.enumerated().map { part, block in
            block.tiles.lowerBound + block.tiles.count * (part % panelParts) / panelParts
        }
    }

    /// `0..<count` in `parts` consecutive ranges whose lengths differ by one at most.
    static func cut(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { part in count * part / parts ..< count * (part + 1) / parts }
    }
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
