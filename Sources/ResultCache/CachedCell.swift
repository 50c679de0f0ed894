import Foundation
import GRDB
import NotebookFormat

/// What the cache keeps of one executed code cell: its outputs and how it ended.
public struct CachedCell: Sendable, Equatable {
    /// How the cell ended. Only deterministic endings are cached: an error the cell raised is
    /// (it would raise it again), a timeout, interrupt or crash never is.
    public enum Status: String, Sendable, Codable {
        case ok, error
    }

    public var status: Status
    public var outputs: [NotebookOutput]
    /// How long the cell ran, in seconds.
    public var seconds: Double

    public init(status: Status, outputs: [NotebookOutput], seconds: Double) {
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
    }
}

/// A row of the `cell` table.
struct CellRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cell"
    var key: String
    var status: CachedCell.Status
    /// The outputs as nbformat JSON, large payloads replaced by references (`Payloads`).
    var outputs: String
    var seconds: Double
    /// The notebook that last stored or used it (for `invalidate` and `list`).
    var notebook: String
    var created: Date
    var accessed: Date
    /// `CacheSigner`'s signature of `signedParts`.
    var signature: String

    /// What the signature covers: everything that decides what the cell shows.
    var signedParts: [String] { ["cell", key, status.rawValue, outputs, "\(seconds)"] }
}

/// A row of the `payload` table: a large output value, stored once for all cells that show it.
struct PayloadRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "payload"
    var hash: String
    var bytes: Data
}

/// A rendered report as the cache keeps it: the page above its footer, its title and summary.
public struct StoredReport: Sendable, Equatable {
    public let content: String
    public let title: String
    public let summary: String

    public init(content: String, title: String, summary: String) {
        self.content = content
        self.title = title
        self.summary = summary
    }
}

/// A row of the `report` table: a rendered report.
struct ReportRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "report"
    var key: String
    var html: Data
    var title: String
    var summary: String
    var notebook: String
    var created: Date
    var accessed: Date
    var signature: String

    var signedParts: [String] { ["report", key, String(decoding: html, as: UTF8.self), title, summary] }
}

/// A row of the `fingerprint` table: a costly fact about a file (a digest, a version), kept
/// while the file's size and modification time stay the same.
struct FingerprintRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "fingerprint"
    var path: String
    var size: Int64
    var modified: Double
    var purpose: String
    var value: String
}
