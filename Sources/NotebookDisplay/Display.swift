/// Shows a value in the notebook with its richest representation: a chart as SVG, a frame as a
/// table, anything else as its description.
///
///     display(history.plot())
///     display(progress, id: "training")          // later: updateDisplay(progress, id: "training")
///
/// Outside a notebook (plain `swift run`), prints the value's text.
///
/// - Parameters:
///   - value: What to show.
///   - id: A display id, so `updateDisplay(_:id:)` can replace this output in place.
public func display(_ value: Any, id: String? = nil) {
    publish(.display(MIMEBundle(representing: value), id: id))
}

/// Replaces the output shown by an earlier `display(_:id:)` with the same id.
/// Jupyter: `update_display_data`.
public func updateDisplay(_ value: Any, id: String) {
    publish(.update(MIMEBundle(representing: value), id: id))
}

/// Clears the cell's outputs so far. With `wait`, the old outputs stay until the next one arrives,
/// which avoids flicker in animations. Jupyter: `clear_output`.
public func clearOutput(wait: Bool = false) {
    publish(.clear(wait: wait))
}

/// Shows the value of a cell's last expression (generated code calls this; not for users).
public func _cellResult<T>(_ value: T) {
    publish(.result(MIMEBundle(representing: value)))
}

/// A last expression of type `Void` (`print(x)`, `x = 1`, `_ = f()`) shows nothing.
public func _cellResult(_ value: Void) {}

extension MIMEBundle {
    /// The bundle of any value: its `Displayable` representations, or else, as `text/plain`, the
    /// form a REPL shows (`String(reflecting:)`: strings in quotes, like IPython's repr), without
    /// the names of the modules the notebook's types live in (`Point(x: 1)`, not `Cell3.Point(x: 1)`).
    public init(representing value: Any) {
        if let displayable = value as? any Displayable {
            self = displayable.mimeBundle
        } else {
            self.init([MIMEType.plainText: withoutModuleNames(String(reflecting: value))])
        }
    }
}

/// `text` without the module qualifiers of notebook cells (`Cell12.`), of the runtime's modules and
/// of the standard library and Foundation before type names; quoted strings stay as they are.
func withoutModuleNames(_ text: String) -> String {
    let modules: Set<Substring> = ["Swift", "Foundation", "Neural", "Frames", "Charts", "NotebookDisplay", "NotebookRuntime"]
    var result = "", word = "", inQuotes = false, escaped = false
    for character in text {
        if inQuotes {
            result.append(character)
            if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false }
            continue
        }
        if character.isLetter || character.isNumber || character == "_" {
            word.append(character)
            continue
        }
        let isModule = modules.contains(word[...]) || (word.hasPrefix("Cell") && word.count > 4 && word.dropFirst(4).allSatisfy(\.isNumber))
        if !(character == "." && isModule) { result += word; result.append(character) }
        word = ""
        if character == "\"" { inQuotes = true }
    }
    return result + word
}
