/// A Jupyter message as it travels: identity frames, then the four JSON parts as raw bytes, then
/// binary buffers. Parsing checks the signature over the bytes as received; JSON is decoded later,
/// and only for messages that passed.
public struct WireMessage: Sendable, Equatable {
    /// Routing identities (ROUTER sockets) or the topic (IOPub): every frame before `<IDS|MSG>`.
    public var identities: [[UInt8]]
    /// The header's JSON bytes.
    public var header: [UInt8]
    /// The parent header's JSON bytes (`{}` when none).
    public var parentHeader: [UInt8]
    /// The metadata's JSON bytes.
    public var metadata: [UInt8]
    /// The content's JSON bytes.
    public var content: [UInt8]
    /// Extra binary frames.
    public var buffers: [[UInt8]]

    public init(identities: [[UInt8]] = [], header: [UInt8], parentHeader: [UInt8] = Array("{}".utf8),
                metadata: [UInt8] = Array("{}".utf8), content: [UInt8], buffers: [[UInt8]] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// The frame between identities and the signature.
    public static let delimiter = Array("<IDS|MSG>".utf8)

    /// Parses received frames, verifying the signature.
    ///
    /// - Throws: `WireError.missingDelimiter`, `.tooFewFrames`, `.badSignature`.
    public init(frames: [[UInt8]], signer: MessageSigner) throws(WireError) {
        guard let delimiterIndex = frames.firstIndex(of: Self.delimiter) else { throw .missingDelimiter }
        let parts = frames[(delimiterIndex + 1)...]
        guard parts.count >= 5 else { throw .tooFewFrames(parts.count) }
        let start = parts.startIndex
        let signed = Array(parts[(start + 1)...(start + 4)])
        guard signer.isValid(parts[start], for: signed) else { throw .badSignature }
        self.init(identities: Array(frames[..<delimiterIndex]), header: signed[0], parentHeader: signed[1],
                  metadata: signed[2], content: signed[3], buffers: Array(parts[(start + 5)...]))
    }

    /// The frames to send, signed with `signer`.
    public func frames(signedWith signer: MessageSigner) -> [[UInt8]] {
        let parts = [header, parentHeader, metadata, content]
        return identities + [Self.delimiter, Array(signer.signature(of: parts).utf8)] + parts + buffers
    }
}
