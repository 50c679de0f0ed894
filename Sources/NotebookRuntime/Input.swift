import NotebookDisplay
internal import RunnerProtocol

/// Reads a line that the user types into the notebook (Jupyter's input box), without its newline.
///
/// Returns nil when the front end offers no input (for example when a notebook runs headless).
/// Outside a notebook it reads standard input, like `Swift.readLine`.
///
///     print("Your name?")
///     let name = readLine() ?? "nobody"
///
/// - Parameters:
///   - prompt: Shown beside the input box.
///   - strippingNewline: Kept for compatibility with `Swift.readLine`; the answer never has one.
public func readLine(prompt: String, strippingNewline: Bool = true) -> String? {
    guard isAttachedToRunner else { return Swift.readLine(strippingNewline: strippingNewline) }
    send(.inputRequest(prompt: prompt, password: false))
    // The runner's host answers with one line on stdin.
    return Swift.readLine(strippingNewline: true).flatMap(InputReply.text(of:))
}

/// Reads a line that the user types into the notebook; `Swift.readLine()` as cells see it.
///
/// Same as `readLine(prompt: "")`: nil when the front end offers no input.
public func readLine(strippingNewline: Bool = true) -> String? {
    readLine(prompt: "", strippingNewline: strippingNewline)
}
