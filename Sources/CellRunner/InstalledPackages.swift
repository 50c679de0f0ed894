import CellCompiler
import Foundation

/// A set of packages a session installed, built: the library the runner loads, what a cell's
/// compile needs to import the products' modules, and what each package resolved to.
public struct InstalledPackages: Sendable, Equatable, Codable {
    /// The `%install` requests, merged (see `PackageRequest.merged`).
    public let requests: [PackageRequest]
    /// The dynamic library holding every product's code.
    public let library: String
    /// The flags a cell's compile adds: the folder of the modules, and the C modules' maps and headers.
    public let compileArguments: [String]
    /// What each package resolved to.
    public let pins: [Pin]

    /// One package as SwiftPM resolved it.
    public struct Pin: Sendable, Equatable, Codable {
        public let identity: String
        public let location: String
        /// The tag it resolved to (nil for a branch, a revision or a local package).
        public let version: String?
        /// The commit, or for a local package a digest of its files.
        public let revision: String
    }

    /// What an `%install` cell shows once `requests` are installed: per package, its version
    /// and the products the cell asked for (`Installed swift-numerics 1.1.1: Numerics`).
    public func summary(of requests: [PackageRequest]) -> String {
        requests.map { request in
            let version = request.isLocal ? "(local)" : pins.first { $0.identity == request.identity }?.version ?? "(no version)"
            return "Installed \(request.identity) \(version): \(request.products.joined(separator: ", "))"
        }.joined(separator: "\n")
    }

    /// The resolved set as text, one package a line (`swift-numerics 1.1.1 <commit> <url>`), for
    /// cache keys and notices.
    public var resolvedText: String { Self.resolvedText(of: pins) }

    /// `pins` as text, one package a line.
    public static func resolvedText(of pins: [Pin]) -> String {
        pins.map { "\($0.identity) \($0.version ?? "-") \($0.revision) \($0.location)" }.joined(separator: "\n")
    }
}

extension PackageRequest {
    /// `requests` as one set: a package requested again keeps its first place, takes the later
    /// dependency text, and adds the later products.
    public static func merged(_ requests: [PackageRequest]) -> [PackageRequest] {
        var merged: [PackageRequest] = []
        for request in requests {
            guard let index = merged.firstIndex(where: { $0.identity == request.identity }) else {
                merged.append(request)
                continue
            }
            let products = merged[index].products + request.products.filter { !merged[index].products.contains($0) }
            merged[index] = PackageRequest(dependency: request.dependency, location: request.location,
                                           isLocal: request.isLocal, products: products)
        }
        return merged
    }
}
