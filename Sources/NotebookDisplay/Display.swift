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
    /// the qualifiers of the modules the host hides (`Point(x: 1)`, not `Cell3.Point(x: 1)`).
    public init(representing value: Any) {
        if let displayable = value as? any Displayable {
            self = displayable.mimeBundle
        } else {
            self.init([MIMEType.plainText: DisplayHost.hiddenModules.removingQualifiers(from: String(reflecting: value))])
        }
    }
}
