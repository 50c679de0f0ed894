/// Replaces a cell's `%` lines before it is parsed: a command that acts on the session leaves an
/// empty line (the engine has taken it out), the others become a call into the runtime where the
/// line stood (see `KernelCommand`). Lines keep their numbers, and `%timeit`'s expression its
/// columns, so diagnostics point at what the user wrote.
enum CommandRewriter {
    /// The cell's source with its `%` lines replaced, and the text inserted per line.
    ///
    /// - Parameter variables: The session's variables, which `%who` and `%whos` list with those
    ///   the cell declares above them.
    static func rewrite(_ source: String, variables: [String]) -> (source: String, insertions: [Int: [GeneratedCell.Insertion]]) {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var insertions: [Int: [GeneratedCell.Insertion]] = [:]
        let commands = KernelCommandLine.lines(in: source)
        let cellVariables = commands.contains { $0.command == .who || $0.command == .whos }
            ? DeclaredNames.topLevelVariables(in: KernelCommandLine.masked(source)) : []
        for command in commands {
            let original = lines[command.line - 1]
            let indent = original.prefix { $0 == " " || $0 == "\t" }
            switch command.command {
            case .timeit?:
                // `%timeit  f(x)` -> `try _cellTimeIt { f(x) }`: the expression moves right by a known length.
                let call = "try \(RuntimeHelper.timeIt) { "
                let replaced = original.utf8.count - indent.utf8.count - command.arguments.utf8.count
                    - original.reversed().prefix(while: \.isWhitespace).count
                let padding = String(repeating: " ", count: max(0, replaced - call.utf8.count))
                lines[command.line - 1] = indent + call + padding + command.arguments + " }"
                insertions[command.line] = [.init(column: indent.utf8.count + 1, length: call.utf8.count + padding.utf8.count - replaced)]
            case .who?, .whos?:
                let declaredAbove = cellVariables.filter { $0.line < command.line }.map(\.name)
                let pairs = Set(variables + declaredAbove).sorted().map { "(\(SwiftLiteral.string($0)), \($0) as Any)" }.joined(separator: ", ")
                lines[command.line - 1] = indent + "\(RuntimeHelper.listVariables)([\(pairs)], detailed: \(command.command == .whos))"
            case .env?:
                lines[command.line - 1] = indent + "try \(RuntimeHelper.environment)(\(SwiftLiteral.string(command.arguments)))"
            case .cd?:
                lines[command.line - 1] = indent + "try \(RuntimeHelper.changeDirectory)(\(SwiftLiteral.string(command.arguments)))"
            case .install?, .installLocation?, .time?, .reset?, .help?, nil:
                // The engine acts on these (and fails the cell for a name no command has).
                lines[command.line - 1] = ""
            }
        }
        return (lines.joined(separator: "\n"), insertions)
    }
}
