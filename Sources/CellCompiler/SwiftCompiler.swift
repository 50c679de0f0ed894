import Foundation
import Spawning

/// Compiles generated cells with `swiftc` into shared libraries. Use it from one thread at a time.
public final class SwiftCompiler {
    public let configuration: CompilerConfiguration
    /// The driver's jobs, planned on the first compile; nil when the plan could not be made, and
    /// then `swiftc` itself compiles each cell.
    private lazy var plan: CompilePlan? = CompilePlan.make(
        swiftc: configuration.swiftc, driverArguments: driverArguments(moduleName: CompilePlan.placeholder),
        workDirectory: configuration.workDirectory)

    /// Flags every cell's compile adds to find the modules of the session's installed packages.
    public var packageArguments: [String] = []

    public init(configuration: CompilerConfiguration) {
        self.configuration = configuration
    }

    /// The result of compiling one cell.
    public struct Output: Sendable {
        /// The library, when compilation succeeded.
        public let library: String?
        /// Errors in the user's code.
        public let diagnostics: [CellDiagnostic]
        /// Messages about generated code the user did not write (bugs of ours), verbatim.
        public let internalErrors: [String]
    }

    /// `swiftc`'s arguments for the cell module `moduleName`, whose source is `<work>/<moduleName>.swift`.
    func driverArguments(moduleName: String) -> [String] {
        let work = configuration.workDirectory
        var arguments = ["-swift-version", "5", "-parse-as-library", "-emit-library", "-emit-module", "-wmo",
                         "-no-emit-module-separately-wmo", "-module-name", moduleName, "-Onone", "-gline-tables-only",
                         "-diagnostic-style", "llvm", "-suppress-warnings",
                         // The compiler's checks of its own intermediate code (SIL, LLVM IR) find
                         // compiler bugs, not the user's; they cost a tenth of a trivial cell's compile.
                         "-Xfrontend", "-sil-verify-none", "-Xfrontend", "-disable-llvm-verify",
                         "-L", work, "-L", configuration.runtimeDirectory,
                         "-Xlinker", "-rpath", "-Xlinker", work,
                         "-Xlinker", "-rpath", "-Xlinker", configuration.runtimeDirectory,
                         // Named by its file name: a library copied into another session's folder
                         // then finds the earlier cells it needs among those already loaded.
                         "-Xlinker", "-soname", "-Xlinker", "lib\(moduleName).so",
                         "-lNotebookRuntime"] + configuration.moduleSearchArguments
        // The toolchain's lld links a cell faster than the system's gold.
        let toolchainBin = URL(fileURLWithPath: configuration.swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: toolchainBin.appendingPathComponent("ld.lld").path) {
            arguments.append("-use-ld=lld")
        }
        return arguments + ["-emit-module-path", modulePath(ofModule: moduleName), "\(work)/\(moduleName).swift",
                            "-o", libraryPath(ofModule: moduleName)]
    }

    /// The module file built for module `name`, in the session's folder.
    func modulePath(ofModule name: String) -> String {
        "\(configuration.workDirectory)/\(name).swiftmodule"
    }

    /// The shared library built for module `name`, in the session's folder.
    func libraryPath(ofModule name: String) -> String {
        "\(configuration.workDirectory)/lib\(name).so"
    }

    /// Compiles `cell`, linking the previous successful cell's library.
    public func compile(_ cell: GeneratedCell, previousModule: String?) throws -> Output {
        let work = configuration.workDirectory
        try cell.source.write(toFile: "\(work)/\(cell.moduleName).swift", atomically: true, encoding: .utf8)
        let library = libraryPath(ofModule: cell.moduleName)
        let previousLibrary = previousModule.map { ["-l" + $0] } ?? []
        var jobs = plan?.jobs(for: cell.moduleName, extraLinkArguments: previousLibrary, linkingDirectly: !cell.importsOtherModules)
            ?? [[configuration.swiftc] + driverArguments(moduleName: cell.moduleName) + previousLibrary]
        // The frontend (or the driver) finds the packages' modules; their code is loaded in the runner.
        jobs[0] += packageArguments
        var text = "", succeeded = true
        for job in jobs where succeeded {
            let (status, output) = try ChildProcess.run(job)
            text += output
            succeeded = status == .exited(0)
        }
        // The object file and autolink list between the jobs are not needed once the library exists.
        for job in jobs.dropLast() {
            // Left in the session's folder, they go with it.
            if let flag = job.firstIndex(of: "-o"), flag + 1 < job.count { try? FileManager.default.removeItem(atPath: job[flag + 1]) }
        }
        let (diagnostics, internalErrors) = Self.parse(text, for: cell)
        if succeeded {
            return Output(library: library, diagnostics: [], internalErrors: [])
        }
        let unexplained = diagnostics.isEmpty && internalErrors.isEmpty ? [text] : []
        return Output(library: nil, diagnostics: diagnostics, internalErrors: internalErrors + unexplained)
    }

    /// Splits compiler output into diagnostics on the user's cell and errors in generated code.
    static func parse(_ output: String, for cell: GeneratedCell) -> ([CellDiagnostic], [String]) {
        let userLines = cell.userSource.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var diagnostics: [CellDiagnostic] = [], internalErrors: [String] = []
        for line in output.split(separator: "\n").map(String.init) {
            guard let (file, lineNumber, column, severity, message) = splitDiagnostic(line), severity != .warning else {
                continue
            }
            if file == cell.displayName, lineNumber >= 1, lineNumber <= userLines.count {
                diagnostics.append(CellDiagnostic(
                    severity: severity, line: lineNumber,
                    column: cell.userColumn(line: lineNumber, generatedColumn: column),
                    message: message, sourceLine: userLines[lineNumber - 1], cellName: cell.displayName))
            } else if severity == .error {
                internalErrors.append(line)
            }
        }
        // An error in the user's expression also leaves the generated helpers' generic parameters
        // uninferable; those echoes are not the user's to read.
        let own = diagnostics.filter { !Self.isAboutGeneratedCode($0.message) }
        return (own.contains { $0.severity == .error } ? own : diagnostics, internalErrors)
    }

    /// Whether a message is about the generic parameters of the runtime's helpers for generated
    /// code (`RuntimeHelper.genericParameters`).
    static func isAboutGeneratedCode(_ message: String) -> Bool {
        RuntimeHelper.genericParameters.contains { message.hasPrefix("generic parameter '\($0)'") }
    }

    /// `file:line:column: severity: message`, or nil for other lines.
    private static func splitDiagnostic(_ line: String) -> (String, Int, Int, CellDiagnostic.Severity, String)? {
        for severity in [CellDiagnostic.Severity.error, .warning, .note] {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let column = Int(location[location.count - 1]),
                  let number = Int(location[location.count - 2]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return (file, number, column, severity, String(line[marker.upperBound...]))
        }
        return nil
    }
}
