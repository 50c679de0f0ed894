import NotebookFormat

/// The outputs of a notebook's cells as a run produces them, folded the way Jupyter front ends
/// fold output messages: `clear_output` (at once, or with `wait` when the next output comes),
/// `update_display_data` replacing every output shown under its display id (in any cell), and
/// consecutive text on the same stream kept as one output (as JupyterLab keeps it).
public struct NotebookOutputs: Sendable {
    /// Each cell's outputs, by cell index.
    public private(set) var outputs: [Int: [NotebookOutput]] = [:]
    /// Where each display id's outputs are: cell index and position.
    private var displays: [String: [(cell: Int, position: Int)]] = [:]
    /// A `clear_output(wait: true)` waits for the cell's next output.
    private var clearBeforeNextOutput: Set<Int> = []

    public init() {}

    /// The outputs of cell `index` so far.
    public subscript(cell index: Int) -> [NotebookOutput] { outputs[index] ?? [] }

    /// Applies one message of cell `index`.
    public mutating func apply(_ message: OutputMessage, cell index: Int) {
        switch message {
        case let .clearOutput(wait):
            if wait { clearBeforeNextOutput.insert(index) } else { clear(index) }
        case let .updateDisplayData(bundle, id):
            for (cell, position) in displays[id] ?? [] {
                outputs[cell]?[position] = .displayData(data: bundle.jsonData, metadata: bundle.jsonMetadata)
            }
        default:
            guard let output = message.output else { return }
            if clearBeforeNextOutput.remove(index) != nil { clear(index) }
            var list = outputs[index] ?? []
            if case let .stream(name, text) = output, case let .stream(lastName, lastText)? = list.last, lastName == name {
                list[list.count - 1] = .stream(name: name, text: lastText + text)
            } else {
                if case let .displayData(_, id?) = message { displays[id, default: []].append((index, list.count)) }
                list.append(output)
            }
            outputs[index] = list
        }
    }

    /// Forgets cell `index`'s outputs (before it runs again, or on `clear_output`).
    public mutating func clear(_ index: Int) {
        outputs[index] = []
        for id in displays.keys { displays[id]?.removeAll { $0.cell == index } }
    }
}
