internal import Foundation
internal import Spawning

/// Ready-made tutorial data sets, in the spirit of `keras.datasets`.
///
/// A data set is looked for in `$NEURAL_DATA`, then in `data/` under the current folder (the
/// notebook's: the course ships its data there), then in `~/.cache/neural/datasets`; only when it
/// is in none is it downloaded (with `curl`) into the cache folder, for the sets that have a source
/// to download from.
public enum Datasets {
    /// The two variants of the UCI Wine Quality data set.
    public enum WineColor: String, Sendable {
        case red, white
    }

    /// The UCI Wine Quality data (Cortez et al., 2009; CC BY 4.0): 11 physicochemical features and
    /// the `quality` score. Red: 1599 rows.
    ///
    ///     let redWine = try Datasets.wineQuality(.red)
    ///
    /// - Throws: `FrameError.downloadFailed` when the file is not on disk and cannot be fetched.
    public static func wineQuality(_ color: WineColor) throws -> DataFrame {
        try DataFrame(csv: locate(fileName: "winequality-\(color.rawValue).csv",
                                  url: "https://archive.ics.uci.edu/ml/machine-learning-databases/wine-quality/winequality-\(color.rawValue).csv"))
    }

    /// The UCI Breast Cancer Wisconsin (Diagnostic) table (Wolberg, Street and Mangasarian, 1995;
    /// CC BY 4.0), as the course ships it (`breast-cancer-wisconsin.csv`): `diagnosis` (`M` or `B`)
    /// and 30 numeric features. 569 rows.
    ///
    ///     let cancer = try Datasets.breastCancer()
    ///
    /// - Throws: `FrameError.datasetNotFound` naming the folders searched.
    public static func breastCancer() throws -> DataFrame {
        try DataFrame(csv: locate(fileName: "breast-cancer-wisconsin.csv", url: nil))
    }

    /// The UCI handwritten digits at 8×8 (Alpaydin and Kaynak, 1998; CC BY 4.0), as the course ships
    /// them (`digits-8x8.csv`): `pixel0` … `pixel63` (row-major, 0–16) and `digit`. 1797 rows.
    ///
    ///     let digits = try Datasets.digits()
    ///     let images = try digits.dropping(columns: ["digit"]).tensor().reshaped(to: [-1, 8, 8, 1])
    ///
    /// - Throws: `FrameError.datasetNotFound` naming the folders searched.
    public static func digits() throws -> DataFrame {
        try DataFrame(csv: locate(fileName: "digits-8x8.csv", url: nil))
    }

    /// The folders searched, in order: `$NEURAL_DATA` (if set), `data` in the current folder,
    /// then the cache folder.
    public static var searchPaths: [String] {
        let environment = ProcessInfo.processInfo.environment
        return [environment["NEURAL_DATA"], FileManager.default.currentDirectoryPath + "/data", cacheDirectory].compactMap { $0 }
    }

    /// `~/.cache/neural/datasets` (or `$XDG_CACHE_HOME/neural/datasets`).
    public static var cacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        let cacheHome = environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        return cacheHome + "/neural/datasets"
    }

    /// The path of `fileName` in the first search folder that has it, downloading it from `url`
    /// (when there is one) if none does.
    ///
    /// - Throws: `FrameError.downloadFailed` naming the URL, the destination and the reason;
    ///   `.datasetNotFound` for a file without a `url` that no folder has.
    public static func locate(fileName: String, url: String?) throws -> String {
        for folder in searchPaths {
            let candidate = folder + "/" + fileName
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        guard let url else { throw FrameError.datasetNotFound(fileName: fileName, searched: searchPaths) }
        let destination = cacheDirectory + "/" + fileName
        try download(url, to: destination)
        return destination
    }

    /// Fetches `url` into `destination` through a temporary file, so a failed download leaves nothing behind.
    static func download(_ url: String, to destination: String) throws {
        let folder = (destination as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FrameError.downloadFailed(url: url, destination: destination, reason: "cannot create \(folder)")
        }
        let partial = destination + ".part"
        let result: (status: ExitStatus, output: String)
        do {
            result = try ChildProcess.run(["/usr/bin/env", "curl", "--fail", "--silent", "--show-error", "--location",
                                           "--max-time", "60", "--output", partial, url])
        } catch {
            throw FrameError.downloadFailed(url: url, destination: destination, reason: "cannot run curl (\(error))")
        }
        guard result.status == .exited(0) else {
            // The download's own error is the one reported; a partial file is replaced next time.
            try? FileManager.default.removeItem(atPath: partial)
            let reason = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw FrameError.downloadFailed(url: url, destination: destination,
                                            reason: reason.isEmpty ? "curl ended with \(result.status)" : reason)
        }
        do {
            if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            throw FrameError.downloadFailed(url: url, destination: destination, reason: "cannot move the download into place")
        }
    }
}
