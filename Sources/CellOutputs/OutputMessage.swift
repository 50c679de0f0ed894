import CellRunner
import NotebookDisplay
import NotebookFormat

/// What a cell's event is in Jupyter's terms: the IOPub message the kernel publishes for it and,
/// for all but updates and clears, the nbformat output a notebook stores. The kernel and nbrun
/// both map events through here, so a notebook run either way gets the same outputs.
public enum OutputMessage: Sendable, Equatable {
    case stream(name: String, text: String)
    case displayData(MIMEBundle, displayID: String?)
    case updateDisplayData(MIMEBundle, displayID: String)
    case clearOutput(wait: Bool)
    case executeResult(MIMEBundle, executionCount: Int)
    case error(CellError)

    /// The message for an engine event of the cell numbered `executionCount`; engine notices go
    /// to stderr, as a line of their own; nil for a warning, which is for the host's log.
    public init?(_ event: CellEvent, executionCount: Int) {
        switch event {
        case .warning: return nil
        case let .stdout(text): self = .stream(name: "stdout", text: text)
        case let .stderr(text): self = .stream(name: "stderr", text: text)
        case let .notice(text): self = .stream(name: "stderr", text: text + "\n")
        case let .display(.display(bundle, id)): self = .displayData(bundle, displayID: id)
        case let .display(.update(bundle, id)): self = .updateDisplayData(bundle, displayID: id)
        case let .display(.clear(wait)): self = .clearOutput(wait: wait)
        case let .display(.result(bundle)): self = .executeResult(bundle, executionCount: executionCount)
        }
    }

    /// The IOPub `msg_type`.
    public var messageType: String {
        switch self {
        case .stream: "stream"
        case .displayData: "display_data"
        case .updateDisplayData: "update_display_data"
        case .clearOutput: "clear_output"
        case .executeResult: "execute_result"
        case .error: "error"
        }
    }

    /// The IOPub message's content.
    public var content: JSONValue {
        switch self {
        case let .stream(name, text):
            return ["name": .string(name), "text": .string(text)]
        case let .displayData(bundle, id):
            return ["data": .object(bundle.jsonData), "metadata": .object(bundle.jsonMetadata),
                    "transient": id.map { ["display_id": .string($0)] } ?? [:]]
        case let .updateDisplayData(bundle, id):
            return ["data": .object(bundle.jsonData), "metadata": .object(bundle.jsonMetadata), "transient": ["display_id": .string(id)]]
        case let .clearOutput(wait):
            return ["wait": .bool(wait)]
        case let .executeResult(bundle, count):
            return ["execution_count": .integer(count), "data": .object(bundle.jsonData), "metadata": .object(bundle.jsonMetadata)]
        case let .error(error):
            return error.jsonContent
        }
    }

    /// The output a notebook stores for this message (nbformat's `output_from_msg`); nil for
    /// updates and clears, which change earlier outputs instead.
    public var output: NotebookOutput? {
        switch self {
        case let .stream(name, text): .stream(name: name, text: text)
        case let .displayData(bundle, _): .displayData(data: bundle.jsonData, metadata: bundle.jsonMetadata)
        case let .executeResult(bundle, count): .executeResult(executionCount: count, data: bundle.jsonData, metadata: bundle.jsonMetadata)
        case let .error(error): .error(name: error.name, value: error.value, traceback: error.traceback)
        case .updateDisplayData, .clearOutput: nil
        }
    }
}

extension CellError {
    /// The error as Jupyter carries it: `ename`, `evalue`, `traceback` (an `error` message's
    /// content, and the error part of an `execute_reply`).
    public var jsonContent: JSONValue {
        ["ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map(JSONValue.string))]
    }
}

extension MIMEBundle {
    /// The representations as JSON: text, except for JSON types (`application/json`), whose text is parsed.
    public var jsonData: [String: JSONValue] {
        data.reduce(into: [:]) { result, entry in
            let isJSON = entry.key == "application/json" || (entry.key.hasPrefix("application/") && entry.key.hasSuffix("+json"))
            // A cell's display that is not JSON after all is kept as the text it gave.
            result[entry.key] = isJSON ? (try? JSONReader.parse(entry.value)) ?? .string(entry.value) : .string(entry.value)
        }
    }

    /// The per-type metadata as JSON (the bundle keeps each as JSON text).
    public var jsonMetadata: [String: JSONValue] {
        metadata.reduce(into: [:]) { result, entry in
            // As above: metadata that is not JSON is kept as its text.
            result[entry.key] = (try? JSONReader.parse(entry.value)) ?? .string(entry.value)
        }
    }
}
