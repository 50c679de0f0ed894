import Testing
import NotebookRuntime

/// What the tutorial values show as a cell's result.
@Suite struct RuntimeDisplayTests {
    @Test func modelSummaryShowsAnHTMLTableAndTheKerasText() {
        let model = Sequential(seed: 1) { Dense(512, .relu, inputShape: [11]); Dense(1) }
        let bundle = model.summaryTable.mimeBundle
        #expect(bundle.plainText == model.summaryTable.description)
        #expect(bundle.data["text/html"]?.contains("<td>dense (Dense)</td><td>(None, 512)</td><td style=\"text-align: right\">6,144</td>") == true)
        #expect(bundle.data["text/html"]?.contains("Total params: 6,657 (26.00 KB)") == true)
    }

    @Test func aConfusionMatrixShowsATableWithTheRightAnswersInBold() throws {
        let matrix = try ConfusionMatrix(predictions: Tensor([[0.2], [0.9], [0.4]]), targets: Tensor([0, 1, 1]), labels: ["<b>", "M"])
        let html = try #require(MIMEBundle(representing: matrix).data["text/html"])
        #expect(html.contains("<tr><th>&lt;b&gt;</th><td style=\"text-align: right\"><b>1</b></td><td style=\"text-align: right\">0</td></tr>"))
        #expect(html.contains("<tr><th>M</th><td style=\"text-align: right\">1</td><td style=\"text-align: right\"><b>1</b></td></tr>"))
        #expect(MIMEBundle(representing: matrix).plainText == matrix.description)
    }

    @Test func aModelShowsItsSummary() {
        let model = Sequential(seed: 1) { Dense(4, .relu, inputShape: [2]); Dense(1) }
        #expect(MIMEBundle(representing: model) == model.summaryTable.mimeBundle)
    }

    @Test func historyShowsItsLossChart() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        model.compile(optimizer: SGD(), loss: .mse)
        let history = try model.fit(Tensor([1, 2]), Tensor([2, 4]), epochs: 2, verbose: 0)
        let bundle = MIMEBundle(representing: history)
        #expect(bundle.data["image/svg+xml"] == history.plot().svg)
        #expect(bundle.plainText?.hasPrefix("epoch 1: loss ") == true)
    }

    @Test func framesShowTables() throws {
        let frame = try DataFrame(["x": [1, 2]])
        #expect(MIMEBundle(representing: frame).data["text/html"]?.contains("<table class=\"dataframe\">") == true)
    }
}
