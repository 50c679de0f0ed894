import Testing
import TestSupport
@testable import Frames
@testable import Neural

@Suite struct DataFrameTests {
    let small = try! DataFrame(["a": [1, 2, 3, 4], "b": [10, 20, 30, 50]])

    @Test func minMaxScalingMatchesHandComputedValues() throws {
        let (lo, hi) = (small.min(), small.max())
        #expect(lo == ColumnValues(names: ["a", "b"], values: [1, 10]))
        let scaled = (small - lo) / (hi - lo)
        #expect(try scaled["a"].numbers() == [0, 1.0 / 3, 2.0 / 3, 1])
        #expect(try scaled["b"].numbers() == [0, 0.25, 0.5, 1])
        #expect(try (small * 2)["a"].numbers() == [2, 4, 6, 8])
    }

    @Test func arithmeticAlignsByColumnName() throws {
        let shifted = small - ColumnValues(names: ["b", "c"], values: [5, 1])
        #expect(try shifted["b"].numbers() == [5, 15, 25, 45])
        #expect(try shifted["a"].numbers().allSatisfy(\.isNaN))
    }

    @Test func statisticsAndDescribe() throws {
        #expect(small.mean() == ColumnValues(names: ["a", "b"], values: [2.5, 27.5]))
        let std = small.std()["a"]!
        #expect(abs(std - 1.2909944487358056) < 1e-12)
        let description = small.describe()
        #expect(description["count", "a"] == 4)
        #expect(description["25%", "a"] == 1.75)
        #expect(description["50%", "b"] == 25)
        #expect(description["75%", "b"] == 35)
        #expect(description["max", "b"] == 50)
    }

    @Test func unknownColumnSuggestsTheClosestName() throws {
        let wine = try DataFrame(csvText: "alcohol,quality\n9.4,5\n")
        let error = #expect(throws: FrameError.self) { try wine["qualty"] }
        #expect(error == .unknownColumn(name: "qualty", suggestion: "quality"))
        #expect(error?.description == "No column named 'qualty'. Did you mean 'quality'?")
        #expect(throws: FrameError.unknownColumn(name: "zzzzzzzz", suggestion: nil)) { try wine.dropping(columns: ["zzzzzzzz"]) }
    }

    @Test func textInATensorNamesFileLineAndColumn() throws {
        let frame = try DataFrame(csvText: "x,label\n1,2\n3,oops\n")
        #expect(throws: FrameError.nonNumeric(source: "<csv text>", line: 3, column: "label", value: "oops")) {
            try frame.tensor()
        }
        #expect(try frame.dropping(columns: ["label"]).tensor() == Tensor([[1], [3]]))
    }

    @Test func tensorIsRowMajorInColumnOrder() throws {
        #expect(try small.tensor() == Tensor([[1, 10], [2, 20], [3, 30], [4, 50]]))
        #expect(try small["b"].tensor() == Tensor([10, 20, 30, 50]))
    }

    @Test func indexSurvivesSamplingAndDroppingRemovesExactlyThoseRows() throws {
        let sampled = try small.sample(count: 2, seed: 1)
        let rest = small.dropping(rows: sampled.index)
        #expect(Set(sampled.index + rest.index) == [0, 1, 2, 3])
        #expect(rest.index == rest.index.sorted())
        #expect(try sampled["a"].numbers() == sampled.index.map { Double($0 + 1) })
    }

    @Test func samplingRejectsBadArguments() {
        #expect(throws: FrameError.self) { try small.sample(fraction: 1.5, seed: 0) }
        #expect(throws: FrameError.self) { try small.sample(fraction: 0.5, seed: -1) }
        #expect(throws: FrameError.self) { try small.sample(count: 5, seed: 0) }
    }

    @Test func headTailAndColumnSelection() throws {
        #expect(small.head(2).index == [0, 1])
        #expect(small.tail(1).index == [3])
        #expect(try small[["b"]].columnNames == ["b"])
        #expect(small.head(10).rowCount == 4)
    }

    @Test func displayIsAnEscapedHTMLTableWithATextFallback() throws {
        let frame = try DataFrame(csvText: "name,value\n<b>&\"x\",1.5\n")
        let bundle = frame.mimeBundle
        #expect(bundle.data["text/html"]?.contains("<td>&lt;b&gt;&amp;&quot;x&quot;</td>") == true)
        #expect(bundle.plainText == """
                  name  value
            0  <b>&"x"    1.5
            """)
    }

    @Test func longFramesShowHeadAndTail() throws {
        let frame = try DataFrame(["x": (0..<100).map(Double.init)])
        let text = frame.description
        #expect(text.contains("..."))
        #expect(text.hasSuffix("[100 rows x 1 columns]"))
        // header, 5 head rows, "...", 5 tail rows, then the size line (after a blank line split() skips)
        #expect(text.split(separator: "\n").count == 1 + 5 + 1 + 5 + 1)
    }
}
