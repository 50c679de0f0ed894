import CellOutputs
import CellRunner
import Foundation
import NotebookFormat

/// The `kernel_info_reply` content.
enum KernelInfo {
    static var content: [String: Any] { [
        "status": "ok",
        "protocol_version": "5.3",
        "implementation": "swift-kernel",
        "implementation_version": ProjectVersion.current,
        "language_info": try! JSONSerialization.jsonObject(with: Data(JSONWriter.compactText(SwiftLanguage.languageInfo).utf8)),
        "banner": "Swift notebooks for deep learning: Neural, Frames and Charts are imported in every cell.",
        "help_links": [["text": "Swift", "url": "https://www.swift.org/documentation/"]],
    ] }
}
