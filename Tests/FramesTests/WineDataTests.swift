import Testing
import TestSupport
@testable import Frames

/// The shared red wine file, and pandas' split of it.
@Suite struct WineDataTests {
    @Test func loadsTheRedWineFileWithKnownMeans() throws {
        let wine = try DataFrame(csv: RepositoryData.wineCSV)
        #expect(wine.shape == (rows: 1599, columns: 12))
        let means = wine.mean()
        #expect(abs(means["quality"]! - 5.636023) < 1e-6)
        #expect(abs(means["alcohol"]! - 10.422983) < 1e-6)
        #expect(abs(means["fixed acidity"]! - 8.319637) < 1e-6)
        #expect(try wine.tensor().shape == [1599, 12])
    }

    @Test(arguments: [5, 0])
    func sampleMatchesPandas(seed: Int) throws {
        let wine = try DataFrame(csv: RepositoryData.wineCSV)
        let train = try wine.sample(fraction: 0.7, seed: seed)
        #expect(train.index == (try RepositoryData.trainIndices(seed: seed)))
        let valid = wine.dropping(rows: train.index)
        #expect(valid.rowCount == 480)
    }
}
