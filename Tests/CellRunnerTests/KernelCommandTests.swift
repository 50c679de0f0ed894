import CellCompiler
import CellRunner
import Foundation
import Testing

/// The `%` commands through a real session (compiled cells, a real runner).
@Suite(.serialized) struct KernelCommandTests {
    @Test func aLineThatIsNoCommandFailsTheCellWithTheListOfCommands() throws {
        let notebook = try Notebook()
        let error = try #require(notebook.run("let a = 1\n%frobnicate now").outcome.error)
        #expect(error.name == "CommandError")
        #expect(error.value.hasPrefix("%frobnicate on line 2 is not a command of this kernel"))
        for command in KernelCommand.allCases { #expect(error.value.contains(command.usage)) }
        // A name with dashes is one name (swift-jupyter's), not `%install` with odd arguments.
        let flags = try #require(notebook.run("%install-swiftpm-flags -c release").outcome.error)
        #expect(flags.value.hasPrefix("%install-swiftpm-flags on line 1 is not a command of this kernel"))
        // The modulo operator stays Swift.
        #expect(notebook.output("let b = 7\nprint(b\n% 4)") == "3\n")
    }

    @Test func timeitReportsMeanAndDeviationPerLoopAsIPythonDoes() throws {
        let notebook = try Notebook()
        _ = notebook.output("let numbers = Array(1...100)")
        let output = notebook.output("%timeit numbers.reduce(0, +)")
        #expect(output.wholeMatch(of: /[0-9.]+ (ns|µs|ms|s) ± [0-9.]+ (ns|µs|ms|s) per loop \(mean ± std\. dev\. of 7 runs, [0-9]+ loops? each\)\n/) != nil, "\(output)")
    }

    @Test func anErrorInATimedExpressionPointsAtTheUsersColumn() throws {
        let notebook = try Notebook()
        let error = try #require(notebook.run("%timeit  undefinedThing + 1").outcome.error)
        #expect(error.name == "CompileError")
        #expect(error.value.contains("undefinedThing"))
        #expect(error.traceback.first?.contains("Cell[1]:1:10") == true, "\(error.traceback)")
    }

    @Test func whoListsTheVariablesAndWhosTheirTypesAndShapes() throws {
        let notebook = try Notebook()
        #expect(notebook.output("%who") == "Interactive namespace is empty.\n")
        _ = notebook.output("let rate = 0.5\nvar name = \"wine\"\nfunc f() {}\nlet t = Tensor([[1, 2, 3], [4, 5, 6]])")
        #expect(notebook.output("%who") == "name\trate\tt\n")
        #expect(notebook.output("%whos") == """
            Variable   Type     Data/Info
            -----------------------------
            name       String   wine
            rate       Double   0.5
            t          Tensor   shape [2, 3]

            """)
        // With the variables the cell declares above the line (not those below it), as IPython runs a cell's lines in order.
        #expect(notebook.output("let epochs = 10\nvar (low, high) = (1, 2)\n%who\nlet later = 3") == "epochs\thigh\tlow\tname\trate\tt\n")
        #expect(notebook.output("let rate = 0.1\n%whos").contains("rate       Double   0.1\n"))
    }

    @Test func envSetsAndShowsTheCellsEnvironment() throws {
        let notebook = try Notebook()
        #expect(notebook.output("%env NOTEBOOK_TEST=on=off") == "env: NOTEBOOK_TEST=on=off\n")
        #expect(notebook.output("%env NOTEBOOK_TEST\nprint(ProcessInfo.processInfo.environment[\"NOTEBOOK_TEST\"]!)") == "on=off\non=off\n")
        let error = try #require(notebook.run("%env NOTEBOOK_NOT_SET").outcome.error)
        #expect(error.value == "%env: NOTEBOOK_NOT_SET is not set")
    }

    @Test func cdChangesTheCellsFolderAndSurvivesARestart() throws {
        let notebook = try Notebook()
        try FileManager.default.createDirectory(atPath: notebook.workingDirectory + "/data", withIntermediateDirectories: true)
        let folder = URL(fileURLWithPath: notebook.workingDirectory + "/data").resolvingSymlinksInPath().path
        #expect(notebook.output("%cd data") == folder + "\n")
        notebook.session.shutdown()   // the replay changes folder again
        #expect(notebook.output("print(FileManager.default.currentDirectoryPath)") == folder + "\n")
        let error = try #require(notebook.run("%cd no-such-folder").outcome.error)
        #expect(error.value.contains("No such file or directory"))
    }

    @Test func resetForgetsEveryNameAndTimePrintsTheWallTime() throws {
        let notebook = try Notebook()
        _ = notebook.output("let gone = 1")
        #expect(notebook.output("%reset\nlet fresh = 2") == "")
        let error = try #require(notebook.run("print(gone)").outcome.error)
        #expect(error.value.contains("cannot find 'gone' in scope"))
        let timed = notebook.output("%time\nprint(fresh)")
        #expect(timed.wholeMatch(of: /2\nWall time: [0-9.]+ (ns|µs|ms|s) \(compile [0-9.]+ (ns|µs|ms|s), run [0-9.]+ (ns|µs|ms|s)\)\n/) != nil, "\(timed)")
    }

    @Test func helpSaysWhatACommandDoes() throws {
        let notebook = try Notebook()
        #expect(notebook.output("%help timeit") == KernelCommand.timeit.help + "\n")
        #expect(notebook.output("%help") == KernelCommand.overview + "\n")
        #expect(try #require(notebook.run("%help frobnicate").outcome.error).name == "CommandError")
    }
}
