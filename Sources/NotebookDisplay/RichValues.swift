import Foundation

// Values that show as one kind of rich output, as IPython's display objects do:
//
//     display(HTML("<b>bold</b>"))
//     Markdown("**Results** for \(name)")          // as a cell's last expression
//     try Image(filename: "plot.png")
//
// Each carries a `text/plain` fallback for front ends that show text only.

/// HTML to show as it is. IPython: `IPython.display.HTML`.
public struct HTML: Displayable, Sendable {
    public let html: String

    public init(_ html: String) {
        self.html = html
    }

    /// The HTML, and as text the HTML with its tags left out.
    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.html: html, MIMEType.plainText: Self.text(of: html)])
    }

    static func text(of html: String) -> String {
        var text = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text
    }
}

/// Markdown, rendered by the front end. IPython: `IPython.display.Markdown`.
public struct Markdown: Displayable, Sendable {
    public let markdown: String

    public init(_ markdown: String) {
        self.markdown = markdown
    }

    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.markdown: markdown, MIMEType.plainText: markdown])
    }
}

/// An SVG image, given as its source. IPython: `IPython.display.SVG`.
public struct SVG: Displayable, Sendable {
    public let svg: String

    public init(_ svg: String) {
        self.svg = svg
    }

    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.svg: svg, MIMEType.plainText: "SVG image (\(svg.utf8.count) bytes)"])
    }
}

/// LaTeX, typeset by the front end (`$x^2$` inline, `$$…$$` as a display). IPython: `IPython.display.Latex`.
public struct Latex: Displayable, Sendable {
    public let latex: String

    public init(_ latex: String) {
        self.latex = latex
    }

    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.latex: latex, MIMEType.plainText: latex])
    }
}

/// A value shown as JSON (front ends show a tree). IPython: `IPython.display.JSON`.
public struct JSON: Displayable, Sendable {
    /// The JSON text, keys sorted.
    public let json: String

    /// The JSON of an `Encodable` value.
    ///
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public init(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        json = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.json: json, MIMEType.plainText: json])
    }
}

/// A bitmap or SVG image from a file or from its bytes. IPython: `IPython.display.Image`.
public struct Image: Displayable, Sendable {
    /// The formats an image can have, by MIME type.
    public enum Format: String, Sendable, CaseIterable {
        case png = "image/png", jpeg = "image/jpeg", gif = "image/gif", svg = "image/svg+xml"

        /// The format a file name's extension says, if any.
        init?(fileExtension: String) {
            switch fileExtension.lowercased() {
            case "png": self = .png
            case "jpg", "jpeg": self = .jpeg
            case "gif": self = .gif
            case "svg": self = .svg
            default: return nil
            }
        }
    }

    public let data: Data
    public let format: Format

    public init(data: Data, format: Format) {
        self.data = data
        self.format = format
    }

    /// The image in the file at `filename` (relative to the notebook's folder), its format from
    /// the extension.
    ///
    /// - Throws: `DisplayError` when the file cannot be read or its extension is none of png,
    ///   jpg/jpeg, gif and svg.
    public init(filename: String) throws {
        let fileExtension = (filename as NSString).pathExtension
        guard let format = Format(fileExtension: fileExtension) else {
            throw DisplayError.unknownImageFormat(filename: filename, fileExtension: fileExtension)
        }
        guard let data = FileManager.default.contents(atPath: filename) else {
            throw DisplayError.unreadableFile(filename)
        }
        self.init(data: data, format: format)
    }

    /// Bitmaps as base64 (as notebooks store them), SVG as its text.
    public var mimeBundle: MIMEBundle {
        let content = format == .svg ? String(decoding: data, as: UTF8.self) : data.base64EncodedString()
        let kind = format.rawValue.dropFirst("image/".count).uppercased()
        return MIMEBundle([format.rawValue: content, MIMEType.plainText: "\(kind) image (\(data.count) bytes)"])
    }
}

/// Why a value cannot be displayed.
public enum DisplayError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case unreadableFile(String)
    case unknownImageFormat(filename: String, fileExtension: String)

    public var description: String {
        switch self {
        case let .unreadableFile(name): "Image(filename:): \(name) cannot be read (is the path relative to the notebook's folder?)"
        case let .unknownImageFormat(name, fileExtension):
            "Image(filename:): \(name) has the extension '\(fileExtension)'; png, jpg, jpeg, gif and svg are shown"
        }
    }

    public var errorDescription: String? { description }
}
