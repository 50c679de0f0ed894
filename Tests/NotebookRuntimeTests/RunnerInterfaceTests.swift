import CellCompiler
import CellRunner
import CRunnerABI
import Foundation
import Spawning
import Testing

/// The names and C types between the engine, the runner and the runtime, each spelled once
/// (runner_abi.h, `RuntimeHelper`, `CellNames`), checked against what the runtime really declares.
@Suite struct RunnerInterfaceTests {
    /// (Their types are the ones every cell run, checkpoint and restore in the other tests calls
    /// through: a reference to a `@_cdecl` function from here would define its symbol twice.)
    @Test func theRuntimeLibraryExportsTheHeadersEntryPoints() throws {
        // Read from the file: a second copy of the runtime's Swift modules loaded into this process
        // would share the Swift runtime's caches with the first.
        let (status, output) = try ChildProcess.run(["/usr/bin/env", "nm", "--dynamic", "--defined-only", SessionConfiguration().runtimeLibrary])
        #expect(status == .exited(0), "\(output)")
        let exported = Set(output.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) })
        for name in [NOTEBOOK_RUNTIME_ATTACH, NOTEBOOK_RUNTIME_INTERRUPT, NOTEBOOK_RUNTIME_CHECKPOINT, NOTEBOOK_RUNTIME_RESTORE] {
            #expect(exported.contains(name), "the runtime library does not export \(name)")
        }
    }

    /// The helpers' names are checked by every cell that compiles (generated code calls them);
    /// their generic parameters' names only when a cell's own error leaves them uninferable.
    @Test func aCellsErrorIsShownWithoutTheHelpersGenericParameters() throws {
        let session = try ExecutionSession(configuration: SessionConfiguration())
        defer { session.shutdown() }
        let outcome = session.execute("let total = undefinedName + 1") { _ in }
        guard case let .failure(error) = outcome else { Issue.record("the cell compiled"); return }
        let shown = ([error.value] + error.traceback).joined(separator: "\n")
        #expect(error.kind == .compile && shown.contains("cannot find 'undefinedName' in scope"), "\(shown)")
        for parameter in RuntimeHelper.genericParameters {
            #expect(!shown.contains("generic parameter '\(parameter)'"), "\(shown)")
        }
    }
}
