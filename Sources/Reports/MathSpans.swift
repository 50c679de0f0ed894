import NotebookDisplay

/// `$…$` and `$$…$$` in Markdown, kept away from the Markdown parser (which would read `*` and `_`
/// in a formula as emphasis) and put back, as written, into the HTML for MathJax or KaTeX.
enum MathSpans {
    /// `markdown` with each formula outside code replaced by a placeholder, and the formulas in order.
    static func protect(_ markdown: String) -> (String, [String]) {
        var output = "", formulas: [String] = []
        let characters = Array(markdown)
        var index = 0, inFence = false, atLineStart = true
        func placeholder(_ formula: String) -> String {
            formulas.append(formula)
            return "NBRUNMATH\(formulas.count - 1)X"
        }
        while index < characters.count {
            let character = characters[index]
            if atLineStart, isFence(characters, at: index) {   // ``` or ~~~ opens or closes a code block
                inFence.toggle()
            }
            atLineStart = character == "\n"
            if inFence { output.append(character); index += 1; continue }
            if character == "`" {   // a code span: copied as it is up to the same run of backticks
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                let fence = String(repeating: "`", count: run)
                if let end = find(fence, in: characters, from: index + run, skippingEscapes: false) {
                    output += String(characters[index..<end + run])
                    index = end + run
                } else {
                    output += fence
                    index += run
                }
                continue
            }
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "$" {
                output += "\\$"
                index += 2
                continue
            }
            if character == "$" {
                let display = index + 1 < characters.count && characters[index + 1] == "$"
                let delimiter = display ? "$$" : "$"
                if let end = find(delimiter, in: characters, from: index + delimiter.count),
                   end > index + delimiter.count,
                   display || isInlineFormula(characters, from: index + 1, to: end) {
                    output += placeholder(String(characters[index..<end + delimiter.count]))
                    index = end + delimiter.count
                    continue
                }
            }
            output.append(character)
            index += 1
        }
        return (output, formulas)
    }

    /// `html` with the placeholders replaced by their formulas (HTML-escaped when `escaping`).
    static func restore(_ html: String, formulas: [String], escaping: Bool) -> String {
        var result = html
        for (number, formula) in formulas.enumerated().reversed() {
            result = result.replacingOccurrences(of: "NBRUNMATH\(number)X", with: escaping ? escapeHTML(formula) : formula)
        }
        return result
    }

    private static func isFence(_ characters: [Character], at index: Int) -> Bool {
        var start = index
        while start < characters.count, characters[start] == " ", start - index < 3 { start += 1 }
        guard start + 2 < characters.count else { return false }
        let mark = characters[start]
        return (mark == "`" || mark == "~") && characters[start + 1] == mark && characters[start + 2] == mark
    }

    /// Pandoc's rule: no space just inside the dollars, no digit right after the closing one
    /// (so "$5 and $10" stays text), and on one paragraph.
    private static func isInlineFormula(_ characters: [Character], from start: Int, to end: Int) -> Bool {
        guard !characters[start].isWhitespace, !characters[end - 1].isWhitespace else { return false }
        if end + 1 < characters.count, characters[end + 1].isNumber { return false }
        return !String(characters[start..<end]).contains("\n\n")
    }

    private static func find(_ text: String, in characters: [Character], from start: Int, skippingEscapes: Bool = true) -> Int? {
        let target = Array(text)
        var index = start
        while index + target.count <= characters.count {
            if skippingEscapes, characters[index] == "\\" { index += 2; continue }
            if Array(characters[index..<index + target.count]) == target { return index }
            index += 1
        }
        return nil
    }
}
