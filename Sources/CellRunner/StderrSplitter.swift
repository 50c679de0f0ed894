/// Separates a crashing runner's report (the runtime's `Fatal error` line and the backtrace) from
/// the cell's own stderr, so the crash appears once, as the cell's error, and not also as output.
struct StderrSplitter {
    private var partialLine = ""
    private var heldBlankLines = ""
    private var withholding = false
    /// Everything from the first line of a crash report on.
    private(set) var crashText = ""

    /// Text to forward now; lines that start a crash report, and all after, are held back.
    mutating func feed(_ text: String) -> String {
        partialLine += text
        var forward = ""
        while let newline = partialLine.firstIndex(of: "\n") {
            let line = String(partialLine[..<newline])
            partialLine.removeSubrange(...newline)
            if withholding || Self.startsCrashReport(line) {
                withholding = true
                crashText += heldBlankLines + line + "\n"
                heldBlankLines = ""
            } else if line.isEmpty {
                heldBlankLines += "\n"
            } else {
                forward += heldBlankLines + line + "\n"
                heldBlankLines = ""
            }
        }
        return forward
    }

    /// What is still held when the cell ended without crashing: it was ordinary output after all.
    mutating func finish() -> String {
        defer { partialLine = ""; heldBlankLines = ""; crashText = ""; withholding = false }
        return heldBlankLines + crashText + partialLine
    }

    private static func startsCrashReport(_ line: String) -> Bool {
        line.contains("Fatal error: ") || line.hasPrefix("*** Signal ") || line.hasPrefix("*** Swift runtime failure")
            || line.hasPrefix("Current stack trace:")
    }
}
