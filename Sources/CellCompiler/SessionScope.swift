/// What the session's next cell sees: the import lines every cell starts with.
///
/// Each live name a cell refers to comes by a scoped import from the cell that declared it last
/// (`import func Cell5.f`), so a redefinition replaces the earlier declaration, even with a new
/// signature. A successful cell that extends a type or imports other modules is imported through
/// its marker enum too (`import enum Cell3.__cell3_module`: its extensions and conformances, none
/// of its names), so it stays loaded; other cells' modules load only for the names a cell uses, so
/// a cell's imports do not grow with the session. A cell declaring something no scoped import can
/// name (a top-level operator function, an operator) is imported whole.
public struct SessionScope: Sendable, Equatable {
    /// Live names and the scoped import that brings each in.
    private var liveNames: [String: String] = [:]
    private var markers: [String] = []
    private var wholeModules: [String] = []
    /// The recorded cells' imports of other modules (`import Numerics`), in order, once each.
    private var importedModules: [String] = []
    /// The newest cell recorded (0 for none): the scope's version. A cell run again unchanged
    /// (recorded a second time) does not take it back.
    public private(set) var lastCell = 0
    /// The classes the recorded cells declared that later cells may subclass.
    public private(set) var classes: Set<String> = []

    public init() {}

    /// Records a cell that ran to its end: what it declared supersedes earlier declarations.
    public mutating func record(_ cell: GeneratedCell) {
        let module = cell.moduleName
        if cell.hasMarker { markers.append("import enum \(module).\(cell.names.markerName)") }
        importedModules += cell.importedModules.filter { !importedModules.contains($0) }
        for declaration in cell.declarations {
            if declaration.isSubclassableClass { classes.insert(declaration.name) }
            if let kind = declaration.importKind {
                liveNames[declaration.name] = "import \(kind.rawValue) \(module).\(declaration.name)"
            } else if wholeModules.last != "import \(module)" {
                wholeModules.append("import \(module)")
            }
        }
        lastCell = max(lastCell, cell.number)
    }

    /// The import lines that bring in every live name (what completion sees).
    public var importLines: [String] { importLines { _ in true } }

    /// The import lines of a cell compiled now that refers to the live names `isReferenced` accepts:
    /// the others are left out, so their modules (and those modules' imports) are not loaded.
    public func importLines(where isReferenced: (String) -> Bool) -> [String] {
        ["import Foundation", "import NotebookRuntime"] + importedModules + markers + wholeModules
            + liveNames.keys.sorted().filter(isReferenced).compactMap { liveNames[$0] }
    }

    /// The live names that are variables (`let` and `var`), sorted.
    public var variableNames: [String] {
        liveNames.filter { $0.value.hasPrefix("import \(DeclaredNames.ImportKind.var.rawValue) ") }.keys.sorted()
    }

    /// The names the session's cells declared that are still visible, sorted.
    public var names: [String] { liveNames.keys.sorted() }
}
