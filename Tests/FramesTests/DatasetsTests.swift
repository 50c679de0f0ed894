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

    @Test func theCoursesClassificationSetsAreFoundInItsDataFolder() throws {
        let folder = (RepositoryData.wineCSV as NSString).deletingLastPathComponent
        setenv("NEURAL_DATA", folder, 1)
        defer { unsetenv("NEURAL_DATA") }
        let cancer = try Datasets.breastCancer()
        #expect(cancer.shape == (rows: 569, columns: 31) && cancer.columnNames.first == "diagnosis")
        #expect(try cancer["diagnosis"].map(["M": 1, "B": 0]).numbers().reduce(0, +) == 212)
        let digits = try Datasets.digits()
        #expect(digits.shape == (rows: 1797, columns: 65) && digits.columnNames.last == "digit")
        let images = try digits.dropping(columns: ["digit"]).tensor().reshaped(to: [-1, 8, 8, 1])
        #expect(images.shape == [1797, 8, 8, 1] && images.scalars.max() == 16)
    }

    @Test func aShippedSetThatIsNowhereSaysWhereItWasLookedFor() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-data-\(getpid())").path
        setenv("NEURAL_DATA", empty, 1)
        setenv("XDG_CACHE_HOME", empty, 1)
        defer { unsetenv("NEURAL_DATA"); unsetenv("XDG_CACHE_HOME") }
        #expect(throws: FrameError.datasetNotFound(fileName: "digits-8x8.csv", searched: Datasets.searchPaths)) { try Datasets.digits() }
        #expect("\(FrameError.datasetNotFound(fileName: "x.csv", searched: ["/a", "/b"]))"
                == "x.csv is in none of /a, /b; the course ships it in notebooks/data: copy it into one of them, or set NEURAL_DATA to that folder.")
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
