/// Text written into generated Swift (cells, package manifests) as a string literal.
public enum SwiftLiteral {
    /// `text` as a Swift string literal, its backslashes and quotes escaped.
    public static func string(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
