import Foundation
import SwiftParser
import SwiftSyntax

/// One `%install` line: a SwiftPM package dependency, written as in a manifest between single
/// quotes, and the products of it that cells may import (swift-jupyter's spelling):
///
///     %install '.package(url: "https://github.com/apple/swift-numerics", from: "1.0.0")' Numerics
///     %install '.package(path: "../MyHelpers")' MyHelpers
public struct PackageRequest: Sendable, Hashable, Codable {
    /// The dependency as the manifest spells it (`.package(url: …, from: …)`), a local path made absolute.
    public let dependency: String
    /// Where the package is: its URL, or its folder for a local package.
    public let location: String
    /// Whether `location` is a local folder (`.package(path:)`).
    public let isLocal: Bool
    /// The products the cells use.
    public let products: [String]

    /// SwiftPM's identity of the package: the last part of its URL or path, without `.git`, lowercased.
    public var identity: String {
        var name = location.split(separator: "/").last.map(String.init) ?? location
        if name.hasSuffix(".git") { name.removeLast(4) }
        return name.lowercased()
    }

    /// Parses the arguments of an `%install` line; a local package's relative path is taken from `folder`.
    ///
    /// - Throws: `PackageRequestError` naming what is wrong with the line.
    public init(arguments: String, relativeTo folder: String) throws(PackageRequestError) {
        guard arguments.first == "'", let closing = arguments.dropFirst().firstIndex(of: "'") else {
            throw .notQuoted(arguments)
        }
        let dependency = String(arguments[arguments.index(after: arguments.startIndex)..<closing])
        let products = arguments[arguments.index(after: closing)...].split(whereSeparator: \.isWhitespace).map(String.init)
        guard !products.isEmpty else { throw .noProducts(dependency) }
        let statements = Parser.parse(source: dependency).statements
        let call = statements.first?.item.as(ExprSyntax.self)?.as(FunctionCallExprSyntax.self)
        guard let call, statements.count == 1,
              let member = call.calledExpression.as(MemberAccessExprSyntax.self), member.base == nil,
              member.declName.baseName.text == "package" else {
            throw .notAPackage(dependency)
        }
        let located = call.arguments.first { ["url", "path"].contains($0.label?.text) }
        guard let located, let literal = located.expression.as(StringLiteralExprSyntax.self),
              let text = literal.representedLiteralValue, !text.isEmpty else {
            throw .noLocation(dependency)
        }
        let isLocal = located.label?.text == "path"
        let expanded = Self.expandingCurrentFolder(in: text, folder: folder)
        let location = isLocal ? Self.absolutePath(expanded, relativeTo: folder) : expanded
        // The manifest is built elsewhere: a local path must not depend on where, nor on `$cwd`.
        let spelled = location == text ? dependency
            : String(dependency.utf8.prefix(literal.positionAfterSkippingLeadingTrivia.utf8Offset))! + SwiftLiteral.string(location)
                + String(dependency.utf8.dropFirst(literal.endPositionBeforeTrailingTrivia.utf8Offset))!
        self.init(dependency: spelled, location: location, isLocal: isLocal, products: products)
    }

    /// `text` with swift-jupyter's `$cwd` replaced by `folder` (the notebook's), made absolute.
    public static func expandingCurrentFolder(in text: String, folder: String) -> String {
        text.replacingOccurrences(of: "$cwd", with: absolutePath(folder, relativeTo: FileManager.default.currentDirectoryPath))
    }

    /// `path` made absolute, a relative one taken from `folder`.
    public static func absolutePath(_ path: String, relativeTo folder: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }

    /// The requests of `source`'s `%install` lines that parse (a line that does not fails its cell
    /// when it runs), local paths taken from `folder`.
    public static func requests(in source: String, relativeTo folder: String) -> [PackageRequest] {
        KernelCommandLine.lines(in: source).filter { $0.command == .install }.compactMap { line in
            try? PackageRequest(arguments: line.arguments, relativeTo: folder)   // see above: its cell reports it
        }
    }

    public init(dependency: String, location: String, isLocal: Bool, products: [String]) {
        self.dependency = dependency
        self.location = location
        self.isLocal = isLocal
        self.products = products
    }
}

/// What is wrong with an `%install` line.
public enum PackageRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case notQuoted(String)
    case noProducts(String)
    case notAPackage(String)
    case noLocation(String)

    public var description: String {
        let form = "write it as %install '.package(url: \"https://github.com/OWNER/NAME\", from: \"1.0.0\")' Product"
        return switch self {
        case let .notQuoted(text): "%install \(text): the package must be between single quotes; \(form)"
        case let .noProducts(text): "%install '\(text)' names no product to import; \(form)"
        case let .notAPackage(text): "%install '\(text)' is not a .package(…) dependency; \(form)"
        case let .noLocation(text): "%install '\(text)' has no url: or path: string; \(form)"
        }
    }
}
