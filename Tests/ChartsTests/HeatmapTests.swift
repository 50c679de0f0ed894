import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Charts
import Neural

@Suite struct HeatmapTests {
    /// A bowl, loss = w0² + 2·w1², and a descent path over it.
    static let surface: Chart = {
        let w = linspace(-2, 2, count: 5)
        return Chart(title: "Loss surface", xLabel: "w0", yLabel: "w1")
            .heatmap(x: w, y: w, values: w.map { b in w.map { a in a * a + 2 * b * b } }, label: "loss")
            .line(x: [-1.5, -0.6, -0.1], y: [1.5, 0.3, 0.02], label: "descent")
    }()

    @Test func aHeatMapMatchesItsSnapshotAndIsWellFormed() throws {
        try assertSnapshot(Self.surface.svg, named: "heatmap.svg")
        _ = try XMLDocument(xmlString: Self.surface.svg, options: [])
        // 25 cells, and the legend names the colours' range.
        #expect(Self.surface.svg.components(separatedBy: "<rect x=").count - 1 >= 25)
        #expect(Self.surface.svg.contains("loss: 0.00 – 12.00"))
    }

    @Test func theScaleRunsFromDarkToLight() {
        #expect(HeatmapLayer.color(at: 0) == "#440154" && HeatmapLayer.color(at: 1) == "#fde725")
        #expect(HeatmapLayer.color(at: 0.5) == "#21918c")
        #expect(HeatmapLayer.edges([0, 1, 2]) == [-0.5, 0.5, 1.5, 2.5])
    }

    @Test func aGridOfTheWrongShapeIsNotedNotDrawn() {
        let chart = Chart().heatmap(x: [0, 1], y: [0, 1], values: [[1, 2]])
        #expect(chart.heatmap == nil && chart.problems == ["The heat map needs 2 rows of 2 values; it is not drawn."])
    }

    /// A confusion matrix: named rows from the top, named columns, counts in the cells.
    static let confusion = try! ConfusionMatrix(predictions: Tensor([[0.2], [0.9], [0.4], [0.7], [0.8], [0.1], [0.3]]),
                                               targets: Tensor([0, 1, 1, 0, 1, 0, 0]), labels: ["benign", "malignant <M>"]).plot()

    @Test func aConfusionMatrixIsALabelledGridWithItsCounts() throws {
        try assertSnapshot(Self.confusion.svg, named: "confusion-matrix.svg")
        _ = try XMLDocument(xmlString: Self.confusion.svg, options: [])
        let svg = Self.confusion.svg
        // counts [[3, 1], [1, 2]]: the top row is the true benign one, the names escaped.
        #expect(svg.contains(">benign</text>") && svg.contains(">malignant &lt;M&gt;</text>"))
        let counts = svg.components(separatedBy: "<g text-anchor=\"middle\">")[1].components(separatedBy: "</g>")[0]
        let shown = counts.components(separatedBy: "</text>").dropLast().map { $0.components(separatedBy: ">").last! }
        #expect(shown == ["1", "2", "3", "1"], "the bottom row (malignant) first, as the y axis counts up")
        #expect(Self.confusion.heatmap?.values == [[1, 2], [3, 1]] && Self.confusion.yCategories == ["malignant <M>", "benign"])
        #expect(Self.confusion.description == "Chart \"Confusion matrix\" (400×320): grid 2×2")
        #expect(Chart().grid([[1]], rows: ["a", "b"], columns: ["c"]).problems == ["The grid needs 2 rows of 1 values; it is not drawn."])
    }
}
