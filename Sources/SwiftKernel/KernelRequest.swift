/// What a message asks of the kernel, decoded once from its `msg_type` and content. A field that is
/// missing or of the wrong type takes the messaging spec's default, so every request is answered.
enum KernelRequest {
    case kernelInfo
    case execute(ExecuteRequest)
    case isComplete(code: String)
    case complete(code: String, cursor: Int)
    case inspect(code: String, cursor: Int)
    case history(HistoryQuery)
    case commInfo
    case commOpen(id: String)
    /// `comm_msg` and `comm_close`: no comm targets exist, so nothing to do.
    case commMessage
    case shutdown(restart: Bool)
    case interrupt
    /// The front end's answer to an `input_request` (stdin channel).
    case inputReply(value: String)
    case unknown(type: String)

    init(type: String, content: [String: Any]) {
        let code = content["code"] as? String ?? ""
        let cursor = content["cursor_pos"] as? Int ?? code.unicodeScalars.count
        switch type {
        case "kernel_info_request": self = .kernelInfo
        case "execute_request": self = .execute(ExecuteRequest(content))
        case "is_complete_request": self = .isComplete(code: code)
        case "complete_request": self = .complete(code: code, cursor: cursor)
        case "inspect_request": self = .inspect(code: code, cursor: cursor)
        case "history_request": self = .history(HistoryQuery(content))
        case "comm_info_request": self = .commInfo
        case "comm_open": self = .commOpen(id: content["comm_id"] as? String ?? "")
        case "comm_msg", "comm_close": self = .commMessage
        case "shutdown_request": self = .shutdown(restart: content["restart"] as? Bool ?? false)
        case "interrupt_request": self = .interrupt
        case "input_reply": self = .inputReply(value: content["value"] as? String ?? "")
        default: self = .unknown(type: type)
        }
    }
}

/// An `execute_request`'s content.
struct ExecuteRequest {
    let code: String
    let silent: Bool
    /// Whether the cell counts and enters history (never for silent or blank code, as in IPython).
    let storeHistory: Bool
    /// Each expression by name; nil for one that is not a string.
    let userExpressions: [String: String?]
    let allowStdin: Bool
    let stopOnError: Bool

    init(_ content: [String: Any]) {
        code = content["code"] as? String ?? ""
        silent = content["silent"] as? Bool ?? false
        storeHistory = !silent && (content["store_history"] as? Bool ?? true) && !code.allSatisfy(\.isWhitespace)
        userExpressions = (content["user_expressions"] as? [String: Any] ?? [:]).mapValues { $0 as? String }
        allowStdin = content["allow_stdin"] as? Bool ?? false
        stopOnError = content["stop_on_error"] as? Bool ?? true
    }
}

/// A `history_request`'s content.
struct HistoryQuery {
    enum Access {
        case tail(count: Int)
        /// Lines `start ..< stop` of a session (0 or less counts back from this one).
        case range(session: Int, start: Int, stop: Int)
        /// Inputs matching a glob, the last `count`, optionally without repeats.
        case search(pattern: String, count: Int, unique: Bool)
    }

    let access: Access
    /// Whether each input comes with the text of its result.
    let output: Bool

    init(_ content: [String: Any]) {
        let count = content["n"] as? Int ?? 10
        switch content["hist_access_type"] as? String {
        case "range":
            access = .range(session: content["session"] as? Int ?? 0, start: content["start"] as? Int ?? 0,
                            stop: content["stop"] as? Int ?? Int.max)
        case "search":
            access = .search(pattern: content["pattern"] as? String ?? "*", count: count,
                             unique: content["unique"] as? Bool ?? false)
        default:
            access = .tail(count: count)
        }
        output = content["output"] as? Bool ?? false
    }
}
