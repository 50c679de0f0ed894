import Foundation

/// Writing to a pipe or file descriptor.
public enum Descriptor {
    /// Writes all of `bytes` to `descriptor`, retrying after signals.
    ///
    /// - Returns: false when the descriptor stopped taking bytes (the reader is gone).
    @discardableResult
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }
}
