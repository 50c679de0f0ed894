import Foundation

/// Paths of the tutorial data and fixtures in this repository.
public enum RepositoryData {
    /// The repository's root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The red wine CSV the tutorials read (`notebooks/data/winequality-red.csv`).
    public static var wineCSV: String { repositoryRoot.appendingPathComponent("notebooks/data/winequality-red.csv").path }

    /// The row indices of a pandas split fixture (`Tests/FramesTests/Fixtures/winequality-red.train-index-rs<seed>.txt`).
    public static func trainIndices(seed: Int) throws -> [Int] {
        let path = repositoryRoot.appendingPathComponent("Tests/FramesTests/Fixtures/winequality-red.train-index-rs\(seed).txt").path
        return try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map { Int($0)! }
    }
}
