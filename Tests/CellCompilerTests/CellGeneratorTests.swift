import SwiftParser
import Testing
@testable import CellCompiler

@Suite struct CellGeneratorTests {
    @Test func blankAndCommentOnlyCellsHaveNoCode() {
        #expect(!CellGenerator.generate("", number: 1).hasCode)
        #expect(!CellGenerator.generate("  \n\t", number: 1).hasCode)
        #expect(!CellGenerator.generate("// a note\n/* and another */", number: 1).hasCode)
        #expect(CellGenerator.generate("// a note\nprint(1)", number: 1).hasCode)
    }

    @Test func generatedNamesAreRecognized() {
        let cell = CellGenerator.generate("let x = 1", number: 12)
        #expect(CellNames.isGenerated(cell.moduleName))
        #expect(CellNames.isGenerated("__cell12_b0") && CellNames.isGenerated("__cell12_run"))
        #expect(!CellNames.isGenerated("Cellar") && !CellNames.isGenerated("x"))
        #expect(cell.source.contains("__cell12_b0") && cell.source.contains("__cell12_run"))
    }

    @Test func docCommentsStayWithTheirDeclarations() {
        let cell = CellGenerator.generate("/// Doubles a count.\nfunc twice(_ n: Int) -> Int { n * 2 }\n/// The rate.\nlet rate = 0.1",
                                          number: 1)
        #expect(cell.source.contains("#sourceLocation(file: \"Cell[1]\", line: 1)\n/// Doubles a count.\npublic func twice"))
        #expect(cell.source.contains("#sourceLocation(file: \"Cell[1]\", line: 3)\n/// The rate.\npublic let rate"))
    }

    @Test func declarationsBecomePublicAndClassesOpen() {
        let cell = CellGenerator.generate("""
            struct P { var x: Int; private var secret = 1 }
            class A { func f() {} ; let k = 1; final func g() {} }
            final class B {}
            private func hidden() {}
            """, number: 1)
        #expect(cell.source.contains("public struct P { public var x: Int; private var secret = 1 ; public init(x: Int) { self.x = x } }"))
        #expect(cell.source.contains("open class A { open func f() {} ; public let k = 1; public final func g() {} ; public init() {} }"))
        #expect(cell.source.contains("public final class B {public init() {} }"))
        #expect(cell.source.contains("private func hidden() {}"))
    }

    @Test func classesConformingToProtocolsGetAPublicInitializerAndSubclassesDoNot() {
        var scope = SessionScope()
        scope.record(CellGenerator.generate("class Animal {}\nfinal class Leaf {}", number: 1))
        #expect(scope.classes == ["Animal"])
        let cell = CellGenerator.generate("""
            class Logger: Callback, CustomStringConvertible { var description: String { "" } }
            class Base {}
            class Derived: Base {}
            class Cat: Animal {}
            class Delegate: NSObject {}
            """, number: 2, scope: scope)
        #expect(cell.source.contains("open class Logger: Callback, CustomStringConvertible { open var description: String { \"\" } ; public init() {} }"))
        #expect(cell.source.contains("open class Base {public init() {} }"))
        #expect(cell.source.contains("open class Derived: Base {}"))
        #expect(cell.source.contains("open class Cat: Animal {}"))
        #expect(cell.source.contains("open class Delegate: NSObject {}"))
    }

    @Test func aLaterDeclarationReplacesAnEarlierOneInTheScope() {
        var scope = SessionScope()
        scope.record(CellGenerator.generate("func f() -> Int { 1 }\nstruct P {}\nvar (a, b) = (1, 2)\nextension Int {}", number: 1))
        scope.record(CellGenerator.generate("func f() -> String { \"\" }\nactor Counter {}", number: 2))
        scope.record(CellGenerator.generate("func + (l: P, r: P) -> P { l }\nlet a = 3", number: 3))
        #expect(scope.importLines == [
            "import Foundation", "import NotebookRuntime",
            "import enum Cell1.__cell1_module",   // extensions stay visible; other cells load for their names
            "import Cell3",   // an operator function cannot be imported alone
            "import class Cell2.Counter", "import struct Cell1.P", "import var Cell3.a", "import var Cell1.b",
            "import func Cell2.f",
        ])
        #expect(scope.names == ["Counter", "P", "a", "b", "f"])
        #expect(scope.lastCell == 3)
    }

    @Test(arguments: [("extension Int { var twice: Int { self * 2 } }", true), ("import Dispatch\nlet q = 1", true),
                      ("struct S: Equatable {}\nlet s = S()", false), ("print(1)", false)])
    func onlyCellsWithExtensionsOrImportsAreImportedByTheirMarker(_ source: String, hasMarker: Bool) {
        let cell = CellGenerator.generate(source, number: 7)
        #expect(cell.hasMarker == hasMarker)
        #expect(cell.source.contains("public enum __cell7_module {}") == hasMarker)
        var scope = SessionScope()
        scope.record(cell)
        #expect(scope.importLines.contains("import enum Cell7.__cell7_module") == hasMarker)
    }

    @Test func aCellsImportsDoNotGrowWithTheSession() {
        var scope = SessionScope()
        scope.record(CellGenerator.generate("extension Int { var twice: Int { self * 2 } }\nfunc f() -> Int { 1 }", number: 1))
        for number in 2...200 {
            scope.record(CellGenerator.generate(["print(1)", "let a = 1", "_ = f()"][number % 3], number: number))
        }
        let session = ["import Foundation", "import NotebookRuntime", "import enum Cell1.__cell1_module"]
        #expect(scope.importLines == session + ["import var Cell199.a", "import func Cell1.f"])
        // A cell imports only the live names it refers to; redeclaring `a` does not load the earlier `a`.
        func imports(_ source: String) -> [String] {
            CellGenerator.generate(source, number: 201, scope: scope).source.split(separator: "\n").map(String.init).filter { $0.hasPrefix("import ") }
        }
        #expect(imports("print(1)") == session)
        #expect(imports("let a = 1") == session)
        #expect(imports("_ = f()") == session + ["import func Cell1.f"])
        #expect(imports("let a = a + f()") == session + ["import var Cell199.a", "import func Cell1.f"])
    }

    @Test(arguments: [("let a = 1", [String]()), ("let a = a + 1", ["a"]), ("var (a, b) = (1, 2)", []),
                      ("func f(_ x: Int) -> Int { f() + x }", ["f", "x", "Int"]), ("print(`a`, $b)", ["a", "b", "print"]),
                      ("struct P { static let zero = P() }", ["P", "zero"]), ("extension P {}", ["P"])])
    func aCellRefersToTheNamesItUsesBeyondItsDeclarations(_ source: String, referenced: [String]) {
        let file = Parser.parse(source: source)
        #expect(CellGenerator.referencedNames(in: file, declaring: DeclaredNames.declarations(in: file)) == Set(referenced))
    }

    @Test func bindingsRunInTheEntryAndTheLastExpressionIsTheResult() {
        var scope = SessionScope()
        scope.record(CellGenerator.generate("func f() -> Int { 1 }", number: 3))
        let cell = CellGenerator.generate("let x: Double = 2\nvar (a, b) = (1, f())\nx * 3", number: 4, scope: scope)
        #expect(cell.source.hasPrefix("import Foundation\nimport NotebookRuntime\nimport func Cell3.f\n"))
        #expect(!cell.source.contains("__cell4_module") && !cell.hasMarker)
        #expect(cell.source.contains("public let __cell4_b0: Result<Double, any Error> = _cellCatching(restoring: \"__cell4_b0\") {"))
        #expect(cell.source.contains("public let x: Double = _cellValue(__cell4_b0)"))
        #expect(cell.source.contains("public var (a, b) = _cellValue(__cell4_b1)"))
        #expect(cell.source.contains("_cellResult(x * 3)"))
        #expect(cell.hasResultExpression)
    }

    @Test(arguments: [("print(1)", false), ("await Task.yield()", true), ("_ = await f()", true),
                      ("for await x in stream { print(x) }", true), ("let v = await f()\nprint(v)", false),
                      ("Task { await f() }", true), ("let awaited = 1", false)])
    func onlyAnEntryThatAwaitsRunsAsATask(_ source: String, awaits: Bool) {
        let cell = CellGenerator.generate(source, number: 2)
        #expect(cell.source.contains("Task { @MainActor in") == awaits)
        #expect(cell.source.contains("MainActor.assumeIsolated {\n        do {") == !awaits)
    }

    @Test func onlyCellsThatBindValuesHaveCheckpointFunctions() {
        let statement = CellGenerator.generate("print(1)\nfunc g() {}", number: 5)
        #expect(!statement.savesValues)
        #expect(!statement.source.contains(statement.names.saveSymbol) && !statement.source.contains(statement.names.restoreSymbol))
        let binding = CellGenerator.generate("var total = 0", number: 6)
        #expect(binding.savesValues)
        #expect(binding.source.contains("@_cdecl(\"\(binding.names.saveSymbol)\")"))
        #expect(binding.source.contains("@_cdecl(\"\(binding.names.restoreSymbol)\")"))
    }

    @Test func columnsMapBackAcrossInsertions() {
        let cell = CellGenerator.generate("struct S { var v: Int }", number: 1)
        // "public " went in at column 1 and again before `var` (column 12).
        #expect(cell.userColumn(line: 1, generatedColumn: 8) == 1)
        #expect(cell.userColumn(line: 1, generatedColumn: 26) == 12)
        #expect(cell.userColumn(line: 1, generatedColumn: 30) == 16)
    }
}

@Suite struct SequentialShorthandTests {
    @Test func theCardSyntaxBecomesTheArrayForm() {
        let (source, _, insertions) = SequentialShorthand.rewrite("let m = Sequential < Dense(512, .relu), Dense(1) >\nm.summary()")
        #expect(source == "let m = Sequential ([ Dense(512, .relu), Dense(1) ])\nm.summary()")
        #expect(insertions[1]?.count == 2)
    }

    @Test func comparisonsInsideTheListDoNotEndIt() {
        let (source, _, _) = SequentialShorthand.rewrite("Sequential < Dense(units > 3 ? 8 : 4), Dense(1) >")
        #expect(source == "Sequential ([ Dense(units > 3 ? 8 : 4), Dense(1) ])")
    }

    @Test func otherCodeIsUntouched() {
        let text = "let a = 1 < 2\nlet s = Sequential { Dense(1) }"
        #expect(SequentialShorthand.rewrite(text).source == text)
    }
}

@Suite struct CompletenessTests {
    @Test(arguments: ["let x = 1", "print(x)", "func f() { }", "struct S {\n  var a: Int\n}"])
    func complete(_ code: String) { #expect(Completeness.of(code) == .complete) }

    @Test(arguments: ["func f() {", "let x = [1, 2,", "print(", "if x {\n    let y = 2", "let s = \"\"\"\nabc"])
    func incomplete(_ code: String) {
        guard case .incomplete = Completeness.of(code) else { Issue.record("\(Completeness.of(code))"); return }
    }

    @Test(arguments: ["let = 5", "func ) {", "x = = 3"])
    func invalid(_ code: String) { #expect(Completeness.of(code) == .invalid) }

    @Test func theIndentFollowsTheLastLine() {
        #expect(Completeness.of("if x {\n    if y {") == .incomplete(indent: "        "))
    }
}
