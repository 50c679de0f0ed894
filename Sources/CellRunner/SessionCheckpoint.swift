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
    /// The values it does not hold, recomputed from their initializers on restore.
    public let unsaved: [UnsavedValue]

    /// A value a checkpoint does not hold.
    public struct UnsavedValue: Sendable, Equatable, CustomStringConvertible {
        /// Its name (or pattern).
        public let name: String
        /// The cell that declared it: `Cell[2]`.
        public let cellName: String
        /// Why it was not saved: `its type (Double) -> Double is not Codable`.
        public let reason: String
        /// Whether cells may have changed it after its initializer ran (a `var`, or an object).
        public let mayChange: Bool
        /// The position of the declaring cell among the session's successful cells.
        let cellIndex: Int?

        /// `f (Cell[2]): its type (Double) -> Double is not Codable`.
        public var description: String { "\(name) (\(cellName)): \(reason)" }
    }

    /// The file's contents (what nbrun's cache keeps).
    public func contents() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Where a session keeps its checkpoint after `cellCount` cells.
    static func path(in workDirectory: String, cellCount: Int) -> String {
        (workDirectory as NSString).appendingPathComponent("checkpoint-after-\(cellCount).plist")
    }

    /// The values of `report`, each with the cell among `cells` that declared it (keys are
    /// binding storages).
    static func unsavedValues(_ values: [CheckpointReport.Value], cells: [GeneratedCell]) -> [UnsavedValue] {
        values.map { value in
            let index = cells.firstIndex { $0.names.isBindingStorage(value.key) }
            return UnsavedValue(name: value.name, cellName: index.map { cells[$0].displayName } ?? value.key,
                                reason: value.reason, mayChange: value.mayChange, cellIndex: index)
        }
    }

    /// The first value among `values` that recomputing cannot bring back as it was: one that
    /// cells may change and that its own cell (beyond its declaration) or a later one of `cells`
    /// (those the checkpoint covers; cells after them are replayed anyway) names.
    static func valueLostByRecomputing(_ values: [UnsavedValue], cells: [GeneratedCell]) -> UnsavedValue? {
        var counts: [Int: [String: Int]] = [:]   // each cell parsed at most once
        func uses(of name: String, inCell index: Int) -> Int {
            if counts[index] == nil { counts[index] = cells[index].identifierCounts() }
            return counts[index]![name, default: 0]
        }
        return values.first { value in
            guard value.mayChange else { return false }
            guard let index = value.cellIndex else { return true }
            let names = value.name.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
            return names.contains { name in
                uses(of: name, inCell: index) > 1 || (index + 1 ..< cells.count).contains { uses(of: name, inCell: $0) > 0 }
            }
        }
    }
}
