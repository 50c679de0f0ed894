import Foundation
import Testing
@testable import CellCompiler

@Suite struct CompilePlanTests {
    @Test func theDriversJobsArePlannedOnceAndRenamedPerCell() throws {
        let work = NSTemporaryDirectory() + "compile-plan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let swiftc = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let compiler = SwiftCompiler(configuration: CompilerConfiguration(
            swiftc: try #require(swiftc), runtimeDirectory: "/runtime", moduleMaps: [], workDirectory: work,
            moduleCache: work + "/cache"))
        let plan = try #require(CompilePlan.make(swiftc: compiler.configuration.swiftc,
                                                 driverArguments: compiler.driverArguments(moduleName: CompilePlan.placeholder),
                                                 workDirectory: work))
        #expect(plan.jobs[0][0].hasSuffix("swift-frontend"))
        let jobs = plan.jobs(for: "Cell7", extraLinkArguments: ["-lCell6"], linkingDirectly: false)
        let everything = jobs.joined().joined(separator: " ")
        #expect(!everything.contains(CompilePlan.placeholder) && !everything.contains("TemporaryDirectory."))
        #expect(jobs[0].contains(work + "/Cell7.swift") && jobs[0].contains(work + "/Cell7.swiftmodule"))
        #expect(jobs.last?.suffix(3) == ["-o", work + "/libCell7.so", "-lCell6"])
        #expect(jobs.count == 3 && jobs[1][0].hasSuffix("swift-autolink-extract"))
        // A cell that imports nothing else: the frontend, then the linker itself, without autolinking
        // and without the Swift libraries (the runner has them loaded), the previous cell's included.
        let direct = plan.jobs(for: "Cell7", extraLinkArguments: ["-lCell6"], linkingDirectly: true)
        #expect(direct.count == 2 && direct[0] == jobs[0])
        #expect(direct[1][0].hasSuffix("ld.lld") || direct[1][0].hasSuffix("ld"))
        #expect(direct[1].contains(work + "/libCell7.so") && direct[1].contains("-lc"))
        #expect(direct[1].filter { $0.hasPrefix("-l") }.allSatisfy(CompilePlan.cRuntimeLibraries.contains), "\(direct[1])")
        #expect(!direct[1].contains { $0.hasSuffix(".autolink") })
        #expect(jobs.last?.contains("-lNotebookRuntime") == true, "the full link still names the runtime")
    }

    @Test func commandLinesAndTemporaryPathsAreRewritten() {
        #expect(CompilePlan.splitCommandLine(#"/bin/x -o "/a b/c.o" plain\ word"#) == ["/bin/x", "-o", "/a b/c.o", "plain word"])
        #expect(CompilePlan.relocatingTemporaryFiles("@/tmp/TemporaryDirectory.kBDcEo/Cell1-2.autolink", into: "/w")
                == "@/w/Cell1-2.autolink")
        #expect(CompilePlan.relocatingTemporaryFiles("/tmp/TemporaryDirectory.a1/x.o", into: "/w") == "/w/x.o")
        #expect(CompilePlan.relocatingTemporaryFiles("-Onone", into: "/w") == "-Onone")
    }
}
