import SwiftParser
import SwiftSyntax

/// The names a cell declares at top level (functions, types, variables), for completion.
public enum DeclaredNames {
    /// Names declared at the top level of `source`, in order of appearance.
    public static func of(_ source: String) -> [String] {
        var names: [String] = []
        for item in Parser.parse(source: source).statements {
            guard case let .decl(decl) = item.item else { continue }
            if let function = decl.as(FunctionDeclSyntax.self) { names.append(function.name.text) }
            else if let type = decl.as(StructDeclSyntax.self) { names.append(type.name.text) }
            else if let type = decl.as(ClassDeclSyntax.self) { names.append(type.name.text) }
            else if let type = decl.as(EnumDeclSyntax.self) { names.append(type.name.text) }
            else if let type = decl.as(ProtocolDeclSyntax.self) { names.append(type.name.text) }
            else if let type = decl.as(ActorDeclSyntax.self) { names.append(type.name.text) }
            else if let alias = decl.as(TypeAliasDeclSyntax.self) { names.append(alias.name.text) }
            else if let variable = decl.as(VariableDeclSyntax.self) {
                for binding in variable.bindings {
                    names += binding.pattern.tokens(viewMode: .sourceAccurate).compactMap { token in
                        if case let .identifier(name) = token.tokenKind { name } else { nil }
                    }
                }
            }
        }
        return names
    }

    /// The classes declared at the top level of `source` that can be subclassed (not `final`).
    public static func subclassableClasses(in source: String) -> [String] {
        Parser.parse(source: source).statements.compactMap { item in
            guard case let .decl(decl) = item.item, let type = decl.as(ClassDeclSyntax.self),
                  !type.modifiers.contains(where: { $0.name.tokenKind == .keyword(.final) }) else { return nil }
            return type.name.text
        }
    }
}
