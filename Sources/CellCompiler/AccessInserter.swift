import SwiftSyntax

/// Finds where a declaration needs `public` (or `open`) so that later cells, which are other
/// modules, can use it, and where a struct needs a public memberwise initializer.
final class AccessInserter: SyntaxVisitor {
    /// Text to insert at a UTF-8 offset of the cell (never a line break, so lines keep their numbers).
    struct Insertion {
        let offset: Int
        let text: String
    }

    private(set) var insertions: [Insertion] = []
    private static let accessKeywords: Set<String> = ["public", "open", "private", "fileprivate", "internal", "package"]
    /// The classes a class in this cell may inherit from; other inherited names are protocols.
    private let knownClasses: Set<String>

    init(knownClasses: Set<String>) {
        self.knownClasses = knownClasses
        super.init(viewMode: .sourceAccurate)
    }

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
        addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes)
        return .skipChildren   // requirements take no modifiers
    }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes, overridable: true)
        return .skipChildren
    }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes)
        return .skipChildren
    }
    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
        addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes, overridable: true)
        return .skipChildren
    }
    override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
        addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes,
                  overridable: node.bindingSpecifier.tokenKind == .keyword(.var))
        return .skipChildren
    }
    override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind {
        addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes)
        return .skipChildren
    }
    override func visit(_ node: AssociatedTypeDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: EnumCaseDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }

    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
        guard addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes) else { return .skipChildren }
        addMemberwiseInitializer(to: node)
        return withContainer(.type) { walk(node.memberBlock) }
    }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
        guard addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes) else { return .skipChildren }
        return withContainer(.type) { walk(node.memberBlock) }
    }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind {
        guard addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes) else { return .skipChildren }
        return withContainer(.type) { walk(node.memberBlock) }
    }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
        let isFinal = node.modifiers.contains { $0.name.tokenKind == .keyword(.final) }
        guard addAccess(to: node, modifiers: node.modifiers, attributes: node.attributes, overridable: !isFinal) else {
            return .skipChildren
        }
        addDefaultInitializer(to: node)
        return withContainer(isFinal ? .type : .openClass) { walk(node.memberBlock) }
    }
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
        withContainer(.type) { walk(node.memberBlock) }   // members get `public`; the extension itself cannot
    }

    // MARK: - Helpers

    private enum Container { case topLevel, type, openClass }
    private var container = Container.topLevel

    private func withContainer(_ kind: Container, _ body: () -> Void) -> SyntaxVisitorContinueKind {
        let saved = container
        container = kind
        body()
        container = saved
        return .skipChildren
    }

    /// Inserts `public` (or `open` for overridable members of open classes and for non-final
    /// classes themselves) unless an access modifier is present; a setter's restriction
    /// (`private(set)`) is not one, so `private(set) var x` becomes `public private(set) var x`,
    /// readable from later cells. Returns false for declarations the user made private, whose
    /// members then stay as they are.
    @discardableResult
    private func addAccess(to node: some SyntaxProtocol, modifiers: DeclModifierListSyntax,
                           attributes: AttributeListSyntax, overridable: Bool = false) -> Bool {
        if let existing = modifiers.first(where: { Self.accessKeywords.contains($0.name.text) && $0.detail == nil }) {
            return !["private", "fileprivate"].contains(existing.name.text)
        }
        let isStatic = modifiers.contains { $0.name.tokenKind == .keyword(.static) }
        let isFinal = modifiers.contains { $0.name.tokenKind == .keyword(.final) }
        let isClassItself = node.is(ClassDeclSyntax.self)
        let isLet = (node.as(VariableDeclSyntax.self)?.bindingSpecifier.tokenKind == .keyword(.let))
        let useOpen = overridable && !isStatic && !isFinal && !isLet
            && (isClassItself ? container == .topLevel || container == .type : container == .openClass)
        let offset: Int
        if let firstModifier = modifiers.first {
            offset = firstModifier.positionAfterSkippingLeadingTrivia.utf8Offset
        } else if let afterAttributes = attributes.last?.lastToken(viewMode: .sourceAccurate)?.nextToken(viewMode: .sourceAccurate) {
            offset = afterAttributes.positionAfterSkippingLeadingTrivia.utf8Offset
        } else {
            offset = node.positionAfterSkippingLeadingTrivia.utf8Offset
        }
        insertions.append(Insertion(offset: offset, text: useOpen ? "open " : "public "))
        return true
    }

    /// A public `init()` for a base class that declares no initializer and whose stored properties
    /// all have initial values (Swift's implicit one is internal). Subclasses inherit their
    /// superclass's initializers and get none: a class is a subclass when its first inherited name
    /// is a known class or a Foundation `NS` class; otherwise its inheritance clause lists protocols
    /// (`class Logger: Callback`), as the runtime's classes are all final.
    private func addDefaultInitializer(to node: ClassDeclSyntax) {
        if let first = node.inheritanceClause?.inheritedTypes.first?.type.trimmedDescription {
            let name = first.split(separator: ".").last.map(String.init) ?? first
            if knownClasses.contains(name) || name.hasPrefix("NS") { return }
        }
        for member in node.memberBlock.members {
            if member.decl.is(InitializerDeclSyntax.self) { return }
            if let variable = member.decl.as(VariableDeclSyntax.self),
               !variable.modifiers.contains(where: { [.keyword(.static), .keyword(.class), .keyword(.lazy)].contains($0.name.tokenKind) }),
               variable.bindings.contains(where: { $0.isStored && $0.initializer == nil
                   && !($0.typeAnnotation?.type.is(OptionalTypeSyntax.self) ?? false) }) {
                return
            }
        }
        let separator = node.memberBlock.members.isEmpty ? "" : "; "
        insertions.append(Insertion(offset: node.memberBlock.rightBrace.positionAfterSkippingLeadingTrivia.utf8Offset,
                                    text: separator + "public init() {} "))
    }

    /// A public memberwise initializer for a struct that declares none (Swift's own is internal).
    private func addMemberwiseInitializer(to node: StructDeclSyntax) {
        var parameters: [String] = [], assignments: [String] = []
        for member in node.memberBlock.members {
            if member.decl.is(InitializerDeclSyntax.self) { return }
            guard let variable = member.decl.as(VariableDeclSyntax.self),
                  !variable.modifiers.contains(where: { [.keyword(.static), .keyword(.class), .keyword(.lazy)].contains($0.name.tokenKind) })
            else { continue }
            let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in variable.bindings where binding.isStored {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.trimmedDescription else { return }
                if isLet && binding.initializer != nil { continue }
                guard let type = binding.typeAnnotation?.type.trimmedDescription else {
                    if binding.initializer != nil { continue }
                    return   // no type to spell: leave the struct without a public initializer
                }
                let defaultValue = binding.initializer.map { " = " + $0.value.trimmedDescription } ?? ""
                parameters.append("\(name): \(type)\(defaultValue)")
                assignments.append("self.\(name) = \(name)")
            }
        }
        let separator = node.memberBlock.members.isEmpty ? "" : "; "
        let text = separator + "public init(\(parameters.joined(separator: ", "))) { \(assignments.joined(separator: "; ")) } "
        insertions.append(Insertion(offset: node.memberBlock.rightBrace.positionAfterSkippingLeadingTrivia.utf8Offset, text: text))
    }
}
