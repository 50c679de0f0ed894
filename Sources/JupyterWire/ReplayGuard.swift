internal import Synchronization

/// Refuses a signed message seen before, as ipykernel does: someone who captured a valid message
/// cannot make the kernel run it again. Remembers the last `capacity` signatures (bounded memory);
/// shared by the threads that receive messages.
public final class ReplayGuard: Sendable {
    private struct Seen {
        var signatures: Set<[UInt8]> = []
        var order: [[UInt8]] = []
        var oldest = 0
    }

    private let seen = Mutex(Seen())
    private let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = max(capacity, 1)
    }

    /// Admits `message`'s frames once: false when their signature was seen before. Unsigned
    /// connections (no key) admit everything, since every signature is empty there.
    public func admit(_ frames: [[UInt8]], signer: MessageSigner) -> Bool {
        guard signer.isSigning, let delimiter = frames.firstIndex(of: WireMessage.delimiter), delimiter + 1 < frames.count else {
            return true
        }
        let signature = frames[delimiter + 1]
        return seen.withLock { seen in
            guard seen.signatures.insert(signature).inserted else { return false }
            if seen.order.count < capacity {
                seen.order.append(signature)
            } else {   // a ring: the oldest signature makes room
                seen.signatures.remove(seen.order[seen.oldest])
                seen.order[seen.oldest] = signature
                seen.oldest = (seen.oldest + 1) % capacity
            }
            return true
        }
    }
}
