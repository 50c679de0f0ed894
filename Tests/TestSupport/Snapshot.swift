import Foundation
import Testing

/// Compares `text` byte for byte with `Snapshots/<name>` beside the calling test file.
///
/// A missing snapshot is written and the test fails (look at it, then commit it); with the
/// environment variable `RECORD_SNAPSHOTS` set, every snapshot is rewritten.
public func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent(name)
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        if !recording {
            Issue.record("Recorded a new snapshot at \(file.path); check it and run again.", sourceLocation: sourceLocation)
        }
        return
    }
    #expect(text == expected, "differs from snapshot \(name)", sourceLocation: sourceLocation)
}
