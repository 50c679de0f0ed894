import CellRunner
import Foundation
import NotebookDisplay
import Testing
import TestSupport

/// Checkpoints end to end: real compiles, a real runner that crashes, a real restore. The bar is
/// that a restored session prints byte for byte what an uninterrupted one prints.
@Suite(.serialized) struct CheckpointTests {
    /// Red wine as the tutorial has it, small enough for a debug build: load, split, scale, a
    /// model with Adam, and data drawn from the system's generator (which a replay cannot redraw).
    static let preparation = [
        """
        let redWine = try DataFrame(csv: "\(RepositoryData.wineCSV)")
        let train = try redWine.sample(fraction: 0.7, seed: 5)
        let valid = redWine.dropping(rows: train.index)
        let (lowest, highest) = (train.min(), train.max())
        let xTrain = try ((train - lowest) / (highest - lowest)).dropping(columns: ["quality"]).tensor()
        let yTrain = try ((train - lowest) / (highest - lowest))["quality"].tensor()
        let xValid = try ((valid - lowest) / (highest - lowest)).dropping(columns: ["quality"]).tensor()
        let yValid = try ((valid - lowest) / (highest - lowest))["quality"].tensor()
        var system = SystemRandomNumberGenerator()
        let noise = (0..<4).map { _ in Double.random(in: 0..<1, using: &system) }
        """,
        """
        let model = Sequential {
            Dense(64, .relu, inputShape: [11])
            Dropout(0.1)
            Dense(64, .relu)
            Dense(1)
        }
        let alias = model
        model.compile(optimizer: Adam(), loss: .meanAbsoluteError)
        """,
        "let history = try model.fit(xTrain, yTrain, validationData: (xValid, yValid), batchSize: 256, epochs: 2, verbose: .silent)",
    ]

    /// What the cells after the training print: more training (Adam's moments, the model's and the
    /// global generators), predictions, and the values a replay would have drawn again.
    static let continuation = [
        "let more = try model.fit(xTrain, yTrain, validationData: (xValid, yValid), batchSize: 256, epochs: 2, verbose: .silent)\nprint(history.valLoss, more.loss, more.valLoss)",
        "print(try model.predict(xValid).scalars.prefix(5), model.weights.map { $0.scalars.reduce(0, +) })",
        "print(noise, alias === model, Sequential { Dense(2, inputShape: [1]) }.weights[0].scalars)",
    ]

    @Test func aRestoredTrainingContinuesByteForByteAsAnUninterruptedOne() throws {
        let straight = try Notebook(checkpointAfter: nil)
        for cell in Self.preparation { _ = straight.output(cell) }
        let expected = Self.continuation.map { straight.output($0) }
        #expect(straight.session.latestCheckpoint == nil)

        let interrupted = try Notebook(checkpointAfter: 0)
        for cell in Self.preparation { _ = interrupted.output(cell) }
        let noiseBefore = interrupted.output("print(noise)")
        let checkpoint = try #require(interrupted.session.latestCheckpoint)
        #expect(checkpoint.unsaved.count == 2, "system and (lowest, highest): \(checkpoint.unsaved)")
        let (outcome, events) = interrupted.run("let empty: [Int] = []\nprint(empty[1])")
        #expect(outcome.error?.name == "Crash")
        let notice = try #require(events.compactMap { if case let .notice(text) = $0 { text } else { nil } }.first)
        #expect(notice.contains("restored the state after Cell[4] from its checkpoint"), "\(notice)")
        #expect(!notice.contains("replayed"), "nothing ran again: \(notice)")
        #expect(notice.contains("system (Cell[1]): its type SystemRandomNumberGenerator is not Codable"), "\(notice)")
        #expect(interrupted.output("print(noise)") == noiseBefore)
        let continued = Self.continuation.map { interrupted.output($0) }
        #expect(continued[0] == expected[0])
        #expect(continued[1] == expected[1])
        // The noise differs between the two sessions by design; what follows it must not.
        #expect(continued[2].drop { $0 != "]" } == expected[2].drop { $0 != "]" })
    }

    @Test func theThresholdComesFromTheEnvironment() {
        let key = "SWIFT_NOTEBOOKS_CHECKPOINT_AFTER"
        #expect(SessionConfiguration.checkpointThreshold(environment: [:]) == 0.5)
        #expect(SessionConfiguration.checkpointThreshold(environment: [key: "2.5"]) == 2.5)
        #expect(SessionConfiguration.checkpointThreshold(environment: [key: "0"]) == 0)
        #expect(SessionConfiguration.checkpointThreshold(environment: [key: "off"]) == nil)
        #expect(SessionConfiguration.checkpointThreshold(environment: [key: "-1"]) == 0.5)
        #expect(SessionConfiguration.checkpointThreshold(environment: [key: "soon"]) == 0.5)
    }

    /// The notice a restore gave, if any.
    private func notice(in events: [CellEvent]) -> String? {
        events.compactMap { if case let .notice(text) = $0 { text } else { nil } }.first
    }

    @Test func codableTypesOfACellAndSharedObjectsComeBackAndTheRestIsRecomputed() throws {
        let notebook = try Notebook(checkpointAfter: 0)
        _ = notebook.output("""
            struct Point: Codable { var x: Double; var y: Double }
            final class Counter: Codable { var count = 0 }
            final class Plain { var count = 0 }
            var point = Point(x: 1, y: 2)
            let counter = Counter()
            let twin = counter
            let plain = Plain()
            let double: (Int) -> Int = { $0 * 2 }
            let model = Sequential(seed: 1) { Dense(2, inputShape: [3]); Dense(1) }
            let sameModel = model
            let layer = model.layers[0]
            var scores: [String: [Int?]] = ["a": [1, nil]]
            """)
        _ = notebook.output("point.x = 10\ncounter.count = 5\nscores[\"b\"] = [3]\nmodel.compile(optimizer: SGD(momentum: 0.9), loss: .mse)")
        let (outcome, events) = notebook.run("fatalError(\"on purpose\")")
        #expect(outcome.error?.name == "Crash")
        let text = try #require(notice(in: events))
        #expect(text.contains("restored the state after Cell[2]"), "\(text)")
        #expect(text.contains("plain (Cell[1]): its type Plain is not Codable"), "\(text)")
        #expect(text.contains("double (Cell[1]): its type (Int) -> Int is not Codable"), "\(text)")
        #expect(notebook.output("""
            print(point.x, counter.count, twin.count, twin === counter, sameModel === model, layer === model.layers[0])
            print(plain.count, double(21), scores["b"]!, scores["a"]!, model.optimizer is SGD, model.loss == .mse)
            """) == "10.0 5 5 true true true\n0 42 [Optional(3)] [Optional(1), nil] true true\n")
    }

    @Test func aModelWithALayerOfTheCellsOwnThatIsCodableIsRestored() throws {
        let notebook = try Notebook(checkpointAfter: 0)
        _ = notebook.output("""
            final class Halving: Layer, Codable {
                var name = "halving"
                var inputShape: [Int]? = nil
                var outputShape: [Int]?
                var parameters: [Parameter] { [] }
                func build(inputShape: [Int], random: inout SeededRandom) throws -> [Int] { outputShape = inputShape; return inputShape }
                func forward(_ input: Tensor, training: Bool, random: inout SeededRandom) throws -> Tensor { input * 0.5 }
                func backward(_ outputGradient: Tensor) -> Tensor { outputGradient * 0.5 }
            }
            let model = Sequential(seed: 4) { Dense(2, inputShape: [1]); Halving() }
            model.compile(optimizer: Adam(), loss: .mse)
            _ = try model.fit(Tensor([[1], [2]]), Tensor([[1, 0], [0, 1]]), epochs: 3, verbose: .silent)
            """)
        let before = notebook.output("print(try model.predict(Tensor([[3]])).scalars)")
        let (_, events) = notebook.run("exit(2)")
        let text = try #require(notice(in: events))
        #expect(text.contains("restored the state after Cell[2] from its checkpoint"), "\(text)")
        #expect(notebook.output("print(try model.predict(Tensor([[3]])).scalars)") == before)
        #expect(notebook.output("print(model.layers[1] is Halving)") == "true\n")
    }

    @Test func anObjectThatCannotBeSavedAndWasChangedAfterwardsMakesTheRestoreReplayInstead() throws {
        let notebook = try Notebook(checkpointAfter: 0)
        _ = notebook.output("final class Tally { var count = 0 }\nlet tally = Tally()\nvar steps = [1]")
        _ = notebook.output("tally.count += 7")
        let (_, events) = notebook.run("exit(1)")
        let text = try #require(notice(in: events))
        #expect(text.contains("(tally (Cell[1]): its type Tally is not Codable, and cells used it after its initializer"), "\(text)")
        #expect(text.contains("replaying every cell instead"), "\(text)")
        #expect(notebook.output("print(tally.count)") == "7\n")
    }

    @Test func aCheckpointThatCannotBeReadFallsBackToReplay() throws {
        let notebook = try Notebook(checkpointAfter: 0)
        _ = notebook.output("var total = 1")
        _ = notebook.output("total += 10")
        let checkpoint = try #require(notebook.session.latestCheckpoint)
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: checkpoint.path))
        let (_, events) = notebook.run("exit(1)")
        let text = try #require(notice(in: events))
        #expect(text.contains("The checkpoint after Cell[2] could not be restored (the checkpoint could not be read"), "\(text)")
        #expect(text.contains("replaying every cell instead"), "\(text)")
        #expect(notebook.session.latestCheckpoint == nil)
        #expect(notebook.output("print(total)") == "11\n")
    }

    @Test func aCheckpointThatCannotBeWrittenIsAWarningForTheHost() throws {
        let notebook = try Notebook(checkpointAfter: 0)
        let blocker = notebook.session.configuration.compiler.workDirectory + "/checkpoint-after-2.plist"
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: true)
        _ = notebook.output("var total = 1")
        let (outcome, events) = notebook.run("total += 10\nprint(total)")
        #expect(outcome == .success)
        #expect(events.first == .stdout("11\n"))
        let warnings = events.filter(\.isWarning)
        #expect(warnings.count == 1 && "\(warnings)".contains("no checkpoint after 2 cell(s)"), "\(events)")
        #expect(notebook.session.latestCheckpoint?.cellCount == 1, "the checkpoint before stays the latest")
    }

    @Test func cellsAfterTheCheckpointAreReplayed() throws {
        let notebook = try Notebook(checkpointAfter: 0.25)
        _ = notebook.output("var log: [String] = []\nThread.sleep(forTimeInterval: 0.3)")
        _ = notebook.output("log.append(\"after\")")
        let (_, events) = notebook.run("exit(1)")
        let text = try #require(notice(in: events))
        #expect(text.contains("restored the state after Cell[1] from its checkpoint") && text.contains("replayed 1 cell(s): Cell[2]"), "\(text)")
        #expect(notebook.output("print(log)") == "[\"after\"]\n")
    }

    @Test func cellsThatBindNothingAreRestoredWithoutRunningThem() throws {
        // No cell has checkpoint functions: the checkpoint holds the global seed stream alone, and
        // restoring it must not run the cells again (the first would print twice, the second
        // would draw a second time).
        let notebook = try Notebook(checkpointAfter: 0)
        _ = notebook.output("seed(7)\nprint(\"once\")")
        _ = notebook.output("print(Sequential { Dense(1, inputShape: [1]) }.weights[0].scalars)")
        let expected = try Notebook(checkpointAfter: nil)
        for cell in ["seed(7)", "_ = Sequential { Dense(1, inputShape: [1]) }"] { _ = expected.output(cell) }
        let (_, events) = notebook.run("exit(1)")
        let text = try #require(notice(in: events))
        #expect(text.contains("restored the state after Cell[2] from its checkpoint") && !text.contains("replayed"), "\(text)")
        let next = "print(Sequential { Dense(1, inputShape: [1]) }.weights[0].scalars)"
        #expect(notebook.output(next) == expected.output(next))
    }

    @Test func anotherSessionAdoptsACheckpointInsteadOfRunningItsCells() throws {
        let first = try Notebook(checkpointAfter: 0)
        let cells = ["let drawn = Int.random(in: 0..<1_000_000_000)", "var doubled = drawn * 2", "doubled += 1"]
        _ = first.output(cells[0])
        _ = first.output(cells[1])
        let checkpoint = try #require(first.session.latestCheckpoint)
        #expect(checkpoint.cellCount == 2)
        let saved = try checkpoint.contents()
        _ = first.output(cells[2])
        let expected = first.output("print(drawn, doubled)")

        let second = try Notebook(checkpointAfter: nil)
        try second.session.adopt(cells: cells, checkpoint: saved, after: 2)
        let (outcome, events) = second.run("print(drawn, doubled)")
        #expect(outcome == .success)
        #expect(events.contains(.stdout(expected)), "a random draw that ran again would differ: \(events)")
        #expect(notice(in: events)?.contains("replayed 1 cell(s): Cell[3]") == true)

        // With the first session's compiled cells: nothing is compiled, and the libraries, copied
        // into another folder, still load against each other.
        let fourth = try Notebook(checkpointAfter: nil)
        let libraries = try (0..<3).map { try first.session.compiledCell(at: $0) }
        #expect(libraries.allSatisfy { $0 != nil })
        try fourth.session.adopt(cells: cells, compiled: libraries, checkpoint: saved, after: 2)
        #expect(fourth.run("print(drawn, doubled)").events.contains(.stdout(expected)))
        let folder = fourth.session.configuration.compiler.workDirectory
        #expect(!FileManager.default.fileExists(atPath: folder + "/Cell1.swift"), "cell 1 was not compiled again")
        #expect(FileManager.default.fileExists(atPath: folder + "/Cell4.swift"))

        let third = try Notebook(checkpointAfter: nil)
        #expect {
            try third.session.adopt(cells: ["let broken: Int = \"text\""], checkpoint: Data(), after: 0)
        } throws: { error in
            let adoption = error as? AdoptionError
            return adoption?.cell == 1 && adoption?.reason.contains("does not compile") == true
        }
        #expect(third.output("print(1)") == "1\n")
    }

    @Test func aCellKilledAfterAnInterruptIsFollowedByARestore() throws {
        let notebook = try Notebook(checkpointAfter: 0)
        _ = notebook.output("let drawn = Int.random(in: 0..<1_000_000_000)")
        let before = notebook.output("print(drawn)")
        let interrupter = notebook.session.interrupter
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { interrupter.interrupt() }
        var events: [CellEvent] = []
        let outcome = notebook.session.execute("var spins = 0\nwhile true { spins &+= 1 }") { events.append($0) }
        #expect(outcome.error?.name == "Interrupted")
        #expect(notice(in: events)?.contains("restored the state after Cell[2] from its checkpoint") == true, "\(events)")
        #expect(notebook.output("print(drawn)") == before)
    }
}
