// The Jupyter kernel for Swift.
//
//     swift-kernel --connection-file FILE                  (Jupyter starts it so, from kernel.json)
//     swift-kernel install [--user] [--prefix P] [--name N]   (writes the kernelspec for this binary)
import Foundation
import SwiftKernel

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("swift-kernel: \(message)\n".utf8))
    exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())
func value(after flag: String) -> String? {
    arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

if arguments.first == "sourcekit-service", arguments.count == 2 {   // the kernel's completion helper
    SourceKitService.serve(library: arguments[1])
}
if arguments.first == "install" {
    let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    let packageRoot = binary.components(separatedBy: "/.build/").first ?? ""
    let kernels = KernelspecInstaller.kernelsDirectory(prefix: value(after: "--prefix"), user: arguments.contains("--user"))
    do {
        let folder = try KernelspecInstaller.install(name: value(after: "--name") ?? "swift", into: kernels,
                                                     template: packageRoot + "/kernelspec", binary: binary)
        print("Installed the Swift kernelspec in \(folder)")
    } catch {
        fail("cannot install the kernelspec: \(error)", code: 1)
    }
    exit(0)
}
guard let connectionFile = value(after: "--connection-file") else {
    fail("usage: swift-kernel --connection-file FILE | swift-kernel install [--user] [--prefix P] [--name N]", code: 64)
}
do {
    try Kernel(connectionFile: connectionFile).run()
} catch {
    fail("\(error)", code: 1)
}
