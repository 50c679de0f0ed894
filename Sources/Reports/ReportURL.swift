/// What a URL in a notebook's HTML or Markdown points at, which decides where a report may keep
/// it: an image only from a `data:` URL (it is in the page), a link (`<a href>`) to anything a
/// reader can follow with a click, an SVG reference only inside the page. Nothing that the
/// browser would fetch by itself when the page opens.
enum ReportURL: Equatable {
    /// `#id`, a place in the page.
    case fragment
    /// `other.html`, `../data/x.csv`: beside the report.
    case relative
    /// `https://…`, `http://…` or `//host/…`.
    case web
    case mailto
    /// `data:image/png;base64,…`, `data:image/svg+xml,…`: an image inside the page.
    case dataImage
    /// `javascript:`, `data:text/html`, `file:`, `vbscript:` and every other scheme.
    case other

    /// How `value` (an attribute's value, character references already decoded) is read by a
    /// browser, which ignores spaces and control characters inside a scheme.
    init(_ value: String) {
        let compact = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7f }).lowercased()
        if compact.hasPrefix("#") {
            self = .fragment
        } else if compact.hasPrefix("//") || compact.hasPrefix("\\\\") || compact.hasPrefix("/\\") || compact.hasPrefix("\\/") {
            self = .web
        } else if let colon = compact.firstIndex(of: ":"), !compact[..<colon].contains(where: { "/?#".contains($0) }) {
            switch compact[..<colon] {
            case "http", "https": self = .web
            case "mailto": self = .mailto
            case "data" where Self.imageTypes.contains(where: { compact.hasPrefix("data:image/\($0)") }): self = .dataImage
            default: self = .other
            }
        } else {
            self = .relative
        }
    }

    /// The image types a `data:` URL may hold. SVG is safe as an `<img>`: a browser runs no
    /// script and loads nothing from an SVG shown as an image.
    static let imageTypes = ["png", "jpeg", "jpg", "gif", "webp", "bmp", "avif", "svg+xml"]

    /// Whether `<a href>` may keep this URL.
    var isLink: Bool { self != .other && self != .dataImage }
}
