import CellCompiler

/// Completion and inspection on a cell's `%` lines (`KernelCommand`): after `%` the command
/// names (`%ti` → `%time`, `%timeit`), on a command its help; `%timeit`'s expression is Swift,
/// which sourcekitd answers for (on `KernelCommandLine.masked(_:)` code).
enum CommandAssistant {
    /// The command names that complete the `%` word before the cursor, or nil when the cursor is
    /// not in one (a line whose text before the cursor is `%` and a name being typed).
    static func complete(_ code: String, cursor: Int) -> Completion? {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        let line = lineRange(in: scalars, around: end)
        let indent = scalars[line.lowerBound..<end].prefix { $0 == " " || $0 == "\t" }.count
        let start = line.lowerBound + indent
        guard start < end, scalars[start] == "%",
              scalars[(start + 1)..<end].allSatisfy(KernelCommandLine.isNameCharacter) else { return nil }
        let typed = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        let commands = KernelCommand.allCases.filter { $0.rawValue.hasPrefix(typed) }.sorted { $0.rawValue < $1.rawValue }
        // IPython's completer calls these `magic`.
        return Completion(matches: commands.map(\.spelling), start: start, end: end,
                          details: commands.map { CompletionDetail(start: start, end: end, text: $0.spelling, type: "magic", signature: $0.usage) })
    }

    /// The help of the command whose `%` line the cursor is in, or nil when the cursor is in no
    /// command's line, or in `%timeit`'s expression (Swift, for sourcekitd).
    static func inspect(_ code: String, cursor: Int) -> InspectReply? {
        let scalars = Array(code.unicodeScalars)
        let position = min(max(cursor, 0), scalars.count)
        let line = lineRange(in: scalars, around: position)
        let text = String(String.UnicodeScalarView(scalars[line]))
        guard let command = KernelCommandLine.lines(in: text).first?.command else { return nil }
        if command == .timeit {
            let nameEnd = line.lowerBound + text.unicodeScalars.prefix { $0 != "%" }.count + command.spelling.unicodeScalars.count
            guard position <= nameEnd else { return nil }
        }
        return .found(text: command.help, markdown: "```\n\(command.usage)\n```\n\n\(command.summary)")
    }

    /// The code-point range of the line that holds `position`, without its newline.
    private static func lineRange(in scalars: [Unicode.Scalar], around position: Int) -> Range<Int> {
        var start = position
        while start > 0, scalars[start - 1] != "\n" { start -= 1 }
        var end = position
        while end < scalars.count, scalars[end] != "\n" { end += 1 }
        return start..<end
    }
}
