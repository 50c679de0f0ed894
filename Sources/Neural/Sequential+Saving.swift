internal import Foundation

/// Why a model could not be saved to a file or read from one.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file at the path.
    case missing(path: String)
    /// The file is not a saved model (another program's file, or not one of ours).
    case notAModel(path: String)
    /// The file is a saved model but cannot be read back (cut short, altered): why.
    case damaged(path: String, reason: String)
    /// The file was saved by a newer format than this version reads.
    case newerFormat(path: String, version: Int)
    /// The model holds something that cannot be saved (a layer whose type is not `Codable`).
    case notSavable(reason: String)
    /// The file could not be written: why.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missing(path): "There is no model file at \(path)."
        case let .notAModel(path): "\(path) is not a saved model (model.save(to:) writes them)."
        case let .damaged(path, reason): "The model file \(path) cannot be read: \(reason). Save the model again."
        case let .newerFormat(path, version):
            "The model file \(path) has format \(version), newer than this version reads (\(ModelFile.formatVersion)); update."
        case let .notSavable(reason): "The model cannot be saved: \(reason)."
        case let .cannotWrite(path, reason): "The model cannot be written to \(path): \(reason)."
        }
    }
}

/// A model in a file: a marker and a format version, then the model as checkpoints encode it
/// (layers with weights, compile settings, the optimizer's state, the model's generator), in a
/// binary property list.
struct ModelFile: Codable {
    /// What every model file says it is, so another file is told apart from a damaged one.
    static let marker = "swift-notebooks model"
    static let formatVersion = 1

    let marker: String
    let version: Int
    let model: Sequential?

    private enum CodingKeys: String, CodingKey { case marker, version, model }

    init(model: Sequential) {
        (marker, version, self.model) = (Self.marker, Self.formatVersion, model)
    }

    /// Reads the marker first: the version only in a file of ours, the model only in a format
    /// this version reads.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Another program's property list may have no marker, or one of another type: not ours either way.
        marker = ((try? container.decodeIfPresent(String.self, forKey: .marker)) ?? nil) ?? ""
        guard marker == Self.marker else {
            (version, model) = (0, nil)
            return
        }
        version = try container.decode(Int.self, forKey: .version)
        model = version <= Self.formatVersion ? try container.decode(Sequential.self, forKey: .model) : nil
    }
}

extension Sequential {
    /// Saves the model to `path`: its layers and weights, its compile settings and the optimizer's
    /// state, so that `Sequential(contentsOf:)` gives a model that predicts the same and trains on
    /// exactly as this one would. The file is replaced whole or not at all.
    ///
    /// Keras: `model.save("wine.keras")`.
    ///
    ///     try model.save(to: "wine.model")
    ///     let again = try Sequential(contentsOf: "wine.model")
    ///
    /// - Throws: `ModelFileError.notSavable` for a layer or optimizer whose type is not `Codable`,
    ///   `.cannotWrite` when the file cannot be written.
    public func save(to path: String) throws(ModelFileError) {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        encoder.userInfo[SharedObjects.userInfoKey] = SharedObjects()
        let bytes: Data
        do {
            bytes = try encoder.encode(ModelFile(model: self))
        } catch let EncodingError.invalidValue(_, context) where context.underlyingError is NotSavable {
            throw .notSavable(reason: "\(context.underlyingError!)")
        } catch {
            throw .notSavable(reason: "\(error)")
        }
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Reads a model that `save(to:)` wrote.
    ///
    /// Keras: `keras.models.load_model("wine.keras")`.
    ///
    /// - Throws: `ModelFileError`: `.missing`, `.notAModel` for a file that is not a saved model,
    ///   `.damaged` for one cut short or altered (or whose layer types this session lacks),
    ///   `.newerFormat`.
    public convenience init(contentsOf path: String) throws(ModelFileError) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? .damaged(path: path, reason: "it cannot be read") : .missing(path: path)
        }
        // Ours, cut short or altered, or something else: a binary property list with our marker.
        guard bytes.starts(with: Array("bplist00".utf8)) else { throw .notAModel(path: path) }
        let decoder = PropertyListDecoder()
        decoder.userInfo[SharedObjects.userInfoKey] = SharedObjects()
        let file: ModelFile
        do {
            file = try decoder.decode(ModelFile.self, from: bytes)
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw .notAModel(path: path)   // a property list, but not a dictionary
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw .damaged(path: path, reason: "it is cut short or altered (\(context.debugDescription))")
        } catch {
            throw .damaged(path: path, reason: Self.reason(error))
        }
        guard file.marker == ModelFile.marker else { throw .notAModel(path: path) }
        guard let model = file.model else { throw .newerFormat(path: path, version: file.version) }
        self.init([], seed: 0, name: model.name)
        takeParts(of: model)
    }

    /// A decoding error in words: the coding path and what was wrong there.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case let DecodingError.dataCorrupted(context), let DecodingError.keyNotFound(_, context),
             let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(context.debugDescription) (at \(path))"
        default:
            return "\(error)"
        }
    }
}
