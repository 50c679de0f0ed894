import CellRunner
import Foundation
import Testing

@Suite struct RuntimeLayoutTests {
    @Test func theTestsRunFromABuildFolderWhosePartsExist() {
        let layout = RuntimeLayout.current
        #expect(layout.kind == .buildFolder)
        #expect(layout.moduleMaps.count == RuntimeLayout.cModules.count)
        for path in layout.moduleMaps + [layout.kernelspecTemplate + "/kernel.json", layout.runtimeLibrary, layout.runnerExecutable] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
    }

    @Test func anInstallationKeepsEveryPartUnderItsRoot() {
        let layout = RuntimeLayout.installation(at: "/opt/sn/lib/swift-notebooks/1.0", pinnedSwiftc: "/toolchain/bin/swiftc")
        #expect(layout.kind == .installation)
        #expect(layout.runnerExecutable == "/opt/sn/lib/swift-notebooks/1.0/bin/swift-cell-runner")
        #expect(layout.runtimeLibrary == "/opt/sn/lib/swift-notebooks/1.0/runtime/libNotebookRuntime.so")
        #expect(layout.moduleMaps.allSatisfy { $0.hasPrefix("/opt/sn/lib/swift-notebooks/1.0/runtime/include/") })
        #expect(layout.packageSources == nil)
    }

    @Test func theCompilerIsTheVariablesThenTheInstallationsThenTheFirstOnPath() throws {
        let folder = NSTemporaryDirectory() + "layout-path-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: folder + "/swiftc", contents: Data("#!/bin/sh\n".utf8),
                                               attributes: [.posixPermissions: 0o755]))
        var layout = RuntimeLayout.installation(at: "/i", pinnedSwiftc: "/pinned/swiftc")
        let path = ["PATH": "/nowhere:\(folder)"]
        #expect(layout.swiftc(environment: path.merging(["SWIFT_NOTEBOOKS_SWIFTC": "/named/swiftc"]) { $1 }) == "/named/swiftc")
        #expect(layout.swiftc(environment: path) == "/pinned/swiftc")
        layout.pinnedSwiftc = nil
        #expect(layout.swiftc(environment: path) == folder + "/swiftc")
    }
}

@Suite struct ToolchainTests {
    @Test func theCompilerOnPathIsTheOneThatBuiltTheRuntime() throws {
        let configuration = SessionConfiguration()
        let built = try #require(Toolchain.version(thatBuilt: configuration.compiler.runtimeModuleFile("NotebookRuntime")))
        #expect(built.hasPrefix("Swift version "))
        #expect(try Toolchain.version(of: configuration.compiler.swiftc) == built)
        #expect(Toolchain.problem(swiftc: configuration.compiler.swiftc,
                                  runtimeModule: configuration.compiler.runtimeModuleFile("NotebookRuntime")) == nil)
    }

    @Test func aCompilerThatCannotRunIsNamed() {
        let problem = Toolchain.problem(swiftc: "/no/such/swiftc", runtimeModule: "/no/such.swiftmodule")
        guard case .compilerUnavailable(swiftc: "/no/such/swiftc", _) = problem else {
            Issue.record("\(String(describing: problem))")
            return
        }
        #expect(problem?.description.contains("SWIFT_NOTEBOOKS_SWIFTC") == true)
    }
}
