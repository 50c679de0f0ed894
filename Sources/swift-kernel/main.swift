// The Jupyter kernel: `swift-kernel --connection-file FILE` (Jupyter starts it from kernel.json).
import Foundation
import SwiftKernel

let arguments = CommandLine.arguments
guard let index = arguments.firstIndex(of: "--connection-file"), index + 1 < arguments.count else {
    FileHandle.standardError.write(Data("usage: swift-kernel --connection-file FILE\n".utf8))
    exit(64)
}
do {
    try Kernel(connectionFile: arguments[index + 1]).run()
} catch {
    FileHandle.standardError.write(Data("swift-kernel: \(error)\n".utf8))
    exit(1)
}
