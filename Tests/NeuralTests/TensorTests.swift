import Testing
@testable import Neural

@Suite struct TensorTests {
    @Test func rowBroadcastAddsTheRowToEveryRow() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x + Tensor([10, 20, 30]) == Tensor([[11, 22, 33], [14, 25, 36]]))
        #expect((x * 2).scalars == [2, 4, 6, 8, 10, 12])
        #expect((1 - x).scalars == [0, -1, -2, -3, -4, -5])
    }

    @Test func matmulMatchesHandComputedProduct() {
        let a = Tensor([[1, 2], [3, 4], [5, 6]])
        let b = Tensor([[7, 8, 9], [10, 11, 12]])
        #expect(matmul(a, b) == Tensor([[27, 30, 33], [61, 68, 75], [95, 106, 117]]))
        #expect(matmul(a, transposeA: true, a, transposeB: false) == matmul(a.transposed(), a))
        #expect(matmul(b, transposeA: false, b, transposeB: true) == matmul(b, b.transposed()))
    }

    @Test func reductionsAlongEachAxis() {
        let x = Tensor([[1, 2], [3, 4]])
        #expect(x.sum() == 10)
        #expect(x.mean() == 2.5)
        #expect(x.sum(alongAxis: 0) == Tensor([4, 6]))
        #expect(x.mean(alongAxis: 1) == Tensor([1.5, 3.5]))
        #expect(Tensor([[0, 5, 1], [7, 2, 7]]).argmaxRows() == [1, 0])
    }

    @Test func reshapeInfersOneDimensionAndRejectsWrongSizes() throws {
        let x = Tensor([1, 2, 3, 4, 5, 6])
        #expect(try x.reshaped(to: [-1, 2]).shape == [3, 2])
        #expect(throws: NeuralError.invalidReshape(from: [6], to: [4, 2])) { try x.reshaped(to: [4, 2]) }
        #expect(throws: NeuralError.scalarCountMismatch(shape: [2, 2], count: 3)) {
            try Tensor(shape: [2, 2], scalars: [1, 2, 3])
        }
    }

    @Test func gatheringRowsKeepsTheGivenOrder() {
        let x = Tensor([[1, 1], [2, 2], [3, 3]])
        #expect(x.gatheringRows([2, 0]) == Tensor([[3, 3], [1, 1]]))
        #expect(Tensor([5, 6, 7]).gatheringRows([1]) == Tensor([6]))
    }

    @Test func seededGeneratorsRepeatAndDiffer() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        var d = SeededRandom(seed: 1)
        #expect(d.permutation(10).sorted() == Array(0..<10))
    }
}
