/// What saving or restoring a session's checkpoint did (`RunnerEvent.checkpointed`): its size,
/// the values it could not keep, and what went wrong, if anything.
package struct CheckpointReport: Sendable, Equatable, Codable {
    /// A value that was not saved (so is recomputed from its initializer on restore), or was recomputed.
    package struct Value: Sendable, Equatable, Codable {
        /// The binding's storage (`__cell3_b0`): which cell declared it.
        package var key: String
        /// The name the cell gave it (`model`).
        package var name: String
        /// Why it was not saved: `its type FileHandle is not Codable`.
        package var reason: String
        /// Whether cells may have changed it after its initializer ran (a `var`, or an object), so
        /// that recomputing it may not give it back as it was.
        package var mayChange: Bool

        package init(key: String, name: String, reason: String, mayChange: Bool) {
            (self.key, self.name, self.reason, self.mayChange) = (key, name, reason, mayChange)
        }
    }

    /// The checkpoint file's size in bytes.
    package var bytes: Int
    /// Values not saved, or (after a restore) recomputed, in cell order.
    package var unsaved: [Value]
    /// Why the checkpoint could not be written or read back whole; nil when it was.
    package var failure: String?

    package init(bytes: Int, unsaved: [Value], failure: String? = nil) {
        (self.bytes, self.unsaved, self.failure) = (bytes, unsaved, failure)
    }
}
