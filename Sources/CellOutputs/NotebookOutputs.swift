import NotebookFormat

/// The outputs of a notebook's cells as a run produces them, folded the way Jupyter front ends
/// fold output messages: `clear_output` (at once, or with `wait` when the next output comes),
/// `update_display_data` replacing every output shown under its display id (in any cell), and
/// the text between two displays kept as one stdout output followed by one stderr output. (The two
/// streams travel on pipes of their own, so which of them came first between two displays differs
/// from run to run; nbclient's `coalesce_streams` orders them the same way.)
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
            if case let .stream(name, text) = output {
                Self.add(text, on: name, to: &list)
            } else {
                if case let .displayData(_, id?) = message { displays[id, default: []].append((index, list.count)) }
                list.append(output)
            }
            outputs[index] = list
        }
    }

    /// Adds stream text to the run of stream outputs at the end of `list`: to its output of the
    /// same stream, else as a new one, stdout before stderr.
    private static func add(_ text: String, on name: String, to list: inout [NotebookOutput]) {
        let runStart = list.lastIndex { if case .stream = $0 { false } else { true } }.map { $0 + 1 } ?? 0
        for position in runStart..<list.count {
            if case let .stream(existing, earlier) = list[position], existing == name {
                list[position] = .stream(name: name, text: earlier + text)
                return
            }
        }
        let stream = NotebookOutput.stream(name: name, text: text)
        if name == "stdout" { list.insert(stream, at: runStart) } else { list.append(stream) }
    }

    /// Forgets cell `index`'s outputs (before it runs again, or on `clear_output`).
    public mutating func clear(_ index: Int) {
        outputs[index] = []
        for id in displays.keys { displays[id]?.removeAll { $0.cell == index } }
    }
}
