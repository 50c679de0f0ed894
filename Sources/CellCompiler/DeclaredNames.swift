import SwiftParser
import SwiftSyntax

/// The names a cell declares at top level (functions, types, variables).
public enum DeclaredNames {
    /// A top-level declaration: its name, and the keyword of a scoped import that brings in just
    /// it (`import func Cell3.f`), or nil when no scoped import can name it (operator functions,
    /// operators, precedence groups, macros).
    public struct Declaration: Sendable, Equatable {
        public let name: String
        public let importKind: ImportKind?
        /// A class that is not `final`: later classes may inherit from it.
        public var isSubclassableClass = false
    }

    /// The keyword of a scoped import (`import func Cell3.f`).
    public enum ImportKind: String, Sendable, Equatable {
        case `func`, `struct`, `class`, `enum`, `protocol`, `typealias`, `var`
    }

    /// The declarations at the top level of a parsed cell, in order of appearance.
    static func declarations(in file: SourceFileSyntax) -> [Declaration] {
        var found: [Declaration] = []
        for item in file.statements {
            guard case let .decl(decl) = item.item else { continue }
            if let function = decl.as(FunctionDeclSyntax.self) {
                let isIdentifier = if case .identifier = function.name.tokenKind { true } else { false }
                found.append(Declaration(name: function.name.text, importKind: isIdentifier ? .func : nil))
            } else if let type = decl.as(StructDeclSyntax.self) {
                found.append(Declaration(name: type.name.text, importKind: .struct))
            } else if let type = decl.as(ClassDeclSyntax.self) {
                let isFinal = type.modifiers.contains { $0.name.tokenKind == .keyword(.final) }
                found.append(Declaration(name: type.name.text, importKind: .class, isSubclassableClass: !isFinal))
            } else if let type = decl.as(ActorDeclSyntax.self) {
                found.append(Declaration(name: type.name.text, importKind: .class))   // actors import as classes
            } else if let type = decl.as(EnumDeclSyntax.self) {
                found.append(Declaration(name: type.name.text, importKind: .enum))
            } else if let type = decl.as(ProtocolDeclSyntax.self) {
                found.append(Declaration(name: type.name.text, importKind: .protocol))
            } else if let alias = decl.as(TypeAliasDeclSyntax.self) {
                found.append(Declaration(name: alias.name.text, importKind: .typealias))
            } else if let variable = decl.as(VariableDeclSyntax.self) {
                found += boundNames(of: variable).map { Declaration(name: $0, importKind: .var) }
            } else if let op = decl.as(OperatorDeclSyntax.self) {
                found.append(Declaration(name: op.name.text, importKind: nil))
            } else if let group = decl.as(PrecedenceGroupDeclSyntax.self) {
                found.append(Declaration(name: group.name.text, importKind: nil))
            } else if let macro = decl.as(MacroDeclSyntax.self) {
                found.append(Declaration(name: macro.name.text, importKind: nil))
            }
        }
        return found
    }

    /// The names a `let` or `var` binds (`let (x, y) = …` binds two).
    static func boundNames(of variable: VariableDeclSyntax) -> [String] {
        variable.bindings.flatMap { binding in
            binding.pattern.tokens(viewMode: .sourceAccurate).compactMap { token in
                if case let .identifier(name) = token.tokenKind { name } else { nil }
            }
        }
    }

    /// The variables declared at the top level of `source` (a cell, its `%` lines blanked), with
    /// the line each declaration starts on.
    static func topLevelVariables(in source: String) -> [(name: String, line: Int)] {
        let file = Parser.parse(source: source)
        let converter = SourceLocationConverter(fileName: "", tree: file)
        return file.statements.flatMap { item -> [(name: String, line: Int)] in
            guard case let .decl(decl) = item.item, let variable = decl.as(VariableDeclSyntax.self) else { return [] }
            let line = converter.location(for: variable.positionAfterSkippingLeadingTrivia).line
            return boundNames(of: variable).map { ($0, line) }
        }
    }
}
