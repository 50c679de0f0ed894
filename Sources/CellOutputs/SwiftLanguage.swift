import NotebookFormat

/// How notebooks name the language of the cells this engine runs: the `language_info` a kernel
/// reports and a notebook stores, and the notebook's `kernelspec`.
public enum SwiftLanguage {
    /// The Swift language version of the toolchain that built this program (and compiles the cells).
    public static var version: String {
        #if compiler(>=6.5)
        "6.5"
        #elseif compiler(>=6.4)
        "6.4"
        #elseif compiler(>=6.3)
        "6.3"
        #else
        "6"
        #endif
    }

    /// Jupyter's `language_info`.
    public static var languageInfo: JSONValue {
        ["name": "swift", "version": .string(version), "mimetype": "text/x-swift", "file_extension": ".swift",
         "codemirror_mode": "swift", "pygments_lexer": "swift"]
    }

    /// The kernel's name in its kernelspec (`swift-kernel install` writes it so).
    public static let kernelName = "swift"

    /// The notebook's `kernelspec`.
    public static var kernelspec: JSONValue {
        ["name": .string(kernelName), "display_name": "Swift", "language": "swift"]
    }
}
