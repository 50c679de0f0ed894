/// The `kernel_info_reply` content.
enum KernelInfo {
    /// The Swift language version of the toolchain that built the kernel (and compiles the cells).
    static var toolchainVersion: String {
        #if compiler(>=6.5)
        "6.5"
        #elseif compiler(>=6.4)
        "6.4"
        #elseif compiler(>=6.3)
        "6.3"
        #else
        "6"
        #endif
    }

    static var content: [String: Any] { [
        "status": "ok",
        "protocol_version": "5.3",
        "implementation": "swift-kernel",
        "implementation_version": "0.1.0",
        "language_info": [
            "name": "swift",
            "version": toolchainVersion,
            "mimetype": "text/x-swift",
            "file_extension": ".swift",
            "codemirror_mode": "swift",
            "pygments_lexer": "swift",
        ],
        "banner": "Swift notebooks for deep learning: Neural, Frames and Charts are imported in every cell.",
        "help_links": [["text": "Swift", "url": "https://www.swift.org/documentation/"]],
    ] }
}
