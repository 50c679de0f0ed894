/// The module qualifiers a value's `text/plain` leaves out, so that a notebook shows
/// `Point(x: 1)` where Swift writes `Cell3.Point(x: 1)`. The host says which, when it attaches
/// (`DisplayHost.hideModules(_:)`): the runtime's own modules and the engine's cell modules.
public struct HiddenModules: Sendable, Equatable {
    /// Modules hidden by name (`Swift`, `Neural`).
    public var names: Set<String>
    /// Prefixes of numbered modules, hidden whatever their number (`Cell` hides `Cell3` and `Cell12`).
    public var numberedPrefixes: [String]

    public init(names: Set<String>, numberedPrefixes: [String] = []) {
        self.names = names
        self.numberedPrefixes = numberedPrefixes
    }

    /// What a value shows without a host: the standard library's and Foundation's qualifiers hidden.
    public static let standardLibrary = HiddenModules(names: ["Swift", "Foundation"])

    /// Whether `word`, followed by a dot, is a hidden module's qualifier.
    func hides(_ word: Substring) -> Bool {
        names.contains(String(word)) || numberedPrefixes.contains { prefix in
            word.hasPrefix(prefix) && word.count > prefix.count && word.dropFirst(prefix.count).allSatisfy(\.isNumber)
        }
    }

    /// `text` without the hidden modules' qualifiers before type names; quoted strings stay as they are.
    public func removingQualifiers(from text: String) -> String {
        var result = "", word = "", inQuotes = false, escaped = false
        for character in text {
            if inQuotes {
                result.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false }
                continue
            }
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            if !(character == "." && hides(word[...])) { result += word; result.append(character) }
            word = ""
            if character == "\"" { inQuotes = true }
        }
        return result + word
    }
}
