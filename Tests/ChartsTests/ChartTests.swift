import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Charts
@testable import Neural

@Suite struct ChartTests {
    /// Parses the SVG as XML; throws if it is not well-formed.
    func parsed(_ svg: String) throws -> XMLDocument {
        try XMLDocument(xmlString: svg, options: [])
    }

    static let lossChart = Chart(title: "Loss", xLabel: "Epoch", yLabel: "MAE")
        .line(x: [1.0, 2, 3, 4, 5], y: [0.2985, 0.1505, 0.1317, 0.1174, 0.1097], label: "loss")
        .line(x: [1.0, 2, 3, 4, 5], y: [0.1242, 0.1217, 0.1121, 0.1092, 0.1075], label: "val_loss")

    @Test(arguments: [Chart.Style.line, .scatter, .step])
    func everyStyleIsWellFormedXML(_ style: Chart.Style) throws {
        let chart = Chart(title: "t").adding(x: [0, 1, 2], y: [1, 3, 2], style: style, label: "s")
        let document = try parsed(chart.svg)
        #expect(document.rootElement()?.name == "svg")
        let attributes = document.rootElement()?.attributes?.map { ($0.name ?? "", $0.stringValue ?? "") } ?? []
        #expect(attributes.contains { $0 == ("viewBox", "0 0 640 400") })
        #expect(!chart.svg.contains("<script"))
    }

    @Test func lossChartMatchesItsSnapshot() throws {
        try assertSnapshot(Self.lossChart.svg, named: "loss.svg")
    }

    @Test func activationChartMatchesItsSnapshot() throws {
        try assertSnapshot(plot(Activation.relu, from: -3, to: 3).svg, named: "relu.svg")
    }

    @Test func scatterAndStepChartMatchesItsSnapshot() throws {
        let chart = Chart(title: "Mixed", width: 480, height: 300)
            .scatter(x: [0.5, 1.5, 2.5, 3.5], y: [1.0, -0.5, 2.0, 0.25], label: "points")
            .step(x: [0.0, 1, 2, 3, 4], y: [0.0, 1, 1, -1, 0], label: "steps")
        try assertSnapshot(chart.svg, named: "scatter-step.svg")
    }

    @Test func nonFinitePointsBreakTheLineAndNeverReachThePath() throws {
        let chart = Chart().line(x: [0.0, 1, 2, 3, 4], y: [1.0, .nan, 2, .infinity, 3])
        let svg = chart.svg
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        let path = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<path") })
        #expect(path.components(separatedBy: "M").count - 1 == 3)   // three separate segments
        _ = try parsed(svg)
    }

    @Test func emptyAndAllNaNChartsSayNoData() throws {
        for chart in [Chart(title: "empty"), Chart().line([Double.nan, .nan])] {
            #expect(chart.svg.contains(">No data<"))
            _ = try parsed(chart.svg)
        }
    }

    @Test func onePointAndConstantSeriesStillHaveAxes() throws {
        for chart in [Chart().line(x: [2.0], y: [5.0]), Chart().line([3.0, 3, 3])] {
            let svg = chart.svg
            _ = try parsed(svg)
            #expect(svg.contains("<path"))
            #expect(!svg.contains("No data"))
        }
    }

    @Test func textIsEscaped() throws {
        let chart = Chart(title: "<&>\"'", xLabel: "a<b", yLabel: "c&d").line([1.0, 2], label: "x\"y'")
        let svg = chart.svg
        #expect(svg.contains("&lt;&amp;&gt;&quot;&#39;"))
        #expect(svg.contains("x&quot;y&#39;"))
        let document = try parsed(svg)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("<&>\"'"))
    }

    @Test func mismatchedSeriesAreReportedInTheChart() throws {
        let chart = Chart().line(x: [1.0, 2, 3], y: [1.0, 2])
        #expect(chart.series.isEmpty)
        #expect(chart.svg.contains("has 3 x values but 2 y values"))
    }

    @Test func largeSeriesAreDownsampledPerPixelColumn() throws {
        let xs = (0..<100_000).map(Double.init)
        let ys = xs.map { sin($0 / 500) + ($0.truncatingRemainder(dividingBy: 97) == 0 ? 3 : 0) }
        let svg = Chart().line(x: xs, y: ys).svg
        #expect(svg.utf8.count < 150_000)
        // Each pixel column keeps its highest point, so every spike survives the downsampling.
        let kept = SVGRenderer.downsampled(Chart.Series(label: nil, x: xs, y: ys, style: .line, color: nil), columns: 560) { $0 / 100_000 * 560 }
        #expect(kept.count <= 4 * 561 && kept.map(\.1).max() == ys.max())
        let spikes = stride(from: 0, to: xs.count, by: 97).map { (xs[$0], ys[$0]) }
        #expect(spikes.allSatisfy { spike in kept.contains { abs($0.0 - spike.0) < 200 && $0.1 >= spike.1 } })
        _ = try parsed(svg)
    }

    @Test func historyPlotShowsLossAndValidationFromEpochOne() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(), loss: .mse)
        let history = try model.fit(Tensor([1, 2]), Tensor([2, 4]), epochs: 3,
                                    validationData: (Tensor([3]), Tensor([6])), verbose: 0)
        let chart = history.plot()
        #expect(chart.series.map(\.label) == ["loss", "val_loss"])
        #expect(chart.series[0].x == [1, 2, 3])
        #expect(history.plot("mae").problems == ["History has no 'mae'; it has loss, val_loss."])
    }

    @Test func singleNeuronPredictionsAreTitledWithWeightAndBias() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        try model.setWeights([Tensor([[0.5312]]), Tensor([-0.1249])])
        let chart = try model.plotPredictions(from: -1, to: 1)
        #expect(chart.title == "Weight: 0.53  Bias: -0.12")
        #expect(abs(chart.series[0].y.first! - (-0.1249 - 0.5312)) < 1e-6)
    }

    @Test func linspaceIncludesBothEnds() {
        #expect(linspace(-3, 3, count: 7) == [-3, -2, -1, 0, 1, 2, 3])
        #expect(linspace(0, 1, count: 1) == [0])
        #expect(linspace(0, 1, count: 0).isEmpty)
    }

    @Test func displayBundleHasSVGAndText() {
        let bundle = Self.lossChart.mimeBundle
        #expect(bundle.data["image/svg+xml"] == Self.lossChart.svg)
        #expect(bundle.plainText == "Chart \"Loss\" (640×400): loss (5 points), val_loss (5 points)")
    }
}
