import Testing
@testable import Neural

@Suite struct SummaryTests {
    @Test func wineModelSummaryMatchesKeras() {
        let model = Sequential(seed: 1) {
            Dense(512, .relu, inputShape: [11])
            Dense(512, .relu)
            Dense(512, .relu)
            Dense(1)
        }
        // Keras 3.15.1's model.summary() output for the same model.
        let keras = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
        │ dense (Dense)                        │ (None, 512)                 │           6,144 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_1 (Dense)                      │ (None, 512)                 │         262,656 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_2 (Dense)                      │ (None, 512)                 │         262,656 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_3 (Dense)                      │ (None, 1)                   │             513 │
        └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
         Total params: 531,969 (2.03 MB)
         Trainable params: 531,969 (2.03 MB)
         Non-trainable params: 0 (0.00 B)
        """
        #expect(model.summaryTable.description == keras)
    }

    @Test func perceptronTotalsAndNonTrainableBatchStatistics() {
        let perceptron = Sequential(seed: 1) {
            Dense(6, .relu, inputShape: [4]); Dense(6, .relu); Dense(2, .relu)
        }
        #expect(perceptron.summaryTable.rows.map(\.parameterCount) == [30, 42, 14])
        #expect(perceptron.summaryTable.description.hasSuffix("""
         Total params: 86 (344.00 B)
         Trainable params: 86 (344.00 B)
         Non-trainable params: 0 (0.00 B)
        """))
        let normalized = Sequential(seed: 1) { BatchNormalization(inputShape: [3]); Dense(1) }
        #expect(normalized.summaryTable.trainableParameters == 6 + 4)
        #expect(normalized.summaryTable.nonTrainableParameters == 6)
        #expect(normalized.layers[0].name == "batch_normalization")
    }

    @Test func denseSpellingsBuildTheSameLayer() throws {
        let spellings = [Dense(4, .relu, inputShape: [3]), Dense(4, activation: .relu, inputShape: [3]),
                         Dense(units: 4, activation: .relu, inputShape: [3])]
        for layer in spellings {
            #expect(layer.units == 4 && layer.activation == .relu && layer.inputShape == [3])
        }
        #expect(Dense(4).activation == .linear)
    }

    @Test func unbuiltModelsShowUnknownShapes() {
        let model = Sequential(seed: 1) { Dense(2); Dense(1) }
        #expect(model.summaryTable.rows.map(\.outputShape) == ["?", "?"])
        #expect(model.summaryTable.buildProblem == nil)
    }

    @Test func aModelThatCannotBeBuiltSaysWhyUnderItsSummary() {
        let model = Sequential(seed: 1) { Dense(2, inputShape: [3]); Dense(0) }
        let summary = model.summaryTable
        #expect(summary.buildProblem?.contains("Dense units") == true)
        #expect(summary.description.hasSuffix(" The model cannot be built: \(summary.buildProblem ?? "")"))
    }
}
