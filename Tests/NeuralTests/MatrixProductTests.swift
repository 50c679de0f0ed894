import BLAS
import Testing
@testable import Neural

/// The reproducible matrix product against its definition: every element is
/// `c = c.addingProduct(a[i][p], b[p][j])` (one fused multiply-add) for p in order, from 0 or from
/// the output's value. Bit for bit, for every variant this CPU runs, thread counts 1 to 3, both
/// transposes, accumulation, and shapes that leave partial tiles, a single column or no depth.
/// A double-precision product checks the definition itself.
@Suite struct MatrixProductTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        let m: Int, n: Int, k: Int
        var testDescription: String { "\(m)×\(k) • \(k)×\(n)" }
    }

    /// The tutorial's first layer (batch 256, 11 → 512), its last (512 → 1, a partial batch), depths
    /// past one block of 256 (the chain continued from the output), partial tiles, and edges.
    static let shapes = [Shape(m: 256, n: 512, k: 11), Shape(m: 95, n: 1, k: 512), Shape(m: 64, n: 96, k: 600),
                         Shape(m: 37, n: 53, k: 300), Shape(m: 30, n: 70, k: 257), Shape(m: 1, n: 7, k: 3),
                         Shape(m: 13, n: 33, k: 1), Shape(m: 4, n: 5, k: 0)]

    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in random.nextFloat(in: -1, 1) }
    }

    /// The definition, one element at a time.
    static func definition(_ a: [Float], transposeA: Bool, _ b: [Float], transposeB: Bool, _ s: Shape, start: [Float]) -> [Float] {
        var c = start
        for i in 0..<s.m {
            for j in 0..<s.n {
                var sum = c[i * s.n + j]
                for p in 0..<s.k {
                    sum = sum.addingProduct(transposeA ? a[p * s.m + i] : a[i * s.k + p], transposeB ? b[j * s.k + p] : b[p * s.n + j])
                }
                c[i * s.n + j] = sum
            }
        }
        return c
    }

    static func product(_ a: [Float], transposeA: Bool, _ b: [Float], transposeB: Bool, _ s: Shape, start: [Float],
                        accumulate: Bool, kernels: NumericKernels) -> [Float] {
        var c = start
        NumericKernels.with(kernels) {
            c.withUnsafeMutableBufferPointer { out in
                gemm(a, transposeA: transposeA, b, transposeB: transposeB, m: s.m, n: s.n, k: s.k,
                     lda: transposeA ? s.m : s.k, ldb: transposeB ? s.k : s.n, into: out, accumulate: accumulate)
            }
        }
        return c
    }

    @Test(arguments: shapes)
    func everyVariantAndThreadCountGivesTheDefinitionsBits(_ s: Shape) {
        let a = Self.values(s.m * s.k, seed: 1), b = Self.values(s.k * s.n, seed: 2), bias = Self.values(s.m * s.n, seed: 3)
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            for accumulate in [false, true] {
                let start = accumulate ? bias : [Float](repeating: 0, count: s.m * s.n)
                let expected = Self.definition(a, transposeA: transposeA, b, transposeB: transposeB, s, start: start)
                for variant in NumericKernels.runnableVariants {
                    for threads in 1...3 {
                        let kernels = NumericKernels(variant: variant, threads: threads)
                        // A stale output must not leak into a product that does not accumulate.
                        let got = Self.product(a, transposeA: transposeA, b, transposeB: transposeB, s,
                                               start: accumulate ? bias : [Float](repeating: .nan, count: s.m * s.n),
                                               accumulate: accumulate, kernels: kernels)
                        #expect(got.map(\.bitPattern) == expected.map(\.bitPattern),
                                "\(kernels), transposeA \(transposeA), transposeB \(transposeB), accumulate \(accumulate)")
                    }
                }
            }
        }
    }

    @Test func theDefinitionIsTheProduct() throws {
        let s = Shape(m: 9, n: 21, k: 40)
        let a = Self.values(s.m * s.k, seed: 4), b = Self.values(s.k * s.n, seed: 5)
        let c = Self.definition(a, transposeA: false, b, transposeB: false, s, start: [Float](repeating: 0, count: s.m * s.n))
        for i in 0..<s.m {
            for j in 0..<s.n {
                let exact = (0..<s.k).reduce(0.0) { $0 + Double(a[i * s.k + $1]) * Double(b[$1 * s.n + j]) }
                #expect(abs(Double(c[i * s.n + j]) - exact) < 1e-5)
            }
        }
        let product = matmul(try Tensor(shape: [s.m, s.k], scalars: a), try Tensor(shape: [s.k, s.n], scalars: b))
        #expect(product.scalars.map(\.bitPattern) == c.map(\.bitPattern))
    }

    @Test func aSplitCoversEveryTileOnce() {
        for (tiles, panels, threads) in [(22, 16, 2), (22, 16, 3), (22, 1, 3), (1, 3, 8), (167, 1, 2)] {
            let split = GEMMSplit(tiles: tiles, panels: panels, threads: threads)
            #expect(split.computed.count <= threads && split.firstTiles.count == split.computed.count)
            #expect(zip(split.firstTiles, split.computed).allSatisfy { $1.tiles.contains($0) })
            var covered = Set<[Int]>()
            for (tileRange, panelRange) in split.computed {
                for tile in tileRange { for panel in panelRange { #expect(covered.insert([tile, panel]).inserted) } }
            }
            #expect(covered.count == tiles * panels)
        }
        // Small products, and any with one thread, stay on the calling thread.
        #expect(!GEMMSplit.isWorthSplitting(multiplyAdds: 512, threads: 4))
        #expect(!GEMMSplit.isWorthSplitting(multiplyAdds: 1 << 30, threads: 1))
        #expect(GEMMSplit.isWorthSplitting(multiplyAdds: 1 << 30, threads: 2))
        #expect(GEMMSplit(tiles: 22, panels: 16, threads: 1).computed.count == 1)
    }
}
