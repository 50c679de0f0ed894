import NotebookFormat
import SwiftParser
import SwiftSyntax

/// Notebook parameters, papermill's way: the cell tagged `parameters` declares the defaults, and
/// values given on the command line (`-p epochs=3`) become a cell tagged `injected-parameters`
/// right after it, whose declarations replace the defaults.
public struct Parameters: Sendable, Equatable {
    /// One `name=value`, as given.
    public struct Assignment: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public let assignments: [Assignment]

    /// Reads `name=value` arguments.
    ///
    /// - Throws: `ParameterError.malformed` for an argument without `=` or with a name that is
    ///   not a Swift identifier.
    public init(_ arguments: [String]) throws(ParameterError) {
        var assignments: [Assignment] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else { throw .malformed(argument) }
            let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
            guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
                  name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
                throw .malformed(argument)
            }
            assignments.removeAll { $0.name == name }
            assignments.append(Assignment(name: name, value: String(argument[argument.index(after: equals)...])))
        }
        self.assignments = assignments
    }

    public var isEmpty: Bool { assignments.isEmpty }

    /// `epochs=3 seed=1`, for reports and logs.
    public var summary: [String] { assignments.map { "\($0.name)=\($0.value)" } }

    /// A declaration in the parameters cell: its name, keyword and type.
    struct Default: Equatable {
        let name: String
        let keyword: String
        /// The annotated type, or the type of the literal it starts with (`Int`, `Double`, `Bool`, `String`).
        let type: String?
    }

    /// `notebook` with its injected-parameters cell (an earlier one replaced), and a warning for
    /// each name the parameters cell does not declare. Without a parameters cell, the injected
    /// cell comes first.
    ///
    /// - Throws: `ParameterError.wrongType` for a value the default's type cannot take.
    public func inject(into notebook: Notebook) throws(ParameterError) -> (notebook: Notebook, warnings: [String]) {
        var notebook = notebook
        notebook.cells.removeAll { $0.hasTag("injected-parameters") }
        guard !isEmpty else { return (notebook, []) }
        let defaultsCell = notebook.cells.firstIndex { $0.kind == .code && $0.hasTag("parameters") }
        let defaults = defaultsCell.map { Self.defaults(in: notebook.cells[$0].source) } ?? [:]
        var warnings: [String] = []
        if defaultsCell == nil {
            warnings.append("the notebook has no cell tagged 'parameters'; the parameters go into a cell of their own at the top")
        }
        var lines = ["// Injected parameters"]
        for assignment in assignments {
            let known = defaults[assignment.name]
            if known == nil, defaultsCell != nil {
                warnings.append("'\(assignment.name)' is not declared in the parameters cell; it is injected anyway")
            }
            lines.append(try Self.declaration(assignment, default: known))
        }
        let cell = NotebookCell(kind: .code, id: "injected-parameters", source: lines.joined(separator: "\n"),
                                metadata: ["tags": ["injected-parameters"]])
        notebook.cells.insert(cell, at: defaultsCell.map { $0 + 1 } ?? 0)
        return (notebook, warnings)
    }

    /// `let epochs: Int = 3`: the default's keyword and type, the value written as a literal of it.
    static func declaration(_ assignment: Assignment, default known: Default?) throws(ParameterError) -> String {
        let (literal, inferred) = try literal(assignment, as: known?.type)
        return "\(known?.keyword ?? "let") \(assignment.name): \(known?.type ?? inferred) = \(literal)"
    }

    /// The value as a Swift literal of `type` (or of the type it reads as: a whole number `Int`,
    /// another number `Double`, `true`/`false` `Bool`, anything else, or anything quoted, `String`).
    static func literal(_ assignment: Assignment, as type: String?) throws(ParameterError) -> (String, String) {
        let value = assignment.value
        let quoted = value.count >= 2 && (value.first == "\"" && value.last == "\"" || value.first == "'" && value.last == "'")
        let text = quoted ? String(value.dropFirst().dropLast()) : value
        let inferred = quoted ? "String" : Int(value) != nil ? "Int" : Double(value) != nil ? "Double"
            : ["true", "false"].contains(value) ? "Bool" : "String"
        switch type ?? inferred {
        case "Int", "Int32", "Int64", "UInt", "UInt64":
            guard !quoted, Int(value) != nil else { throw .wrongType(name: assignment.name, value: value, type: type ?? inferred) }
            return (value, inferred)
        case "Double", "Float", "CGFloat", "Float32", "Float64":
            guard !quoted, Double(value) != nil, !value.lowercased().contains("n") else {   // no nan, inf
                throw .wrongType(name: assignment.name, value: value, type: type ?? inferred)
            }
            return (value, inferred)
        case "Bool":
            guard !quoted, ["true", "false"].contains(value) else { throw .wrongType(name: assignment.name, value: value, type: "Bool") }
            return (value, inferred)
        case "String", "Substring", "Character":
            return (stringLiteral(text), inferred)
        default:
            // Another type (an enum, an optional): the value is taken as Swift source.
            return (value, inferred)
        }
    }

    /// `text` as a Swift string literal.
    static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case _ where scalar.value < 0x20: literal += "\\u{\(String(scalar.value, radix: 16))}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }

    /// The top-level `let` and `var` declarations of a parameters cell.
    static func defaults(in source: String) -> [String: Default] {
        var defaults: [String: Default] = [:]
        for item in Parser.parse(source: source).statements {
            guard let variable = item.item.as(VariableDeclSyntax.self) else { continue }
            for binding in variable.bindings {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else { continue }
                let type = binding.typeAnnotation?.type.trimmedDescription ?? binding.initializer.flatMap { literalType(of: $0.value) }
                defaults[name] = Default(name: name, keyword: variable.bindingSpecifier.text, type: type)
            }
        }
        return defaults
    }

    private static func literalType(of expression: ExprSyntax) -> String? {
        var expression = expression
        if let prefix = expression.as(PrefixOperatorExprSyntax.self), prefix.operator.text == "-" { expression = prefix.expression }
        if expression.is(IntegerLiteralExprSyntax.self) { return "Int" }
        if expression.is(FloatLiteralExprSyntax.self) { return "Double" }
        if expression.is(BooleanLiteralExprSyntax.self) { return "Bool" }
        if expression.is(StringLiteralExprSyntax.self) { return "String" }
        return nil
    }
}

/// A parameter that cannot be used.
public enum ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case wrongType(name: String, value: String, type: String)

    public var description: String {
        switch self {
        case let .malformed(argument): "parameter '\(argument)' is not of the form NAME=VALUE with NAME a Swift identifier"
        case let .wrongType(name, value, type): "parameter '\(name)' is declared \(type), which cannot hold \(value)"
        }
    }
}
