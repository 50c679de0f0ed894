/// The names the engine gives cell `number`'s module and the code generated for it: the one
/// place that spells them.
public struct CellNames: Sendable, Equatable {
    /// The cell's number among all attempts in the session: 1, 2, ...
    public let number: Int

    public init(number: Int) {
        self.number = number
    }

    /// The prefix of every cell module's name; the number follows.
    public static let modulePrefix = "Cell"

    /// `Cell3`: the module (and library) name.
    public var moduleName: String { "\(Self.modulePrefix)\(number)" }
    /// `Cell[3]`: the name diagnostics and traps show for the cell's source.
    public var displayName: String { "\(Self.modulePrefix)[\(number)]" }
    /// The `@_cdecl` name of the entry function the runner calls.
    public var entrySymbol: String { "notebook_cell\(number)_run" }
    /// The Swift name of the entry function.
    public var entryFunction: String { "__cell\(number)_run" }
    /// The `@_cdecl` name of the function that hands the cell's bindings to a checkpoint being saved.
    public var saveSymbol: String { "notebook_cell\(number)_save" }
    /// The Swift name of the save function.
    public var saveFunction: String { "__cell\(number)_save" }
    /// The `@_cdecl` name of the function that gives the cell's bindings their saved values back.
    public var restoreSymbol: String { "notebook_cell\(number)_restore" }
    /// The Swift name of the restore function.
    public var restoreFunction: String { "__cell\(number)_restore" }
    /// The empty enum of a cell module that extends a type or imports other modules, for later
    /// cells to import the module by (`import enum Cell3.__cell3_module`) without any of its names.
    public var markerName: String { "__cell\(number)_module" }
    /// The storage of the cell's `index`th binding (`__cell3_b0`), which holds its initializer's result.
    public func bindingStorage(_ index: Int) -> String { "__cell\(number)_b\(index)" }
    /// Whether `storage` is the storage of one of this cell's bindings.
    public func isBindingStorage(_ storage: String) -> Bool {
        storage.hasPrefix("__cell\(number)_b") && Int(storage.dropFirst("__cell\(number)_b".count)) != nil
    }

    /// Whether `name` is one the generator made up: a cell's module (`Cell12`), a binding's storage
    /// (`__cell12_b0`), an entry, save or restore function (`__cell12_run`) or a module marker
    /// (`__cell12_module`).
    public static func isGenerated(_ name: String) -> Bool {
        name.hasPrefix("__cell") || isModuleName(name)
    }

    /// Whether `name` is a cell module's name (`Cell12`).
    public static func isModuleName(_ name: some StringProtocol) -> Bool {
        let digits = name.dropFirst(modulePrefix.count)
        return name.hasPrefix(modulePrefix) && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
