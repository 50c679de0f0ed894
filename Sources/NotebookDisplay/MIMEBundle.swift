/// One value's representations, keyed by MIME type, as Jupyter's `display_data` carries them.
///
///     MIMEBundle(["text/plain": "x", "text/html": "<b>x</b>"])
public struct MIMEBundle: Sendable, Equatable, Codable {
    /// Representations keyed by MIME type (`text/plain`, `text/html`, `image/svg+xml`, ...).
    public var data: [String: String]
    /// Per-type metadata (e.g. image sizes), as JSON text keyed by MIME type.
    public var metadata: [String: String]

    /// Creates a bundle; add a `text/plain` entry so every front end can show something.
    public init(_ data: [String: String], metadata: [String: String] = [:]) {
        self.data = data
        self.metadata = metadata
    }

    /// The plain-text representation, always present in bundles made by `Displayable`.
    public var plainText: String? { data[MIMEType.plainText] }
}

/// The MIME types the runtime produces.
public enum MIMEType {
    public static let plainText = "text/plain"
    public static let html = "text/html"
    public static let svg = "image/svg+xml"
    public static let png = "image/png"
    public static let json = "application/json"
    public static let markdown = "text/markdown"
    public static let latex = "text/latex"
}

extension MIMEBundle: Displayable {
    /// A bundle displays as itself: `display(MIMEBundle(["text/html": "<b>hi</b>", "text/plain": "hi"]))`.
    public var mimeBundle: MIMEBundle { self }
}
