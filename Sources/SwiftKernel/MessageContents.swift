import NotebookFormat

// The contents of the messages the kernel sends (Jupyter messaging protocol 5.3), as types: a
// mistyped key does not compile. Each encodes with the spec's snake_case keys, sorted.

/// `kernel_info_reply`.
public struct KernelInfoReply: Encodable, Sendable, Equatable {
    public var status = "ok"
    public var protocolVersion = "5.3"
    public var implementation: String
    public var implementationVersion: String
    public var languageInfo: JSONValue
    public var banner: String
    public var helpLinks: [HelpLink]

    /// A link in the front end's help menu.
    public struct HelpLink: Encodable, Sendable, Equatable {
        public var text: String
        public var url: String

        public init(text: String, url: String) { (self.text, self.url) = (text, url) }
    }

    public init(implementation: String, implementationVersion: String, languageInfo: JSONValue, banner: String, helpLinks: [HelpLink]) {
        (self.implementation, self.implementationVersion, self.languageInfo, self.banner, self.helpLinks)
            = (implementation, implementationVersion, languageInfo, banner, helpLinks)
    }

    enum CodingKeys: String, CodingKey {
        case status, implementation, banner
        case protocolVersion = "protocol_version", implementationVersion = "implementation_version"
        case languageInfo = "language_info", helpLinks = "help_links"
    }
}

/// `execute_reply`: `ok` with user expressions and payloads, `error` with the error, or `aborted`.
struct ExecuteReply: Encodable, Equatable {
    enum Status: String, Encodable { case ok, error, aborted }
    var status: Status
    var executionCount: Int
    var userExpressions: [String: UserExpressionResult]?
    var payload: [PagePayload]?
    var ename: String?
    var evalue: String?
    var traceback: [String]?

    enum CodingKeys: String, CodingKey {
        case status, payload, ename, evalue, traceback
        case executionCount = "execution_count", userExpressions = "user_expressions"
    }
}

/// One of `execute_request`'s `user_expressions`, evaluated: its MIME bundle, or its error.
public struct UserExpressionResult: Encodable, Sendable, Equatable {
    public var status: String
    public var data: [String: JSONValue]?
    public var metadata: [String: JSONValue]?
    public var ename: String?
    public var evalue: String?
    public var traceback: [String]?

    /// The expression's value.
    public static func value(_ data: [String: JSONValue]) -> UserExpressionResult {
        UserExpressionResult(status: "ok", data: data, metadata: [:])
    }

    /// The expression's error.
    public static func error(name: String, value: String, traceback: [String]) -> UserExpressionResult {
        UserExpressionResult(status: "error", ename: name, evalue: value, traceback: traceback)
    }
}

/// A pager payload of an `execute_reply` (what `?Dense` shows).
public struct PagePayload: Encodable, Sendable, Equatable {
    public var source = "page"
    public var data: [String: JSONValue]
    public var start = 0

    public init(data: [String: JSONValue]) { self.data = data }
}

/// `complete_reply`.
public struct CompleteReply: Encodable, Sendable, Equatable {
    public var status = "ok"
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int
    public var metadata: Metadata

    /// JupyterLab's details of each match (kind and signature), where known.
    public struct Metadata: Encodable, Sendable, Equatable {
        public var types: [CompletionDetail]?

        enum CodingKeys: String, CodingKey { case types = "_jupyter_types_experimental" }
    }

    public init(matches: [String], cursorStart: Int, cursorEnd: Int, details: [CompletionDetail] = []) {
        (self.matches, self.cursorStart, self.cursorEnd) = (matches, cursorStart, cursorEnd)
        metadata = Metadata(types: details.isEmpty ? nil : details)
    }

    enum CodingKeys: String, CodingKey {
        case status, matches, metadata
        case cursorStart = "cursor_start", cursorEnd = "cursor_end"
    }
}

/// A completion's kind and signature, as JupyterLab's `_jupyter_types_experimental` has them.
public struct CompletionDetail: Encodable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String
    /// `function`, `class`, `instance`, `keyword`, `module`.
    public var type: String
    public var signature: String
}

/// `inspect_reply`.
public struct InspectReply: Encodable, Sendable, Equatable {
    public var status = "ok"
    public var found: Bool
    public var data: [String: JSONValue]
    public var metadata: [String: JSONValue] = [:]

    /// Nothing found.
    public static let notFound = InspectReply(found: false, data: [:])

    /// Found: plain text and Markdown.
    public static func found(text: String, markdown: String) -> InspectReply {
        InspectReply(found: true, data: ["text/plain": .string(text), "text/markdown": .string(markdown)])
    }
}

/// `is_complete_reply`.
public struct IsCompleteReply: Encodable, Sendable, Equatable {
    /// `complete`, `incomplete` or `invalid`.
    public var status: String
    /// For `incomplete`: the indentation of the next line.
    public var indent: String?
}

/// `history_reply`: entries `[session, line, source]`, or `[session, line, [source, output]]`.
struct HistoryReply: Encodable {
    var status = "ok"
    var history: [JSONValue]
}

/// `comm_info_reply`: no comms are open.
struct CommInfoReply: Encodable {
    var status = "ok"
    var comms: [String: JSONValue] = [:]
}

/// `shutdown_reply` (also broadcast on IOPub).
struct ShutdownReply: Encodable {
    var status = "ok"
    var restart: Bool
}

/// `interrupt_reply`.
struct InterruptReply: Encodable {
    var status = "ok"
}

/// IOPub `status`.
struct KernelStatus: Encodable {
    enum State: String, Encodable { case starting, busy, idle }
    var executionState: State

    enum CodingKeys: String, CodingKey { case executionState = "execution_state" }
}

/// IOPub `execute_input`.
struct ExecuteInput: Encodable {
    var code: String
    var executionCount: Int

    enum CodingKeys: String, CodingKey { case code, executionCount = "execution_count" }
}

/// IOPub `stream`.
struct StreamText: Encodable {
    var name: String
    var text: String
}

/// IOPub `comm_close`.
struct CommClose: Encodable {
    var commId: String
    var data: [String: JSONValue] = [:]

    enum CodingKeys: String, CodingKey { case data, commId = "comm_id" }
}

/// stdin `input_request`.
struct InputRequest: Encodable {
    var prompt: String
    var password: Bool
}
