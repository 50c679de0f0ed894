internal import BLAS
internal import Dispatch
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
    let split = GEMMSplit(tiles: plan.tiles, panels: plan.panels, multiplyAdds: m * n * k, threads: kernels.threads)
    let packed = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(plan.packed_a_floats, 1) * MemoryLayout<Float>.stride, alignment: 64)
        .bindMemory(to: Float.self, capacity: Swift.max(plan.packed_a_floats, 1))
    defer { packed.deallocate() }
    withUnsafePointer(to: &problem) { problem in
        // Safe: the parts pack disjoint tiles, then write disjoint tiles of `out`; each
        // concurrentPerform returns after all of its parts.
        let shared = UncheckedSendable((problem, packed))
        split.forEachPart { part in
            let tiles = split.packedTiles[part]
            gemm_pack(variant, shared.value.0, shared.value.1, tiles.lowerBound, tiles.upperBound)
        }
        split.forEachPart { part in
            let (tiles, panels) = split.computed[part]
            gemm_compute(variant, shared.value.0, shared.value.1, tiles.lowerBound, tiles.upperBound, panels.lowerBound, panels.upperBound)
        }
    }
}

/// How a product is cut into parts for threads (see `gemm_kernels.h`): op(a)'s tiles are packed
/// once, a share by each part; then each part computes a block of c, split over column panels
/// first (each part packs only its own panels of b), then over row tiles when there are fewer
/// panels than threads. Small products stay in one part. The cut never changes the result.
struct GEMMSplit {
    /// The tiles each part packs.
    let packedTiles: [Range<Int>]
    /// The tiles and panels each part computes.
    let computed: [(tiles: Range<Int>, panels: Range<Int>)]

    /// Below this many multiply-adds a product runs on the calling thread.
    static let parallelThreshold = 1 << 18

    init(tiles: Int, panels: Int, multiplyAdds: Int, threads: Int) {
        let parts = multiplyAdds < Self.parallelThreshold ? 1 : Swift.max(1, threads)
        let panelParts = Swift.max(1, Swift.min(parts, panels))
        let tileParts = Swift.max(1, Swift.min(parts / panelParts, tiles))
        packedTiles = Self.cut(tiles, into: panelParts * tileParts)
        computed = Self.cut(tiles, into: tileParts).flatMap { tiles in Self.cut(panels, into: panelParts).map { (tiles, $0) } }
    }

    /// `0..<count` in `parts` consecutive ranges whose lengths differ by one at most.
    static func cut(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { part in count * part / parts ..< count * (part + 1) / parts }
    }

    /// Calls `body` with every part's number, at once when there are several.
    func forEachPart(_ body: (Int) -> Void) {
        if computed.count == 1 { return body(0) }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: computed.count) { shared.value($0) }
        }
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
