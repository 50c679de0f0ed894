import Foundation

/// The kernel's `%` commands (IPython's line magics): lines of a cell that start with `%` and a
/// letter, taken out before the cell compiles. The one place that names them and says what they do.
///
/// Some act on the session before the cell's Swift runs (`%install`, `%reset`) or around it
/// (`%time`); the others become a call into the runtime where the line stood (`%timeit`, `%who`,
/// `%whos`, `%env`, `%cd`), so they run in order with the cell's statements and again when the
/// session replays the cell.
public enum KernelCommand: String, CaseIterable, Sendable {
    case install, installLocation = "install-location", timeit, time, who, whos, reset, env, cd, help

    /// `%timeit`.
    public var spelling: String { "%" + rawValue }

    /// How the command is written.
    public var usage: String {
        switch self {
        case .install: "%install '.package(url: \"https://github.com/OWNER/NAME\", from: \"1.0.0\")' Product [Product …]"
        case .installLocation: "%install-location FOLDER"
        case .timeit: "%timeit EXPRESSION"
        case .time: "%time"
        case .who: "%who"
        case .whos: "%whos"
        case .reset: "%reset"
        case .env: "%env [NAME[=VALUE]]"
        case .cd: "%cd [FOLDER]"
        case .help: "%help [COMMAND]"
        }
    }

    /// What the command does, in a sentence or two (what `%help` and the kernel's inspect show).
    public var summary: String {
        switch self {
        case .install:
            "Adds a SwiftPM package (swift-jupyter's spelling; `.package(path: \"…\")` for a local one) and makes the "
                + "products' modules importable from this cell on. Packages are built once, optimised, in a folder shared "
                + "by every session that installs the same set; the session keeps its values. `$cwd` stands for the "
                + "notebook's folder."
        case .installLocation:
            "Builds this session's packages in FOLDER (swift-jupyter's command; `$cwd` stands for the notebook's folder) "
                + "instead of the folder every session shares; sessions naming the same folder share its builds."
        case .timeit:
            "Runs the expression in a loop, as many times as fill about 0.2 s, seven times over, and prints the mean "
                + "and standard deviation per loop (IPython's format)."
        case .time: "Prints how long the whole cell took: wall time, with the compile and the run apart."
        case .who: "Lists the session's variables (with those the cell declares above this line)."
        case .whos: "Lists the session's variables (with those the cell declares above this line), their types and, for tensors and data frames, their shapes."
        case .reset: "Forgets every name the session's cells declared and starts a fresh runner; installed packages stay."
        case .env: "Lists the environment (no argument), prints one variable (NAME), or sets one (NAME=VALUE) for the cells."
        case .cd: "Changes the cells' current folder (the home folder without an argument) and prints it."
        case .help: "Lists the commands, or says what one of them does."
        }
    }

    /// The help text of the command: its usage, then its summary.
    public var help: String { usage + "\n    " + summary }

    /// Every command's help, for `%help` and the answer to an unknown command.
    public static var overview: String {
        allCases.map(\.help).joined(separator: "\n")
    }

    /// Whether the command acts on the session rather than becoming code where its line stood.
    public var actsOnSession: Bool {
        [.install, .installLocation, .time, .reset, .help].contains(self)
    }
}

/// A `%` line of a cell.
public struct KernelCommandLine: Sendable, Equatable {
    /// The command, or nil for a name no command has.
    public let command: KernelCommand?
    /// The name as written after `%`.
    public let name: String
    /// The rest of the line, trimmed.
    public let arguments: String
    /// The 1-based line in the cell.
    public let line: Int

    /// The cell's `%` lines, in order: lines whose first non-blank character is `%` followed by a
    /// letter (`a % b` and `% b` stay Swift), then the rest of the name (`isNameCharacter`).
    public static func lines(in source: String) -> [KernelCommandLine] {
        source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, text in
            parse(text, line: index + 1)
        }
    }

    /// The `%` line `text` (line `line` of its cell), or nil when it is Swift.
    static func parse(_ text: Substring, line: Int) -> KernelCommandLine? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == "%", let letter = trimmed.dropFirst().first, letter.isLetter else { return nil }
        let name = trimmed.dropFirst().prefix { $0.unicodeScalars.allSatisfy(isNameCharacter) }
        let arguments = trimmed.dropFirst(1 + name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        return KernelCommandLine(command: KernelCommand(rawValue: String(name)), name: String(name), arguments: arguments, line: line)
    }

    /// Whether `scalar` can be part of a command's name: letters, digits, `_` and `-` (swift-jupyter's `%install-location`).
    public static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "-"
    }

    /// `source` as Swift tools that know no `%` lines should read it (sourcekitd, for completion
    /// and inspection): each `%` line blanked with spaces, except `%timeit`'s expression, which
    /// keeps its place. Every character keeps its offset, so cursors need no mapping.
    public static func masked(_ source: String) -> String {
        var rows = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for command in lines(in: source) {
            let row = rows[command.line - 1].unicodeScalars
            // `arguments` is the rest of the line trimmed: what stands after it is white space.
            let kept = command.command == .timeit ? command.arguments.unicodeScalars.count : 0
            let trailing = row.reversed().prefix { CharacterSet.whitespacesAndNewlines.contains($0) }.count
            let blanked = row.count - kept - trailing
            rows[command.line - 1] = String(repeating: " ", count: blanked) + String(String.UnicodeScalarView(row.dropFirst(blanked)))
        }
        return rows.joined(separator: "\n")
    }

    /// The message of a cell whose `%` line names no command, with the list of those there are.
    public var unknownCommandMessage: String {
        "%\(name) on line \(line) is not a command of this kernel. The commands are:\n" + KernelCommand.overview
    }
}
