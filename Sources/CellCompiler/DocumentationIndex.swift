import Foundation
import SwiftParser
import SwiftSyntax

/// Signatures and doc comments of declarations, by name, for Jupyter's inspect (shift-tab).
public struct DocumentationIndex: Sendable {
    /// One documented declaration.
    public struct Entry: Sendable, Equatable {
        /// The declaration up to its body: `public init(_ units: Int, _ activation: ...)`.
        public let signature: String
        /// The `///` comment, without the slashes.
        public let documentation: String

        public init(signature: String, documentation: String) {
            self.signature = signature
            self.documentation = documentation
        }
    }

    private var entries: [String: [Entry]] = [:]

    public init() {}

    /// The entries named `name` (a type and its initializers, or overloads of a function).
    public subscript(name: String) -> [Entry] { entries[name] ?? [] }

    /// Adds every declaration of `source`, nested ones too; with `publicOnly`, only public and open ones.
    public mutating func add(source: String, publicOnly: Bool) {
        let collector = DeclarationCollector(publicOnly: publicOnly)
        collector.walk(Parser.parse(source: source))
        for (name, entry) in collector.found { entries[name, default: []].append(entry) }
    }

    /// Adds one entry under `name`.
    public mutating func add(name: String, entry: Entry) {
        entries[name, default: []].append(entry)
    }
}

private final class DeclarationCollector: SyntaxVisitor {
    let publicOnly: Bool
    var found: [(String, DocumentationIndex.Entry)] = []
    /// The enclosing type, whose name initializers are filed under.
    private var typeNames: [String] = []

    init(publicOnly: Bool) {
        self.publicOnly = publicOnly
        super.init(viewMode: .sourceAccurate)
    }

    private func record(_ name: String, _ node: some DeclSyntaxProtocol, modifiers: DeclModifierListSyntax, body: Syntax?) {
        if publicOnly && !modifiers.contains(where: { ["public", "open"].contains($0.name.text) }) { return }
        let documentation = node.leadingTrivia.compactMap { piece -> String? in
            if case let .docLineComment(text) = piece {
                return String(text.dropFirst(3).drop { $0 == " " })
            }
            return nil
        }.joined(separator: "\n")
        var signature = node.trimmedDescription
        if let body {
            let bodyText = body.trimmedDescription
            if let range = signature.range(of: bodyText, options: .backwards) { signature = String(signature[..<range.lowerBound]) }
        }
        signature = signature.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        found.append((name, .init(signature: signature.trimmingCharacters(in: .whitespaces), documentation: documentation)))
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        record(node.name.text, node, modifiers: node.modifiers, body: node.body.map(Syntax.init))
        return .skipChildren
    }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        if let type = typeNames.last { record(type, node, modifiers: node.modifiers, body: node.body.map(Syntax.init)) }
        return .skipChildren
    }
    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
        for binding in node.bindings {
            if let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text {
                record(name, node, modifiers: node.modifiers, body: binding.accessorBlock.map(Syntax.init) ?? binding.initializer.map(Syntax.init))
            }
        }
        return .skipChildren
    }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { visitType(node.name.text, node, node.modifiers, node.memberBlock) }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { visitType(node.name.text, node, node.modifiers, node.memberBlock) }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { visitType(node.name.text, node, node.modifiers, node.memberBlock) }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { visitType(node.name.text, node, node.modifiers, node.memberBlock) }
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
        typeNames.append(node.extendedType.trimmedDescription)
        walk(node.memberBlock)
        typeNames.removeLast()
        return .skipChildren
    }

    private func visitType(_ name: String, _ node: some DeclSyntaxProtocol, _ modifiers: DeclModifierListSyntax,
                           _ members: MemberBlockSyntax) -> SyntaxVisitorContinueKind {
        record(name, node, modifiers: modifiers, body: Syntax(members))
        typeNames.append(name)
        walk(members)
        typeNames.removeLast()
        return .skipChildren
    }
}
