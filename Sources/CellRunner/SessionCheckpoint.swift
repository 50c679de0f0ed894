import CellCompiler
import Foundation
import RunnerProtocol

/// A saved state of a session: the values of its bindings after its first `cellCount` successful
/// cells, in a file the runner wrote, to restore instead of replaying those cells.
public struct SessionCheckpoint: Sendable, Equatable {
    /// How many of the session's successful cells it holds the state after.
    public let cellCount: Int
    /// The file.
    public let path: String
    /// The file's size in bytes.
    public let bytes: Int
    /// The values it does not hold, recomputed from their initializers on restore:
    /// `f (Cell[2]): its type (Double) -> Double is not Codable`.
    public let unsaved: [String]

    /// The file's contents (what nbrun's cache keeps).
    public func contents() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Where a session keeps its checkpoint after `cellCount` cells.
    static func path(in workDirectory: String, cellCount: Int) -> String {
        (workDirectory as NSString).appendingPathComponent("checkpoint-after-\(cellCount).plist")
    }

    /// `name (Cell[3]): reason` for each value in `report` (keys are binding storages).
    static func describe(_ values: [CheckpointReport.Value], cells: [GeneratedCell]) -> [String] {
        values.map { value in
            let cell = cells.first { $0.names.isBindingStorage(value.key) }
            return "\(value.name) (\(cell?.displayName ?? value.key)): \(value.reason)"
        }
    }
}
