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
