import CellCompiler
import CellRunner
import Foundation
import NotebookDisplay
import Testing

/// `%install` end to end: SwiftPM resolves from this machine's package mirror (github.com URLs are
/// served from it, no network), builds into the build folder's shared store, the runner loads it.
@Suite(.serialized) struct PackageInstallTests {
    static let numerics = #"%install '.package(url: "https://github.com/apple/swift-numerics", from: "1.0.0")' Numerics"#
    static let collections = #"%install '.package(url: "https://github.com/apple/swift-collections", from: "1.0.0")' DequeModule"#

    /// The text of the cell's displays as they end (an update replaces its display).
    static func displayedText(_ events: [CellEvent]) -> [String] {
        var shown: [(id: String?, text: String)] = []
        for event in events {
            switch event {
            case let .display(.display(bundle, id)): shown.append((id, bundle.data["text/plain"] ?? ""))
            case let .display(.update(bundle, id)):
                if let index = shown.firstIndex(where: { $0.id == id }) { shown[index].text = bundle.data["text/plain"] ?? "" }
            default: break
            }
        }
        return shown.map(\.text)
    }

    @Test func aPackageFromTheMirrorIsImportableFromItsCellOnAndInLaterCells() throws {
        let notebook = try Notebook()
        let (outcome, events) = notebook.run(Self.numerics)
        #expect(outcome == .success)
        #expect(Self.displayedText(events) == ["Installed swift-numerics 1.1.1: Numerics"])
        #expect(notebook.output("import Numerics\nlet z = Complex(3.0, 4.0)\nprint(z.length, Double.exp(0))") == "5.0 1.0\n")
        // The import, like a REPL's, holds for the cells after it.
        #expect(notebook.output("print((z * z).real)") == "-7.0\n")
        #expect(notebook.session.packages?.pins.map(\.identity) == ["swift-numerics"])
    }

    @Test func aSecondSessionWithTheSameSetDoesNotBuildAgain() throws {
        _ = try Notebook().run(Self.numerics)   // built here if no test built it before
        let (outcome, events) = try Notebook().run(Self.numerics)
        #expect(outcome == .success)
        // SwiftPM did not run: no build output, only the summary.
        #expect(events.count == 1)
        #expect(Self.displayedText(events) == ["Installed swift-numerics 1.1.1: Numerics"])
    }

    @Test func installingMidSessionKeepsTheValuesTheSessionHas() throws {
        let notebook = try Notebook()
        _ = notebook.output("var count = 40\ncount += 1\nfinal class Box { var value = 7 }\nlet box = Box()\nbox.value = 8")
        // The first set: loaded into the running runner.
        #expect(notebook.run(Self.numerics).outcome == .success)
        #expect(notebook.output("import Numerics\nprint(count + 1, box.value, Complex(1.0, 1.0).real)") == "42 8 1.0\n")
        // A second set replaces the first: a new runner takes the state over.
        let (outcome, events) = notebook.run(Self.collections)
        #expect(outcome == .success)
        #expect(events.contains { if case let .notice(text) = $0 { text.contains("packages changed") } else { false } })
        #expect(notebook.output("import DequeModule\nvar deque = Deque([1, 2, 3])\ndeque.prepend(0)\nprint(count, box.value, deque.count, Complex(2.0, 0.0).real)")
            == "41 8 4 2.0\n")
    }

    /// A local package `Helpers` in `folder` whose `greeting(for:)` says `word`.
    static func makeHelpers(in folder: String, saying word: String) throws {
        let package = folder + "/Helpers"
        try FileManager.default.createDirectory(atPath: package + "/Sources/Helpers", withIntermediateDirectories: true)
        try """
            // swift-tools-version: 5.9
            import PackageDescription
            let package = Package(name: "Helpers", products: [.library(name: "Helpers", targets: ["Helpers"])],
                                  targets: [.target(name: "Helpers")])
            """.write(toFile: package + "/Package.swift", atomically: true, encoding: .utf8)
        try "public func greeting(for name: String) -> String { \"\(word), \\(name)\" }"
            .write(toFile: package + "/Sources/Helpers/Helpers.swift", atomically: true, encoding: .utf8)
    }

    @Test func aLocalPackageByARelativePathIsBuiltFromItsFilesEachTime() throws {
        let notebook = try Notebook()
        try Self.makeHelpers(in: notebook.workingDirectory, saying: "Hello")
        let install = #"%install '.package(path: "Helpers")' Helpers"#
        let (outcome, events) = notebook.run(install)
        #expect(outcome == .success, "\(outcome)")
        #expect(Self.displayedText(events).last == "Installed helpers (local): Helpers")
        #expect(notebook.output("import Helpers\nprint(greeting(for: \"notebook\"))") == "Hello, notebook\n")

        try Self.makeHelpers(in: notebook.workingDirectory, saying: "Hi")
        let later = try Notebook()
        try FileManager.default.removeItem(atPath: later.workingDirectory)
        try FileManager.default.createSymbolicLink(atPath: later.workingDirectory, withDestinationPath: notebook.workingDirectory)
        #expect(later.run(install).outcome == .success)
        #expect(later.output("import Helpers\nprint(greeting(for: \"again\"))") == "Hi, again\n")
    }

    @Test func swiftJupytersInstallLocationAndCwdAreUnderstood() throws {
        let notebook = try Notebook()
        try Self.makeHelpers(in: notebook.workingDirectory, saying: "Hello")
        let (outcome, events) = notebook.run("""
            %install-location $cwd/swift-install
            %install '.package(path: "$cwd/Helpers")' Helpers
            """)
        #expect(outcome == .success, "\(outcome)")
        #expect(Self.displayedText(events).last == "Installed helpers (local): Helpers")
        #expect(notebook.output("import Helpers\nprint(greeting(for: \"swift-jupyter\"))") == "Hello, swift-jupyter\n")
        // Built in the folder named, not in the shared one.
        let sets = try FileManager.default.contentsOfDirectory(atPath: notebook.workingDirectory + "/swift-install").filter { !$0.hasSuffix(".lock") }
        #expect(sets.count == 1)
        #expect(FileManager.default.fileExists(atPath: notebook.workingDirectory + "/swift-install/\(sets[0])/installed.json"))

        let error = try #require(notebook.run("%install-location").outcome.error)
        #expect(error.name == "CommandError")
        #expect(error.value == "%install-location on line 1 names no folder: %install-location FOLDER")
    }

    @Test func anInterruptStopsAPackageBuildAndKeepsTheSession() throws {
        let notebook = try Notebook()
        _ = notebook.output("let kept = 6")
        try Self.makeHelpers(in: notebook.workingDirectory, saying: "Hello")
        let started = Date()
        var interrupted = false
        // A local package is built each time: interrupt once SwiftPM says something, mid-build.
        let outcome = notebook.session.execute(#"%install '.package(path: "Helpers")' Helpers"#) { event in
            if case .display = event, !interrupted {
                interrupted = true
                notebook.session.interrupter.interrupt()
            }
        }
        let error = try #require(outcome.error)
        #expect(interrupted)
        #expect(error.kind == .interrupted, "\(error)")
        #expect(error.value == "The packages' build was interrupted; the session is as it was.")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(notebook.session.packages == nil)
        #expect(notebook.output("print(kept)") == "6\n")
        // And the next install builds.
        #expect(notebook.run(#"%install '.package(path: "Helpers")' Helpers"#).outcome == .success)
    }

    @Test func aPackageThatDoesNotExistFailsTheCellWithSwiftPMsMessageAndKeepsTheSession() throws {
        let notebook = try Notebook()
        _ = notebook.output("let kept = 5")
        let (outcome, _) = notebook.run(#"%install '.package(url: "https://github.com/nobody/no-such-package", from: "1.0.0")' Nothing"#)
        let error = try #require(outcome.error)
        #expect(error.name == "PackageError")
        #expect(error.value.contains("could not be built"))
        #expect(error.value.contains("no-such-package"))
        #expect(notebook.session.packages == nil)
        #expect(notebook.output("print(kept)") == "5\n")
    }

    @Test func aPackageLineWrittenWrongSaysHowToWriteIt() throws {
        let notebook = try Notebook()
        for (line, expected) in [("%install Numerics", "between single quotes"),
                                 (#"%install '.package(url: "https://github.com/apple/swift-numerics", from: "1.0.0")'"#, "names no product"),
                                 ("%install 'Numerics' Numerics", "is not a .package(…) dependency"),
                                 (#"%install '.package(name: "x")' X"#, "has no url: or path:")] {
            let error = try #require(notebook.run(line).outcome.error)
            #expect(error.name == "CommandError")
            #expect(error.value.contains(expected), "\(line): \(error.value)")
        }
    }
}
