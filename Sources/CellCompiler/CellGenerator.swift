import SwiftParser
import SwiftSyntax

/// Turns the Swift source of a notebook cell into a module that a runner can load.
///
/// Declarations stay at module level and are made `public` (classes `open`), so later cells see
/// them; structs without an initializer get a public memberwise one. Each `let`/`var` becomes a
/// public global whose initializer runs, in source order with the statements, inside the entry
/// function; statements run there too, and a final expression's value becomes the cell's result.
/// `#sourceLocation` directives keep the user's line numbers in diagnostics and traps.
public enum CellGenerator {
    /// Generates cell `number`, importing what `scope` makes visible. A class that inherits from a
    /// class of the scope or of this cell is a subclass; any other inheritance clause lists protocols.
    public static func generate(_ userSource: String, number: Int, scope: SessionScope = SessionScope()) -> GeneratedCell {
        let (withoutCommands, commandInsertions) = CommandRewriter.rewrite(userSource, variables: scope.variableNames)
        let (source, file, shorthandInsertions) = SequentialShorthand.rewrite(withoutCommands)
        let names = CellNames(number: number)
        let converter = SourceLocationConverter(fileName: names.displayName, tree: file)
        let declarations = DeclaredNames.declarations(in: file)
        let cellClasses = declarations.filter(\.isSubclassableClass).map(\.name)
        var builder = Builder(names: names, source: userSource, parsedSource: source, converter: converter,
                              declared: declarations, knownClasses: scope.classes.union(cellClasses))
        builder.insertions = shorthandInsertions.merging(commandInsertions, uniquingKeysWith: +)
        builder.imports = scope.importLines(where: referencedNames(in: file, declaring: declarations).contains)
        let items = Array(file.statements)
        for (index, item) in items.enumerated() {
            builder.add(item, isLast: index == items.count - 1)
        }
        // A cell of `%` lines alone is a cell too (an empty module): sessions and caches count it.
        return builder.finish(hasCode: !items.isEmpty || !KernelCommandLine.lines(in: userSource).isEmpty)
    }

    /// The names `file` refers to beyond its own declarations' names: identifiers it holds more
    /// often than it declares them. A cell that only redeclares `x` then does not load the module
    /// of the earlier `x` (nor, through that module's imports, every cell before it).
    static func referencedNames(in file: SourceFileSyntax, declaring declarations: [DeclaredNames.Declaration]) -> Set<String> {
        var counts = GeneratedCell.identifierCounts(in: file)
        for declaration in declarations { counts[declaration.name, default: 0] -= 1 }
        return Set(counts.filter { $0.value > 0 }.keys)
    }
}

/// Accumulates the module-level text and the entry function's body.
private struct Builder {
    let names: CellNames
    /// What the user wrote (shown in diagnostics).
    let source: String
    /// The source after the `Sequential < … >` rewrite, which the rest works on.
    let utf8: [UInt8]
    let converter: SourceLocationConverter
    var imports: [String] = []
    var declarations: [String] = []
    var body: [String] = []
    var insertions: [Int: [GeneratedCell.Insertion]] = [:]
    var bindingCount = 0
    /// What the cell's checkpoint functions do with each binding: its storage and its name, or
    /// why it cannot be saved.
    var checkpointed: [(storage: String, name: String, isVariable: Bool, unsavable: String?)] = []
    var hasResult = false
    var importsOtherModules = false
    /// The cell's imports of other modules (`import Numerics`), which later cells see too.
    var importedModules: [String] = []
    /// Whether the cell extends a type (members and conformances no scoped import names).
    var declaresExtensions = false
    /// Whether a statement of the entry function awaits, which then runs as a task.
    var bodyAwaits = false

    /// The cell's top-level declarations.
    let declared: [DeclaredNames.Declaration]
    /// Classes a class declared here may inherit from (the session's and this cell's).
    let knownClasses: Set<String>

    init(names: CellNames, source: String, parsedSource: String, converter: SourceLocationConverter,
         declared: [DeclaredNames.Declaration], knownClasses: Set<String>) {
        self.names = names
        self.declared = declared
        self.knownClasses = knownClasses
        self.source = source
        self.utf8 = Array(parsedSource.utf8)
        self.converter = converter
    }

    var fileName: String { names.displayName }

    mutating func add(_ item: CodeBlockItemSyntax, isLast: Bool) {
        switch item.item {
        case let .decl(decl):
            if let importDecl = decl.as(ImportDeclSyntax.self) {
                let module = importDecl.path.first?.name.text ?? ""
                if !["Foundation", "NotebookRuntime", "Swift"].contains(module) && !CellNames.isModuleName(module) {
                    importsOtherModules = true
                    importedModules.append(importDecl.trimmedDescription)
                }
                imports.append(located(item, text: text(of: item)))
            } else if let variable = decl.as(VariableDeclSyntax.self), variable.bindings.allSatisfy(\.isStored) {
                addBindings(variable)
            } else {
                declaresExtensions = declaresExtensions || decl.is(ExtensionDeclSyntax.self)
                declarations.append(located(item, text: publicized(item)))
            }
        case .stmt:
            bodyAwaits = bodyAwaits || Self.awaits(item)
            body.append(located(item, text: text(of: item)))
        case let .expr(expr):
            bodyAwaits = bodyAwaits || Self.awaits(item)
            if isLast {
                hasResult = true
                let start = location(of: item)
                let call = "\(RuntimeHelper.result)("
                insertions[start.line, default: []].append(.init(column: start.column, length: call.utf8.count))
                body.append(located(item, text: call + text(of: expr) + ")"))
            } else {
                body.append(located(item, text: text(of: item)))
            }
        }
    }

    /// `let x: T = e` becomes
    /// `public let __cellN_bK: Result<T, any Error> = _cellCatching(restoring: "__cellN_bK") { e }`,
    /// `public let x: T = _cellValue(__cellN_bK)`,
    /// and the entry function evaluates `try __cellN_bK.get()` where the binding stood. The cell's
    /// save function hands `x` to a checkpoint; its restore function touches `__cellN_bK`.
    mutating func addBindings(_ variable: VariableDeclSyntax) {
        let keyword = variable.bindingSpecifier.trimmedDescription
        let attributes = variable.attributes.map(\.trimmedDescription).joined(separator: " ")
        for binding in variable.bindings {
            guard let initializer = binding.initializer else {
                declarations.append(located(variable, text: "public " + text(of: variable)))
                continue
            }
            let pattern = binding.pattern.trimmedDescription
            if pattern == "_" {
                bodyAwaits = bodyAwaits || Self.awaits(initializer.value)
                body.append(located(initializer.value, text: "_ = " + text(of: initializer.value)))
                continue
            }
            let storage = names.bindingStorage(bindingCount)
            bindingCount += 1
            let annotation = binding.typeAnnotation.map { $0.type.trimmedDescription }
            let line = location(of: binding).line
            let awaits = Self.awaits(initializer.value)
            // The annotation types the storage, so a mismatch is reported once, at the user's value:
            // "cannot convert value of type 'String' to closure result type 'Int'".
            let storageType = annotation.map { ": Result<\($0), any Error>" } ?? ""
            checkpointed.append((storage, pattern, keyword == "var",
                                 binding.pattern.is(IdentifierPatternSyntax.self) ? nil : "it is declared by a pattern"))
            declarations.append("""
                public let \(storage)\(storageType) = \(awaits ? RuntimeHelper.awaitResult : .catching)(restoring: "\(storage)") {
                \(located(initializer.value, text: text(of: initializer.value)))
                }
                \(lineDirective(line: line, documenting: variable))\
                \(attributes.isEmpty ? "" : attributes + " ")public \(keyword) \(pattern)\(annotation.map { ": \($0)" } ?? "") = \(RuntimeHelper.value)(\(storage))
                #sourceLocation()
                """)
            body.append("#sourceLocation(file: \"\(fileName)\", line: \(line))\n_ = try \(storage).get()\n#sourceLocation()")
        }
    }

    /// Whether `node` holds an `await` (a nested closure's included).
    static func awaits(_ node: some SyntaxProtocol) -> Bool {
        node.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .keyword(.await) }
    }

    /// The module's text. The entry function runs the statements on the main actor the runner
    /// calls it on, at once; as a task when they await. Cells that bind values get checkpoint
    /// functions. (A task and the two functions each cost a sixth of a trivial cell's compile.)
    func finish(hasCode: Bool) -> GeneratedCell {
        let entry = """
            @_cdecl("\(names.entrySymbol)")
            public func \(names.entryFunction)() {
                \(RuntimeHelper.started)()
                \(bodyAwaits ? "Task { @MainActor in" : "MainActor.assumeIsolated {")
                    do {
            \(body.joined(separator: "\n"))
                        \(RuntimeHelper.finished)(true)
                    } catch {
                        \(RuntimeHelper.failed)(error)
                        \(RuntimeHelper.finished)(false)
                    }
                }
            }
            """
        let saves = checkpointed.map { binding in
            let labels = "as: \"\(binding.storage)\", named: \"\(binding.name)\", isVariable: \(binding.isVariable)"
            return binding.unsavable.map { "\(RuntimeHelper.notSaved)(\(labels), because: \"\($0)\")" }
                ?? "\(RuntimeHelper.save)(\(binding.name), \(labels))"
        }
        let restores = checkpointed.map { "\(RuntimeHelper.restore)(\"\($0.storage)\") { _ = \($0.storage) }" }
        let checkpointFunctions = checkpointed.isEmpty ? [] : [Self.mainActorFunction(names.saveSymbol, names.saveFunction, saves),
                                                               Self.mainActorFunction(names.restoreSymbol, names.restoreFunction, restores)]
        let hasMarker = declaresExtensions || importsOtherModules
        let marker = hasMarker ? ["public enum \(names.markerName) {}"] : []
        let module = (imports + marker + declarations + [entry] + checkpointFunctions).joined(separator: "\n") + "\n"
        return GeneratedCell(names: names, source: module, userSource: source, insertions: insertions,
                             hasResultExpression: hasResult, hasCode: hasCode, importsOtherModules: importsOtherModules, importedModules: importedModules,
                             hasMarker: hasMarker, savesValues: !checkpointed.isEmpty, declarations: declared,
                             holdsState: declaresExtensions || declared.contains { $0.importKind != .func })
    }

    /// A C-callable function that runs `statements` on the main actor (the runner calls it there).
    static func mainActorFunction(_ symbol: String, _ name: String, _ statements: [String]) -> String {
        """
        @_cdecl("\(symbol)")
        public func \(name)() {
            MainActor.assumeIsolated {
        \(statements.map { "        " + $0 }.joined(separator: "\n"))
            }
        }
        """
    }

    // MARK: - Text and locations

    func location(of node: some SyntaxProtocol) -> SourceLocation {
        node.startLocation(converter: converter, afterLeadingTrivia: true)
    }

    /// The node's source text, from its first token to its last, exactly as written.
    func text(of node: some SyntaxProtocol) -> String {
        let start = node.positionAfterSkippingLeadingTrivia.utf8Offset
        let end = node.endPositionBeforeTrailingTrivia.utf8Offset
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// `text` behind a line directive and the spaces that put its first character in its original column.
    func located(_ node: some SyntaxProtocol, text: String) -> String {
        let start = location(of: node)
        return lineDirective(line: start.line, documenting: node)
            + String(repeating: " ", count: start.column - 1) + text + "\n#sourceLocation()"
    }

    /// A `#sourceLocation` for `line`, followed by the node's doc comment (which must follow the
    /// directive to stay attached), the directive counting the comment's lines so `line` stays put.
    func lineDirective(line: Int, documenting node: some SyntaxProtocol) -> String {
        let documentation = node.leadingTrivia.compactMap { piece -> String? in
            switch piece {
            case let .docLineComment(text), let .docBlockComment(text): text + "\n"
            default: nil
            }
        }.joined()
        let documentationLines = documentation.utf8.count { $0 == UInt8(ascii: "\n") }
        return "#sourceLocation(file: \"\(fileName)\", line: \(line - documentationLines))\n" + documentation
    }

    /// The declaration's text with access modifiers added where later cells need them.
    mutating func publicized(_ item: CodeBlockItemSyntax) -> String {
        let collector = AccessInserter(knownClasses: knownClasses)
        collector.walk(item)
        var bytes = Array(utf8[item.positionAfterSkippingLeadingTrivia.utf8Offset..<item.endPositionBeforeTrailingTrivia.utf8Offset])
        let base = item.positionAfterSkippingLeadingTrivia.utf8Offset
        for insertion in collector.insertions.sorted(by: { $0.offset > $1.offset }) {
            bytes.insert(contentsOf: Array(insertion.text.utf8), at: insertion.offset - base)
            let location = converter.location(for: AbsolutePosition(utf8Offset: insertion.offset))
            insertions[location.line, default: []].append(.init(column: location.column, length: insertion.text.utf8.count))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension PatternBindingSyntax {
    /// Whether the binding stores a value (rather than computing it with accessors).
    var isStored: Bool {
        guard let accessors = accessorBlock else { return true }
        if case let .accessors(list) = accessors.accessors {
            return list.allSatisfy { ["willSet", "didSet"].contains($0.accessorSpecifier.text) }
        }
        return false
    }
}
