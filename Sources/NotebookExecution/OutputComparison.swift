import NotebookFormat

/// `nbrun check`: the outputs a notebook stores against those a fresh run gives, cell by cell,
/// each difference as a unified diff of the outputs' nbformat JSON and the first number that
/// differs. Cells tagged `nbrun-ignore-output` are not compared; cells tagged `raises-exception`
/// must end in an error.
public enum OutputComparison {
    /// One code cell whose outputs differ.
    public struct Difference: Sendable, Equatable {
        /// The cell's number among all cells, 1-based.
        public let cell: Int
        public let executionCount: Int?
        /// `--- stored` / `+++ executed` and the hunks, or why the cell fails the check.
        public let diff: String
        /// The first number of the stored outputs that the executed ones change, and its new value.
        public let firstNumber: (stored: String, executed: String)?

        public static func == (a: Difference, b: Difference) -> Bool {
            a.cell == b.cell && a.executionCount == b.executionCount && a.diff == b.diff
                && a.firstNumber?.stored == b.firstNumber?.stored && a.firstNumber?.executed == b.firstNumber?.executed
        }
    }

    /// The code cells of `stored` whose outputs (or execution counts) differ in `executed`, a
    /// run of the same notebook. The injected-parameters cell a run adds is not compared.
    public static func differences(stored: Notebook, executed: Notebook) -> [Difference] {
        let executedByID = Dictionary(executed.cells.compactMap { cell in cell.id.map { ($0, cell) } }, uniquingKeysWith: { first, _ in first })
        var differences: [Difference] = []
        var executedCode = executed.cells.filter { $0.kind == .code && !$0.hasTag("injected-parameters") }.makeIterator()
        for (index, cell) in stored.cells.enumerated() where cell.kind == .code && !cell.hasTag("injected-parameters") {
            let fresh = cell.id.flatMap { executedByID[$0] } ?? executedCode.next()
            if cell.id == nil { _ = fresh } else { _ = executedCode.next() }
            if cell.hasTag(NotebookCell.raisesExceptionTag), let fresh, !fresh.outputs.contains(where: { if case .error = $0 { true } else { false } }) {
                differences.append(Difference(cell: index + 1, executionCount: cell.executionCount,
                                              diff: "tagged raises-exception, but the cell ran without an error\n", firstNumber: nil))
                continue
            }
            if cell.hasTag(NotebookCell.ignoreOutputTag) { continue }
            let old = text(of: cell), new = fresh.map(text(of:)) ?? "(the cell is missing)"
            guard old != new else { continue }
            differences.append(Difference(cell: index + 1, executionCount: cell.executionCount,
                                          diff: LineDiff.unified(old, new, from: "stored", to: "executed"),
                                          firstNumber: firstDifferingNumber(old, new)))
        }
        return differences
    }

    /// The first number, in reading order, where two texts differ: found by walking both texts'
    /// numbers in step until a pair differs (nil when they have the same numbers).
    static func firstDifferingNumber(_ old: String, _ new: String) -> (stored: String, executed: String)? {
        let a = numbers(in: old), b = numbers(in: new)
        for (x, y) in zip(a, b) where x != y { return (x, y) }
        return a.count == b.count ? nil : (a.dropFirst(b.count).first ?? "(none)", b.dropFirst(a.count).first ?? "(none)")
    }

    /// The decimal numbers in a text (`-0.1034`, `12`, `1e-05`), in order; digits that end a
    /// word (`h1`, `cell_2`) are not numbers.
    static func numbers(in text: String) -> [String] {
        text.matches(of: numberPattern).compactMap { match in
            let token = text[match.range]
            return token.first.map { $0.isLetter || $0 == "_" } == true ? nil : String(token)
        }
    }

    /// A number, or a word with digits in it (so those can be skipped whole).
    nonisolated(unsafe) private static let numberPattern = try! Regex(#"[A-Za-z_]*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"#)

    /// A cell's execution count and outputs as the notebook file holds them.
    private static func text(of cell: NotebookCell) -> String {
        "execution_count: \(cell.executionCount.map(String.init) ?? "null")\n"
            + JSONWriter.notebookText(.array(cell.outputs.map(\.json))) + "\n"
    }
}

/// Unified diffs of line-based text.
public enum LineDiff {
    /// The differences between `old` and `new`, with three lines of context.
    public static func unified(_ old: String, _ new: String, from oldName: String, to newName: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let script = editScript(a, b)
        var output = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < script.count {
            guard script[index].kind != .same else { index += 1; continue }
            let start = max(0, index - context)
            var end = index
            while end < script.count {
                if script[end].kind == .same {
                    let run = script[end...].prefix { $0.kind == .same }.count
                    if run > 2 * context || end + run == script.count { end = min(script.count, end + context); break }
                    end += run
                } else {
                    end += 1
                }
            }
            let hunk = script[start..<end]
            let oldStart = (hunk.first?.oldLine ?? 0) + 1, newStart = (hunk.first?.newLine ?? 0) + 1
            let oldCount = hunk.count { $0.kind != .added }, newCount = hunk.count { $0.kind != .removed }
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for line in hunk {
                output += (line.kind == .same ? " " : line.kind == .removed ? "-" : "+") + line.text + "\n"
            }
            index = end
        }
        return output
    }

    struct Line {
        enum Kind { case same, removed, added }
        let kind: Kind
        let text: String
        /// Lines of the old and new text before this one.
        let oldLine: Int
        let newLine: Int
    }

    /// The longest common subsequence's edit script (quadratic; outputs are small).
    static func editScript(_ a: [String], _ b: [String]) -> [Line] {
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var script: [Line] = [], i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append(Line(kind: .same, text: a[i], oldLine: i, newLine: j)); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                script.append(Line(kind: .removed, text: a[i], oldLine: i, newLine: j)); i += 1
            } else {
                script.append(Line(kind: .added, text: b[j], oldLine: i, newLine: j)); j += 1
            }
        }
        return script
    }
}
