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

extension CellError {
    /// The error for a cell whose runner died: the runtime's reason and the cell line it names.
    ///
    /// `Fatal error: boom (Cell[3], line 2)`, `arithmetic overflow (Cell[3], line 2)`, or the
    /// signal or exit status when the runtime said nothing.
    static func crash(exitReason: String, report: String, cellName: String) -> CellError {
        let lines = report.split(separator: "\n").map(String.init)
        var reason: String
        if let fatal = lines.first(where: { $0.contains("Fatal error: ") }),
           let range = fatal.range(of: "Fatal error: ") {
            reason = "Fatal error: " + fatal[range.upperBound...]
        } else if let failure = lines.first(where: { $0.hasPrefix("*** Swift runtime failure: ") }) {
            reason = failure.replacingOccurrences(of: "*** Swift runtime failure: ", with: "")
                .replacingOccurrences(of: " ***", with: "")
        } else {
            reason = "The cell's process ended with \(exitReason)"
        }
        if let line = Self.cellLine(in: report, cellName: cellName) {
            reason += " (\(cellName), line \(line))"
        }
        let frames = lines.filter { $0.contains(cellName) && !$0.contains("Fatal error") }
        return CellError(.crash, value: reason,
                         traceback: ["\(cellName) crashed the runner (\(exitReason)); it was restarted."] + frames)
    }

    /// The first `Cell[N]:LINE` in the report.
    private static func cellLine(in report: String, cellName: String) -> Int? {
        guard let range = report.range(of: cellName + ":") else { return nil }
        return Int(report[range.upperBound...].prefix { $0.isNumber })
    }
}

import Foundation
