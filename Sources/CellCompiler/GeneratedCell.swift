/// The Swift module generated for one notebook cell, ready for `swiftc`.
public struct GeneratedCell: Sendable, Equatable {
    /// The names of the cell's module and generated code.
    public let names: CellNames
    /// The cell's number among all attempts in the session: 1, 2, ...
    public var number: Int { names.number }
    /// `Cell<number>`: the module (and library) name.
    public var moduleName: String { names.moduleName }
    /// The name diagnostics and traps show for the cell's source: `Cell[3]`.
    public var displayName: String { names.displayName }
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
    /// Whether the cell imports a module beyond those every cell imports (Foundation, the runtime,
    /// earlier cells): its library then links what that module needs.
    public let importsOtherModules: Bool
    /// Those imports, as written (`import Numerics`): every later cell has them too, as a REPL would.
    public var importedModules: [String] = []
    /// Whether the module declares its marker enum (`names.markerName`), by which later cells
    /// import it: it extends a type or imports other modules, whose members stay visible only
    /// while the module is loaded. Other cells are loaded only for the names they declare.
    public let hasMarker: Bool
    /// Whether the cell binds values, and so has checkpoint functions (`names.saveSymbol`,
    /// `names.restoreSymbol`).
    public let savesValues: Bool
    /// What the cell declares at top level, in order.
    public let declarations: [DeclaredNames.Declaration]
    /// Whether the module holds state that running the cell again must start afresh: bindings
    /// (their storage is initialized once per loaded library), types and extensions (their static
    /// properties). A cell without any (statements, expressions, functions) can be run again by
    /// calling its library's entry function again.
    public let holdsState: Bool

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
