internal import CSourceKit
import Foundation

/// The `swift-kernel sourcekit-service` helper process: it loads the toolchain's sourcekitd and
/// answers requests from the kernel, so a sourcekitd crash or hang costs one completion, not the kernel.
///
/// Protocol on stdin/stdout: each request is one line of sourcekitd YAML; each answer is a line
/// `ok N` or `error N` followed by N bytes (the response as JSON, or the error's description).
public enum SourceKitService {
    /// Serves requests until stdin closes.
    public static func serve(library: String) -> Never {
        if let failure = sourcekit_load(library) {
            FileHandle.standardError.write(Data("sourcekit-service: cannot load \(library): \(String(cString: failure))\n".utf8))
            exit(1)
        }
        signal(SIGINT, SIG_IGN)   // a Ctrl-C or signal-mode interrupt is for the kernel and its cell
        while let line = readLine(strippingNewline: true) {
            var failed: Int32 = 0
            let answer = sourcekit_send_yaml(line, &failed)
            let body = Data(bytes: answer, count: strlen(answer))
            free(answer)
            FileHandle.standardOutput.write(Data("\(failed == 0 ? "ok" : "error") \(body.count)\n".utf8) + body)
        }
        exit(0)
    }

    /// The in-process sourcekitd of the toolchain that `swiftc` belongs to.
    static func library(besideCompiler swiftc: String) -> String {
        let toolchainBin = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
        return toolchainBin.deletingLastPathComponent().appendingPathComponent("lib/libsourcekitdInProc.so").path
    }
}
