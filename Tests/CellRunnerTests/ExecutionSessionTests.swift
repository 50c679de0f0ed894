import CellCompiler
import CellRunner
import Foundation
import NotebookDisplay
import Spawning
import Synchronization
import Testing

/// A session plus the events of each executed cell.
final class Notebook {
    let session: ExecutionSession
    let workingDirectory: String

    /// - Parameter checkpointAfter: The session's checkpoint threshold in seconds (nil: never).
    init(checkpointAfter threshold: Double? = 0.5) throws {
        workingDirectory = NSTemporaryDirectory() + "notebook-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        var configuration = SessionConfiguration(workingDirectory: workingDirectory)
        configuration.checkpointThreshold = threshold
        session = try ExecutionSession(configuration: configuration)
    }

    /// Runs a cell; returns its outcome and events.
    func run(_ source: String) -> (outcome: CellOutcome, events: [CellEvent]) {
        var events: [CellEvent] = []
        let outcome = session.execute(source) { events.append($0) }
        return (outcome, events)
    }

    /// Runs a cell that must succeed; returns everything it printed.
    func output(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let (outcome, events) = run(source)
        #expect(outcome == .success, "cell failed: \(outcome)", sourceLocation: sourceLocation)
        return events.compactMap { if case let .stdout(text) = $0 { text } else { nil } }.joined()
    }

    deinit { session.shutdown() }
}

extension CellOutcome {
    var error: CellError? { if case let .failure(error) = self { error } else { nil } }
}

/// End to end: real swiftc compiles, a real runner process, real dlopen.
@Suite(.serialized) struct ExecutionSessionTests {
    @Test func bindingsPersistMutateAndShadowAcrossCells() throws {
        let notebook = try Notebook()
        #expect(notebook.output("let x = 1") == "")
        #expect(notebook.output("print(x + 1)") == "2\n")
        _ = notebook.output("var count = 0")
        _ = notebook.output("count += 5")
        #expect(notebook.output("print(count)") == "5\n")
        _ = notebook.output("let x = \"text\"")
        #expect(notebook.output("print(x.uppercased())") == "TEXT\n")
    }

    @Test func aRedefinitionReplacesTheEarlierDeclarationEvenWithANewSignature() throws {
        let notebook = try Notebook()
        _ = notebook.output("func f() -> Int { 1 }\nfunc g(_ a: Int) -> Int { a }\nextension Int { var doubled: Int { self * 2 } }")
        _ = notebook.output("func f() -> String { \"new\" }\nfunc g(_ a: Int, _ b: Int) -> Int { a + b }")
        #expect(notebook.output("print(f(), g(1, 2), 4.doubled)") == "new 3 8\n")
        // The old g(_:) is gone, as in Python.
        #expect(notebook.run("g(1)").outcome.error?.value == "missing argument for parameter #2 in call")
        // A cell that only uses names adds none, and those it used stay.
        _ = notebook.output("let total = f() + \"!\"")
        #expect(notebook.output("print(total, f())") == "new! new\n")
    }

    @Test func cellsThatImportOnlyWhatTheyNameStillSeeEarlierExtensionsAndValues() throws {
        let notebook = try Notebook()
        _ = notebook.output("struct P { var x = 2 }")
        _ = notebook.output("extension P { var doubled: Int { x * 2 } }")
        _ = notebook.output("let p = P()")
        _ = notebook.output("let q = 5")
        // Names neither P nor the extension's cell: the extension comes with its marker, P with p.
        #expect(notebook.output("print(p.doubled)") == "4\n")
        _ = notebook.output("let q = 6")   // redeclares q without loading the earlier q
        #expect(notebook.output("print(q + 1, p.doubled)") == "7 4\n")
    }

    @Test func declarationsOfEveryKindAreUsableInLaterCells() throws {
        let notebook = try Notebook()
        _ = notebook.output("""
            struct Point { var x: Double; var y: Double
                func length() -> Double { (x * x + y * y).squareRoot() } }
            enum Mode { case fast, slow }
            protocol Shape { func area() -> Double }
            class Animal { func sound() -> String { "..." } }
            func twice<T>(_ f: (T) -> T, _ value: T) -> T { f(f(value)) }
            let square: (Int) -> Int = { $0 * $0 }
            @resultBuilder enum Joined {
                static func buildBlock(_ parts: String...) -> String { parts.joined(separator: "+") }
            }
            """)
        _ = notebook.output("""
            extension Point: Shape { func area() -> Double { x * y } }
            class Dog: Animal { override func sound() -> String { "woof" } }
            extension Tensor { var doubled: Tensor { self * 2 } }
            @Joined func parts() -> String { "a"; "b" }
            final class EpochCounter: Callback { var epochs = 0
                func epochDidEnd(_ epoch: Int, logs: [String: Double], model: Sequential) { epochs += 1 } }
            """)
        #expect(notebook.output("print(Point(x: 3, y: 4).length(), Point(x: 2, y: 5).area(), Dog().sound(), twice(square, 3), Mode.fast, parts(), Tensor([1, 2]).doubled.scalars)")
                == "5.0 10.0 woof 81 fast a+b [2.0, 4.0]\n")
        // A class that conforms to a runtime protocol can be created in a later cell.
        #expect(notebook.output("""
            let counter = EpochCounter()
            let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
            model.compile(optimizer: SGD(), loss: .meanSquaredError)
            _ = try model.fit(Tensor([[1], [2]]), Tensor([[2], [4]]), epochs: 3, callbacks: [counter], verbose: .silent)
            print(counter.epochs)
            """) == "3\n")
    }

    @Test func theLastExpressionIsTheResult() throws {
        let notebook = try Notebook()
        let (_, events) = notebook.run("let a = 20\na + 22")
        #expect(events == [.display(.result(MIMEBundle(["text/plain": "42"])))])
        #expect(notebook.run("print(\"hi\")").events == [.stdout("hi\n")])
        #expect(notebook.run("_ = a").events.isEmpty)
        let chart = notebook.run("plot(Activation.relu)").events
        guard case let .display(.result(bundle)) = chart.last else { Issue.record("no result: \(chart)"); return }
        #expect(bundle.data["image/svg+xml"]?.hasPrefix("<svg") == true)
    }

    @Test func membersWithARestrictedSetterAreReadableInLaterCells() throws {
        let notebook = try Notebook()
        _ = notebook.output("""
            final class Account {
                private(set) var balance = 0
                fileprivate(set) var deposits: Int = 0
                private(set) var doubled: Int { get { balance * 2 } set { balance = newValue / 2 } }
                private var entries: [Int] = []
                private(set) subscript(index: Int) -> Int { get { entries[index] } set { entries[index] = newValue } }
                static private(set) var opened = 0
                struct Statement { internal(set) var lines: [String] = [] }
                init() { Account.opened += 1 }
                func deposit(_ amount: Int) { balance += amount; deposits += 1; entries.append(amount) }
            }
            struct Counter { private(set) var count = 0; mutating func bump() { count += 1 } }
            """)
        #expect(notebook.output("""
            let account = Account()
            account.deposit(5)
            var counter = Counter()
            counter.bump()
            print(account.balance, account.deposits, account.doubled, account[0], Account.opened, Account.Statement().lines, counter.count)
            """) == "5 1 10 5 1 [] 1\n")
        _ = notebook.output("extension Account { private(set) var label: String { get { \"acct\" } set {} } }")
        #expect(notebook.output("print(account.label)") == "acct\n")
        // The setter stays restricted.
        #expect(notebook.run("account.balance = 3").outcome.error?.value == "cannot assign to property: 'balance' setter is inaccessible")
    }

    @Test func ipythonsDisplayValuesShowAsTheirKind() throws {
        let notebook = try Notebook()
        let (outcome, events) = notebook.run("display(HTML(\"<b>x</b>\"))\nMarkdown(\"**m**\")")
        #expect(outcome == .success)
        #expect(events == [.display(.display(MIMEBundle(["text/html": "<b>x</b>", "text/plain": "x"]), id: nil)),
                           .display(.result(MIMEBundle(["text/markdown": "**m**", "text/plain": "**m**"])))])
    }

    @Test func aThrownErrorIsReportedAndEarlierOutputStays() throws {
        let notebook = try Notebook()
        _ = notebook.output("struct Oops: Error, CustomStringConvertible { var description: String { \"it broke\" } }")
        let (outcome, events) = notebook.run("print(\"before\")\nthrow Oops()\nprint(\"after\")")
        #expect(events == [.stdout("before\n")])
        #expect(outcome.error == CellError(.thrown(type: "Oops"), value: "it broke"))
        #expect(notebook.output("let y = try Tensor(shape: [1], scalars: [3])\nprint(y.scalars)") == "[3.0]\n")
        #expect(notebook.run("let z = try Tensor(shape: [2], scalars: [3])").outcome.error?.name == "NeuralError")
    }

    @Test func compileErrorsPointAtTheUsersLineAndColumn() throws {
        let notebook = try Notebook()
        let (outcome, _) = notebook.run("let a = 1\nprint(missing)")
        let error = try #require(outcome.error)
        #expect(error.name == "CompileError")
        #expect(error.value == "cannot find 'missing' in scope")
        let trace = error.traceback.joined(separator: "\n")
        #expect(trace.contains(":2:7: error: cannot find 'missing' in scope\nprint(missing)\n      ^"))
        #expect(!trace.contains("__cell") && !trace.contains("_cellResult") && !trace.contains(".swift"))
        // The failed cell defined nothing.
        #expect(notebook.run("print(a)").outcome.error?.value == "cannot find 'a' in scope")
        // Columns after inserted `public` still match what the user wrote.
        let declared = notebook.run("struct S { var v: Int }\nfunc f() -> Int { return \"no\" }").outcome.error
        #expect(declared?.traceback.first?.contains(":2:26: error:") == true)
        // Doc comments kept for inspection do not move lines either.
        let documented = notebook.run("let b = 2\n/// Returns text.\n/// Wrongly.\nfunc g() -> Int { \"no\" }\n/// A rate.\nlet rate: Int = \"r\"").outcome.error
        let messages = (documented?.traceback ?? []).map { $0.split(separator: "\n")[0] }.sorted()
        #expect(messages == ["Cell[4]:4:19: error: cannot convert return expression of type 'String' to return type 'Int'",
                             "Cell[4]:6:17: error: cannot convert value of type 'String' to closure result type 'Int'"])
    }

    @Test func oneMistakeGivesOneError() throws {
        let notebook = try Notebook()
        _ = notebook.output("let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }\nmodel.compile(optimizer: SGD(), loss: .mse)")
        let error = try #require(notebook.run("let history = try model.fit(Tensor([1]), Tensor([2]), batchSize: \"256\")").outcome.error)
        #expect(error.value == "cannot convert value of type 'String' to expected argument type 'Int'")
        #expect(error.traceback.count == 1, "\(error.traceback)")
        // Keras' argument order is accepted.
        #expect(notebook.output("""
            let history = try model.fit(Tensor([1]), Tensor([2]), validationData: (Tensor([1]), Tensor([2])),
                                        batchSize: 1, epochs: 2, verbose: .silent)
            print(history.valLoss.count)
            """) == "2\n")
    }

    @Test func crashesAreReportedAndStateIsReplayed() throws {
        let notebook = try Notebook()
        _ = notebook.output("var total = 10\nfunc bump() { total += 1 }")
        _ = notebook.output("bump()")
        let (outcome, events) = notebook.run("let values = [1, 2]\nprint(values[5])")
        #expect(outcome.error?.name == "Crash")
        #expect(outcome.error?.value.contains("Index out of range") == true)
        #expect(events.contains { if case let .notice(text) = $0 { text.contains("replayed 2") } else { false } })
        #expect(notebook.output("print(total)") == "11\n")
        #expect(notebook.run("fatalError(\"boom\")").outcome.error?.value.contains("boom") == true)
        #expect(notebook.run("exit(3)").outcome.error?.value.contains("exit status 3") == true)
        #expect(notebook.output("print(total)") == "11\n")
    }

    @Test func aCrashAfterAMegabyteOfOutputLosesNoneOfItUnderLoad() throws {
        // Both cores busy with other processes, as on a loaded CI machine.
        let load = try (0..<2).map { _ in try ChildProcess.spawn(["/bin/sh", "-c", "while :; do :; done"]) }
        defer { load.forEach { kill($0.pid, SIGKILL); _ = $0.waitForExit() } }
        let notebook = try Notebook()
        for attempt in 1...20 {
            let (outcome, events) = notebook.run("print(String(repeating: \"x\", count: 1_000_000))\nfatalError(\"after a megabyte\")")
            let printed = events.compactMap { if case let .stdout(text) = $0 { text } else { nil } }.joined()
            #expect(printed.utf8.count == 1_000_001, "attempt \(attempt)")
            #expect(outcome.error?.name == "Crash" && outcome.error?.value.contains("after a megabyte") == true, "attempt \(attempt): \(outcome)")
        }
    }

    @Test(arguments: [
        ("let s: String? = nil\nprint(s!)", "Unexpectedly found nil"),
        ("var n = Int.max\nn += 1", "arithmetic overflow (Cell[2], line 2)"),
        ("func down(_ n: Int) -> Int { down(n + 1) + 1 }\nprint(down(0))", "signal 11"),
        ("let p = UnsafeMutablePointer<Int>(bitPattern: 8)!\np.pointee = 1", "signal 11"),
        ("let empty: [Int] = []\nprint(empty[0])", "Index out of range (Cell[2], line 2)"),
    ])
    func everyKindOfCrashIsReported(_ source: String, _ reason: String) throws {
        let notebook = try Notebook()
        _ = notebook.output("let kept = 7")
        let (outcome, events) = notebook.run(source)
        let error = try #require(outcome.error)
        #expect(error.name == "Crash")
        #expect(error.value.contains(reason), "\(error)")
        #expect(!events.contains { if case .stderr = $0 { true } else { false } }, "crash text leaked to stderr")
        #expect(notebook.output("print(kept)") == "7\n")
    }

    @Test func theSequentialShorthandCompiles() throws {
        let notebook = try Notebook()
        #expect(notebook.output("let model = Sequential < Dense(4, .relu, inputShape: [2]), Dense(1) >\nprint(model.layers.count)") == "2\n")
    }

    @Test func anInterruptStopsFitBetweenBatchesAndKeepsThePartialHistory() throws {
        let notebook = try Notebook()
        let interrupter = notebook.session.interrupter
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { interrupter.interrupt() }
        let started = Date()
        let (outcome, events) = notebook.run("""
            let model = Sequential(seed: 1) { Dense(64, .relu, inputShape: [8]); Dense(1) }
            model.compile(optimizer: Adam(), loss: .mse)
            let x = Tensor(repeating: 0.5, shape: [256, 8]), y = Tensor(repeating: 1, shape: [256])
            let history = try model.fit(x, y, batchSize: 8, epochs: 1_000_000, verbose: 0)
            print("epochs:", history.epochCount, history.epochCount < 1_000_000)
            """)
        #expect(outcome == .success)
        #expect(Date().timeIntervalSince(started) < 2 + 1 + 1)   // compile + 2 s of training + under 1 s to stop
        let printed = events.compactMap { if case let .stdout(text) = $0 { text } else { nil } }.joined()
        #expect(printed.hasPrefix("epochs:") && printed.hasSuffix("true\n"), "\(printed)")
        #expect(notebook.output("print(history.loss.count == history.epochCount)") == "true\n")
    }

    @Test func anInterruptStopsATightLoopWithinASecondAndRestoresState() throws {
        let notebook = try Notebook()
        _ = notebook.output("var kept = 7")
        let interrupter = notebook.session.interrupter
        let interruptedAt = Mutex<Date?>(nil)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) {
            interruptedAt.withLock { $0 = Date() }
            interrupter.interrupt()
        }
        let outcome = notebook.session.execute("var spins = 0\nwhile true { spins &+= 1 }") { _ in }
        let returned = Date()
        #expect(outcome.error?.name == "Interrupted")
        #expect(returned.timeIntervalSince(try #require(interruptedAt.withLock { $0 })) < 1.0)
        #expect(notebook.output("print(kept)") == "7\n")
    }

    @Test func anInterruptWhileTheCellCompilesKeepsItFromRunning() throws {
        let notebook = try Notebook()
        _ = notebook.output("var runs = 0")
        let interrupter = notebook.session.interrupter
        // A cell's compile takes over 0.1 s; the interrupt comes 20 ms into it.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.02) { interrupter.interrupt() }
        var events: [CellEvent] = []
        let outcome = notebook.session.execute("runs += 1\nprint(\"ran\")") { events.append($0) }
        #expect(outcome.error == CellError(.interrupted, value: "Cell[2] was interrupted before it ran."))
        #expect(events.isEmpty)
        #expect(notebook.output("print(runs)") == "0\n")
        // The next cell is not affected by the old interrupt.
        #expect(notebook.output("runs += 1\nprint(runs)") == "1\n")
    }

    @Test func topLevelAwaitInStatementsAndBindings() throws {
        let notebook = try Notebook()
        _ = notebook.output("func slowValue() async throws -> Int { try await Task.sleep(nanoseconds: 10_000_000); return 42 }")
        #expect(notebook.output("let v = try await slowValue()\nawait Task.yield()\nprint(v, try await slowValue() + 1)") == "42 43\n")
        #expect(notebook.output("let w: Int = try await slowValue()\nprint(w)") == "42\n")
        #expect(notebook.output("@MainActor func onMain() -> String { \"main\" }\nprint(onMain())") == "main\n")
    }

    @Test func readLineIsAnsweredByTheFrontEndOrReturnsNil() throws {
        let notebook = try Notebook()
        var prompts: [String] = []
        var printed = ""
        let outcome = notebook.session.execute("""
            let name = readLine(prompt: "Name?") ?? "nobody"
            let age = readLine()
            print(name, age ?? "none")
            """, input: { prompt, _ in prompts.append(prompt); return prompts.count == 1 ? "Ada" : nil }) { event in
            if case let .stdout(text) = event { printed += text }
        }
        #expect(outcome == .success)
        #expect(printed == "Ada none\n")
        #expect(prompts == ["Name?", ""])
        #expect(notebook.output("print(readLine() == nil)") == "true\n")   // no input provider: nil
        // A replay after a crash must not wait for input nobody will give: readLine() gets nil then.
        #expect(notebook.run("fatalError()").outcome.error?.name == "Crash")
        #expect(notebook.output("print(name)") == "nobody\n")
    }

    /// Seconds a cell takes from `execute` to its outcome.
    private func timed(_ notebook: Notebook, _ source: String) -> (CellOutcome, Double) {
        let start = Date()
        let outcome = notebook.run(source).outcome
        return (outcome, Date().timeIntervalSince(start))
    }

    @Test func aCellWhoseLibraryCannotBeLoadedFailsAtOnce() throws {
        let notebook = try Notebook()
        let (_, trivial) = timed(notebook, "let kept = 7")
        // The library links (shared libraries may leave symbols undefined) but cannot be loaded.
        let (outcome, seconds) = timed(notebook, "@_silgen_name(\"no_such_function_anywhere\") func ghost()\nghost()")
        #expect(outcome.error?.name == "LoadError")
        #expect(outcome.error?.value.contains("no_such_function_anywhere") == true, "\(outcome)")
        // The runner ends the cell as the runtime does (end markers included): no wait for them.
        #expect(seconds < trivial + 1.0, "took \(seconds) s, a trivial cell \(trivial) s")
        #expect(notebook.output("print(kept)") == "7\n")
    }

    @Test func aReplayThatCannotLoadACellStopsThereAtOnce() throws {
        let notebook = try Notebook()
        _ = notebook.output("let kept = 7")
        _ = notebook.output("let later = 8")
        let (_, trivial) = timed(notebook, "_ = 1")
        try FileManager.default.removeItem(atPath: notebook.session.configuration.compiler.workDirectory + "/libCell1.so")
        // The crash restarts the runner, whose replay of Cell[1] cannot load it.
        let start = Date()
        let (outcome, events) = notebook.run("fatalError(\"boom\")")
        #expect(outcome.error?.name == "Crash")
        #expect(Date().timeIntervalSince(start) < trivial + 2.0)
        let notices = events.compactMap { if case let .notice(text) = $0 { text } else { nil } }
        #expect(notices.count == 1)
        #expect(notices.first?.contains("failed while replaying Cell[1] (LoadError: ") == true, "\(notices)")
        #expect(notebook.run("print(later)").outcome.error?.value == "cannot find 'later' in scope")
    }

    @Test func aShutDownSessionReplaysWhenItIsUsedAgain() throws {
        let notebook = try Notebook()
        _ = notebook.output("var counter = 1\ncounter += 1")
        notebook.session.shutdown()
        let (outcome, events) = notebook.run("print(counter)")
        #expect(outcome == .success)
        #expect(events.first { if case .notice = $0 { true } else { false } } != nil)
        #expect(events.contains(.stdout("2\n")))
    }

    @Test func outputStreamsWhileTheCellRuns() throws {
        let notebook = try Notebook()
        var arrivals: [Date] = []
        let outcome = notebook.session.execute("""
            import Foundation
            for i in 1...3 { print(i); Thread.sleep(forTimeInterval: 0.2) }
            """) { event in if case .stdout = event { arrivals.append(Date()) } }
        let finished = Date()
        #expect(outcome == .success)
        #expect(arrivals.count >= 2)
        #expect(finished.timeIntervalSince(arrivals[0]) > 0.3)
    }

    @Test func foundationIsImportedIntoEveryCell() throws {
        let notebook = try Notebook()
        #expect(notebook.output("print(exp(0.0) + sqrt(4.0), String(format: \"%.2f\", 0.5))") == "3.0 0.50\n")
    }

    @Test func cellsRunInTheNotebooksFolder() throws {
        let notebook = try Notebook()
        let printed = notebook.output("print(FileManager.default.currentDirectoryPath)")
        #expect(URL(fileURLWithPath: printed.trimmingCharacters(in: .newlines)).resolvingSymlinksInPath()
                == URL(fileURLWithPath: notebook.workingDirectory).resolvingSymlinksInPath())
    }
}

/// The runtime's API as its built modules declare it, for completion and inspection without sourcekitd.
@Suite struct RuntimeSymbolsTests {
    @Test func theBuiltModulesGiveNamesSignaturesAndDocComments() throws {
        let configuration = SessionConfiguration()
        let symbols = RuntimeSymbols.load(modules: configuration.runtimeModules, configuration: configuration.compiler)
        #expect(["Sequential", "Dense", "DataFrame", "Chart", "display", "linspace", "seed"].allSatisfy(symbols.topLevelNames.contains))
        let dense = symbols.documentation["Dense"]
        #expect(dense.contains { $0.documentation.hasPrefix("A fully connected layer") })
        #expect(dense.contains { $0.signature.hasPrefix("init(_ units: Int, _ activation: ActivationFunction = .linear") })
        #expect(symbols.documentation["fit"].contains { $0.signature.contains("batchSize: Int = 32") })
        // Nothing internal leaks.
        #expect(!symbols.topLevelNames.contains("gemm") && !symbols.topLevelNames.contains("withoutModuleNames"))
        #expect(symbols.problems.isEmpty)
    }

    @Test func aModuleWithoutAGraphIsNamedInTheProblems() {
        let configuration = SessionConfiguration()
        let symbols = RuntimeSymbols.load(modules: ["NoSuchModule"], configuration: configuration.compiler)
        #expect(symbols.topLevelNames.isEmpty)
        #expect(symbols.problems.count == 1 && symbols.problems[0].hasPrefix("the symbols of NoSuchModule are not known:"))
    }
}
