/// One cell of a notebook.
public struct NotebookCell: Sendable, Equatable {
    /// What a cell holds.
    public enum Kind: Sendable, Equatable {
        case code, markdown, raw
        /// A cell type this version does not know; kept, never run.
        case other(String)

        init(_ name: String) {
            switch name {
            case "code": self = .code
            case "markdown": self = .markdown
            case "raw": self = .raw
            default: self = .other(name)
            }
        }

        var name: String {
            switch self {
            case .code: "code"
            case .markdown: "markdown"
            case .raw: "raw"
            case let .other(name): name
            }
        }
    }

    public var kind: Kind
    /// The cell's id (nbformat 4.5 and later).
    public var id: String?
    /// The cell's text.
    public var source: String
    public var metadata: [String: JSONValue]
    /// A code cell's outputs, in order.
    public var outputs: [NotebookOutput]
    /// A code cell's execution count; nil when it has not run.
    public var executionCount: Int?
    /// Members other than the ones above (attachments, and those of unknown cell types), kept as they were.
    public var otherMembers: [String: JSONValue]

    public init(kind: Kind, id: String? = nil, source: String, metadata: [String: JSONValue] = [:],
                outputs: [NotebookOutput] = [], executionCount: Int? = nil, otherMembers: [String: JSONValue] = [:]) {
        self.kind = kind
        self.id = id
        self.source = source
        self.metadata = metadata
        self.outputs = outputs
        self.executionCount = executionCount
        self.otherMembers = otherMembers
    }

    /// The cell's tags (`metadata.tags`).
    public var tags: [String] { metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// Whether the cell has the tag.
    public func hasTag(_ tag: String) -> Bool { tags.contains(tag) }

    /// The tag of a cell whose error is meant (nbclient's and nbmake's name): the error neither
    /// stops nor fails a run, and `nbrun check` requires it.
    public static let raisesExceptionTag = "raises-exception"

    /// The tag of a cell whose outputs `nbrun check` does not compare, because they vary from run
    /// to run by design (a time, a date, a random draw without a seed); the cell still runs.
    public static let ignoreOutputTag = "nbrun-ignore-output"

    /// Whether the cell holds code that runs: a code cell whose source is more than whitespace.
    public var isExecutable: Bool { kind == .code && source.contains { !$0.isWhitespace } }

    // MARK: - JSON

    private static let knownMembers: Set<String> = ["cell_type", "id", "source", "metadata", "outputs", "execution_count"]

    init(json: JSONValue, index: Int) throws(NotebookError) {
        let place = "cell \(index + 1)"
        guard case let .object(members) = json else { throw .invalid("\(place) is \(json.typeDescription), not an object") }
        guard let type = members["cell_type"]?.stringValue else { throw .invalid("\(place) has no cell_type") }
        kind = Kind(type)
        id = members["id"]?.stringValue
        metadata = members["metadata"]?.objectValue ?? [:]
        if case .other = kind {
            source = members["source"]?.multilineText ?? ""
        } else {
            guard let text = members["source"]?.multilineText else {
                throw .invalid("\(place) has no source (a string or a list of strings)")
            }
            source = text
        }
        if kind == .code {
            guard let outputs = members["outputs"]?.arrayValue else { throw .invalid("\(place) is a code cell without outputs") }
            self.outputs = []
            for (number, output) in outputs.enumerated() {
                self.outputs.append(try NotebookOutput(json: output, where: "\(place), output \(number + 1)"))
            }
            executionCount = members["execution_count"]?.intValue
        } else {
            outputs = []
            executionCount = nil
        }
        otherMembers = members.filter { !Self.knownMembers.contains($0.key) }
        if case .other = kind {   // an unknown cell keeps everything it had
            otherMembers.merge(members.filter { ["outputs", "execution_count"].contains($0.key) }) { $1 }
        }
    }

    var json: JSONValue {
        var members = otherMembers
        members["cell_type"] = .string(kind.name)
        if let id { members["id"] = .string(id) }
        members["metadata"] = .object(metadata)
        if case .other = kind {
            members["source"] = .lines(source)
            return .object(members)
        }
        members["source"] = .lines(source)
        if kind == .code {
            members["outputs"] = .array(outputs.map(\.json))
            members["execution_count"] = executionCount.map(JSONValue.integer) ?? .null
        }
        return .object(members)
    }
}
