import Foundation

/// Paths of the shared tutorial data (`../shared/data` beside the repository).
public enum SharedData {
    /// The repository's root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/<name>` relative to the repository root.
    public static func path(_ name: String) -> String {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)").path
    }

    /// The red wine CSV.
    public static var wineCSV: String { path("winequality-red.csv") }

    /// The row indices of a pandas split fixture (`winequality-red.train-index-rs<seed>.txt`).
    public static func trainIndices(seed: Int) throws -> [Int] {
        try String(contentsOfFile: path("winequality-red.train-index-rs\(seed).txt"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { Int($0)! }
    }
}
