import Foundation
import Testing
import TestSupport
@testable import Frames

/// The loader looks on disk first and never touches the network when the file is there.
@Suite(.serialized) struct DatasetsTests {
    @Test func findsTheFileInNeuralData() throws {
        let folder = (RepositoryData.wineCSV as NSString).deletingLastPathComponent
        setenv("NEURAL_DATA", folder, 1)
        defer { unsetenv("NEURAL_DATA") }
        let wine = try Datasets.wineQuality(.red)
        #expect(wine.shape == (rows: 1599, columns: 12))
    }

    @Test func aFailedDownloadSaysWhatAndWhereAndLeavesNothing() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-\(getpid())").path
        setenv("XDG_CACHE_HOME", cache, 1)
        defer { unsetenv("XDG_CACHE_HOME"); try? FileManager.default.removeItem(atPath: cache) }
        // Port 9 on loopback: nothing listens, so the connection is refused at once.
        let error = #expect(throws: FrameError.self) {
            try Datasets.locate(fileName: "absent.csv", url: "http://127.0.0.1:9/absent.csv")
        }
        guard case let .downloadFailed(url, destination, _) = error else {
            Issue.record("expected downloadFailed, got \(String(describing: error))"); return
        }
        #expect(url == "http://127.0.0.1:9/absent.csv")
        #expect(destination == cache + "/neural/datasets/absent.csv")
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(!FileManager.default.fileExists(atPath: destination + ".part"))
    }
}
