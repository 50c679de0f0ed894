internal import Foundation
import Charts
import Neural
internal import RunnerProtocol
internal import Synchronization

// Checkpoints of a session's values (see the engine's `ExecutionSession`). Each cell module has a
// save function that hands every binding's current value to `_cellSave`, and a restore function
// that touches every binding's storage through `_cellRestore`; a binding's storage initializer
// (`_cellCatching(restoring:)`) takes the saved value instead of running the user's initializer
// while a restore is under way. Values that cannot be saved are recomputed from their
// initializers, after every saved value is back.

/// Collects the values of a checkpoint being saved (on the main thread, from save functions).
private final class CheckpointWriter: @unchecked Sendable {   // used by one thread, between begin and end
    private let objects = SharedObjects()
    var file = CheckpointFile()
    var unsaved: [CheckpointReport.Value] = []

    func save<Value>(_ value: Value, key: String, name: String, isVariable: Bool) {
        // A value of no size (`SystemRandomNumberGenerator`) holds nothing that cells could change.
        let mayChange = (isVariable && MemoryLayout<Value>.size > 0) || Value.self is AnyClass
        guard let encodable = value as? any Encodable, Value.self is any Decodable.Type else {
            return skip(key: key, name: name, reason: "its type \(Value.self) is not Codable", mayChange: mayChange)
        }
        var entry = CheckpointFile.Entry(key: key, name: name)
        let mark = objects.mark
        if Value.self is AnyClass {
            let object = value as AnyObject
            if let number = objects.number(of: object) {
                entry.object = number
                file.entries.append(entry)
                return
            }
            entry.object = objects.add(object)
        }
        do {
            entry.contents = try CheckpointFile.encode(encodable, objects: objects)
            file.entries.append(entry)
        } catch {
            objects.rollBack(to: mark)
            skip(key: key, name: name, reason: "it could not be encoded: \(error)", mayChange: mayChange)
        }
    }

    func skip(key: String, name: String, reason: String, mayChange: Bool) {
        file.entries.append(CheckpointFile.Entry(key: key, name: name, reason: reason, mayChange: mayChange))
        unsaved.append(CheckpointReport.Value(key: key, name: name, reason: reason, mayChange: mayChange))
    }
}

/// Gives bindings their saved values back while a restore is under way.
private final class CheckpointReader: @unchecked Sendable {   // used by the main thread, between begin and end
    private let objects = SharedObjects()
    private let entries: [String: CheckpointFile.Entry]
    let file: CheckpointFile
    /// Touches of bindings to recompute, run once every saved value is back.
    var deferred: [() -> Void] = []
    var recomputed: [CheckpointReport.Value] = []
    var failures: [String] = []

    init(_ file: CheckpointFile) {
        self.file = file
        entries = Dictionary(file.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the checkpoint holds the value of the binding stored at `key`.
    func holds(_ key: String) -> Bool { entries[key].map { $0.reason == nil } ?? false }

    func value<Value>(_ type: Value.Type, key: String, computing compute: () throws -> Value) -> Result<Value, any Error> {
        guard let entry = entries[key], entry.reason == nil else {
            let reason = entries[key]?.reason ?? "the checkpoint does not hold it"
            recomputed.append(CheckpointReport.Value(key: key, name: entries[key]?.name ?? key, reason: reason,
                                                     mayChange: entries[key]?.mayChange ?? true))
            return recompute(key: key, compute)
        }
        if let number = entry.object, let known = objects.object(number) {
            if let value = known as? Value { return .success(value) }
            failures.append("\(entry.name) is a \(Swift.type(of: known)) in the checkpoint, not a \(Value.self)")
            return recompute(key: key, compute)
        }
        do {
            guard let decodable = Value.self as? any Decodable.Type, let contents = entry.contents else {
                throw NotSavable(description: "its type \(Value.self) is not Codable")
            }
            let value = try CheckpointFile.decode(decodable, from: contents, objects: objects) as! Value
            if let number = entry.object { objects.register(value as AnyObject, as: number) }
            return .success(value)
        } catch {
            failures.append("\(entry.name) could not be read back: \(error)")
            return recompute(key: key, compute)
        }
    }

    private func recompute<Value>(key: String, _ compute: () throws -> Value) -> Result<Value, any Error> {
        let result = Result { try compute() }
        if case let .failure(error) = result {
            failures.append("recomputing \(entries[key]?.name ?? key) failed: \(error)")
        }
        return result
    }
}

private let activeWriter = Mutex<CheckpointWriter?>(nil)
private let activeReader = Mutex<CheckpointReader?>(nil)

// MARK: - Generated code

/// Saves a binding's current value into the checkpoint being written (called by a cell's save
/// function). Values whose type is not `Codable`, or that fail to encode, are noted instead.
public func _cellSave<CellValue>(_ value: CellValue, as key: String, named name: String, isVariable: Bool) {
    activeWriter.withLock { $0 }?.save(value, key: key, name: name, isVariable: isVariable)
}

/// Notes a binding that cannot be saved whatever its value (a tuple pattern, say).
public func _cellNotSaved(as key: String, named name: String, isVariable: Bool, because reason: String) {
    activeWriter.withLock { $0 }?.skip(key: key, name: name, reason: reason, mayChange: isVariable)
}

/// Touches a binding's storage to give it its saved value now, or, for a value the checkpoint does
/// not hold, once every saved value is back (called by a cell's restore function).
public func _cellRestore(_ key: String, _ touch: @escaping () -> Void) {
    guard let reader = activeReader.withLock({ $0 }) else { return }
    if reader.holds(key) { touch() } else { reader.deferred.append(touch) }
}

/// The result of a cell binding's initializer (`let x = e` is stored as
/// `_cellCatching(restoring: "__cell3_b0") { e }`): while a checkpoint is being restored, the
/// value saved for the binding, without running `e`.
public func _cellCatching<CellValue>(restoring key: String, _ body: () throws -> CellValue) -> Result<CellValue, any Error> {
    if let reader = activeReader.withLock({ $0 }) {
        return reader.value(CellValue.self, key: key, computing: body)
    }
    return Result { try body() }
}

// MARK: - Entry points for the runner

/// Writes a checkpoint of the session's values to `path`: calls each of the `count` save
/// functions, then reports on the event channel (`checkpointed`, `finished`).
@_cdecl("notebook_runtime_checkpoint")
public func notebookRuntimeCheckpoint(_ path: UnsafePointer<CChar>, _ saves: UnsafePointer<@convention(c) () -> Void>?, _ count: Int) {
    let writer = CheckpointWriter()
    activeWriter.withLock { $0 = writer }
    for save in UnsafeBufferPointer(start: saves, count: count) { save() }
    activeWriter.withLock { $0 = nil }
    writer.file.globalRandom = globalRandomState
    writer.file.liveTrainingDisplays = liveTrainingDisplayCount
    let report: CheckpointReport
    do {
        let bytes = try writer.file.encoded()
        try bytes.write(to: URL(fileURLWithPath: String(cString: path)), options: .atomic)
        report = CheckpointReport(bytes: bytes.count, unsaved: writer.unsaved)
    } catch {
        report = CheckpointReport(bytes: 0, unsaved: writer.unsaved, failure: "the checkpoint could not be written: \(error)")
    }
    send(.checkpointed(report))
    send(.finished(succeeded: report.failure == nil))
}

/// Restores the values saved at `path` into the loaded cells: calls each of the `count` restore
/// functions, recomputes what was not saved, puts back the runtime's global state, then reports
/// on the event channel (`checkpointed`, `finished`).
@_cdecl("notebook_runtime_restore")
public func notebookRuntimeRestore(_ path: UnsafePointer<CChar>, _ restores: UnsafePointer<@convention(c) () -> Void>?, _ count: Int) {
    let file: CheckpointFile
    do {
        file = try CheckpointFile(contentsOf: String(cString: path))
    } catch {
        send(.checkpointed(CheckpointReport(bytes: 0, unsaved: [], failure: "the checkpoint could not be read: \(error)")))
        send(.finished(succeeded: false))
        return
    }
    let reader = CheckpointReader(file)
    activeReader.withLock { $0 = reader }
    for restore in UnsafeBufferPointer(start: restores, count: count) { restore() }
    for touch in reader.deferred { touch() }
    activeReader.withLock { $0 = nil }
    // Last: recomputed initializers may have drawn from the seed stream.
    globalRandomState = file.globalRandom
    liveTrainingDisplayCount = file.liveTrainingDisplays
    // Only the report's size figure depends on it; the restore itself is done.
    let size = (try? FileManager.default.attributesOfItem(atPath: String(cString: path)))?[.size] as? NSNumber
    let failure = reader.failures.isEmpty ? nil : reader.failures.joined(separator: "; ")
    send(.checkpointed(CheckpointReport(bytes: size?.intValue ?? 0, unsaved: reader.recomputed, failure: failure)))
    send(.finished(succeeded: failure == nil))
}
