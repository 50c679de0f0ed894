/// The Swift module generated for one notebook cell, ready for `swiftc`.
public struct GeneratedCell: Sendable, Equatable {
    /// The cell's number among all attempts in the session: 1, 2, ...
    public let number: Int
    /// `Cell<number>`: the module (and library) name.
    public var moduleName: String { "Cell\(number)" }

    /// The empty enum every cell module declares, for later cells to import the module by
    /// (`import enum Cell3.__cell3_module`) without any of its names.
    public var markerName: String { Self.markerName(number: number) }

    static func markerName(number: Int) -> String { "__cell\(number)_module" }

    /// Whether `name` is one the generator made up: a cell's module (`Cell12`), a binding's storage
    /// (`__cell12_b0`), an entry function (`__cell12_run`) or a module marker (`__cell12_module`).
    public static func isGeneratedName(_ name: String) -> Bool {
        name.hasPrefix("__cell") || (name.hasPrefix("Cell") && name.dropFirst(4).allSatisfy(\.isASCII) && Int(name.dropFirst(4)) != nil)
    }
    /// The name diagnostics and traps show for the cell's source: `Cell[3]`.
    public var displayName: String { "Cell[\(number)]" }
    /// The `@_cdecl` name of the entry function the runner calls.
    public var entrySymbol: String { "notebook_cell\(number)_run" }
    /// The module's source code.
    public let source: String
    /// The user's cell text, for showing source lines in diagnostics.
    public let userSource: String
    /// Text inserted into user lines (`public `, a result wrapper): per line, `(column, length)`,
    /// so diagnostic columns can be mapped back to what the user wrote.
    public let insertions: [Int: [Insertion]]
    /// Whether the cell ends in an expression whose value is shown.
    public let hasResultExpression: Bool
    /// Whether the cell holds anything to run: not only whitespace and comments.
    public let hasCode: Bool
    /// What the cell declares at top level, in order.
    public let declarations: [DeclaredNames.Declaration]

    /// Text the generator inserted into a user line.
    public struct Insertion: Sendable, Equatable {
        /// The 1-based UTF-8 column in the user's line where the text was inserted.
        public let column: Int
        /// The number of UTF-8 bytes inserted.
        public let length: Int
    }

    /// The column in the user's line that a column of the generated line corresponds to.
    public func userColumn(line: Int, generatedColumn: Int) -> Int {
        var column = generatedColumn
        for insertion in (insertions[line] ?? []).sorted(by: { $0.column < $1.column }) {
            if column >= insertion.column + insertion.length {
                column -= insertion.length
            } else if column >= insertion.column {
                column = insertion.column
            }
        }
        return column
    }
}
