import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Charts

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
}
