import Foundation
import Spawning

/// The jobs `swiftc` runs to build a cell library (the frontend, autolink extraction, the link),
/// planned once with `swiftc -###` for a placeholder module and replayed for each cell with its
/// names: the driver's own planning costs about 60 ms a cell, a quarter of a trivial cell's time.
struct CompilePlan: Sendable {
    /// Each job: the executable, then its arguments, with `placeholder` where a cell's module name goes.
    let jobs: [[String]]
    /// The linker itself (`ld.lld …`, from the link job's `clang -###`), linking no Swift library:
    /// a cell that imports nothing beyond the session's modules is linked with it directly, since
    /// every symbol it uses is already loaded, globally, in the runner (the runtime and its
    /// dependencies, the standard library's `-Onone` support, the earlier cells), which binds them
    /// when it loads the cell. That skips `swift-autolink-extract` and the clang driver (about
    /// 60 ms of a trivial cell's 225, measured), and the linker's reading of the Swift libraries'
    /// symbol tables (about 8 ms). Nil when it cannot be made.
    let directLink: [String]?

    /// The libraries the direct link keeps: the C runtime's (`libc`, `libgcc`, `libgcc_s`), since
    /// their static parts (`libgcc.a`, `libc_nonshared.a`) supply helpers no loaded library exports.
    static let cRuntimeLibraries: Set = ["-lc", "-lgcc", "-lgcc_s"]

    /// The module name the plan is made for; every occurrence in the jobs is replaced by the cell's.
    static let placeholder = "NotebookCellPlaceholder"

    /// Plans the jobs for `driverArguments` (built with `placeholder` as the module name), writing
    /// the intermediate files into `workDirectory` instead of the driver's temporary folder.
    ///
    /// - Returns: nil when `swiftc -###` fails or prints something other than the jobs expected;
    ///   cells are then compiled by `swiftc` itself.
    static func make(swiftc: String, driverArguments: [String], workDirectory: String) -> CompilePlan? {
        // A driver that cannot plan leaves cells to `swiftc` itself, which reports its own errors.
        guard let (status, text) = try? ChildProcess.run([swiftc] + driverArguments + ["-###"]), status == .exited(0) else {
            return nil
        }
        let jobs = text.split(separator: "\n").map { line in
            splitCommandLine(String(line)).map { relocatingTemporaryFiles($0, into: workDirectory) }
        }
        guard jobs.count >= 2, jobs.allSatisfy({ !$0.isEmpty }),
              jobs[0][0].hasSuffix("swift-frontend"), jobs.last?.contains(where: { $0.contains(placeholder) }) == true
        else { return nil }
        return CompilePlan(jobs: jobs, directLink: linkerCommand(of: jobs[jobs.count - 1]))
    }

    /// The linker command the link job's driver runs, its autolink response file left out.
    private static func linkerCommand(of link: [String]) -> [String]? {
        let withoutAutolink = link.filter { !($0.hasPrefix("@") && $0.hasSuffix(".autolink")) }
        // The driver checks that its inputs exist: a placeholder object stands in while it plans.
        let objects = link.filter { $0.hasSuffix(".o") && $0.contains(placeholder) && !FileManager.default.fileExists(atPath: $0) }
        for object in objects { _ = FileManager.default.createFile(atPath: object, contents: nil) }
        // Empty files in the session's folder, which goes with the session.
        defer { for object in objects { try? FileManager.default.removeItem(atPath: object) } }
        // No linker command (the driver failed or printed none): cells keep the driver's link job.
        guard withoutAutolink.count == link.count - 1, link[0].hasSuffix("clang"),
              let (status, text) = try? ChildProcess.run(withoutAutolink + ["-###"]), status == .exited(0),
              let line = text.split(separator: "\n").first(where: { $0.contains("ld.lld\"") || $0.contains("/ld\"") }) else {
            return nil
        }
        let command = splitCommandLine(String(line).trimmingCharacters(in: .whitespaces))
            .filter { !$0.hasPrefix("-l") || cRuntimeLibraries.contains($0) }
        return command.contains(where: { $0.contains(placeholder) }) ? command : nil
    }

    /// The jobs for `moduleName`, linking `extraLinkArguments` too (the previous cell's library);
    /// with `linkingDirectly` (a cell importing no other modules), the frontend and the linker
    /// alone, which links no Swift library, not even `extraLinkArguments`.
    func jobs(for moduleName: String, extraLinkArguments: [String], linkingDirectly: Bool) -> [[String]] {
        let named = { (jobs: [[String]]) in jobs.map { job in job.map { $0.replacingOccurrences(of: Self.placeholder, with: moduleName) } } }
        if linkingDirectly, let directLink { return named([jobs[0], directLink]) }
        var jobs = named(self.jobs)
        jobs[jobs.count - 1] += extraLinkArguments
        return jobs
    }

    /// `/tmp/TemporaryDirectory.AbC123/x.o` (in the driver's scratch folder) -> `workDirectory/x.o`,
    /// `@/tmp/TemporaryDirectory.AbC123/x.autolink` -> `@workDirectory/x.autolink`.
    static func relocatingTemporaryFiles(_ argument: String, into workDirectory: String) -> String {
        argument.replacing(/[^@=]*TemporaryDirectory\.[A-Za-z0-9_]+/, with: workDirectory)
    }

    /// The words of a command line as the driver prints it: separated by spaces, with
    /// double-quoted words and backslash escapes.
    static func splitCommandLine(_ line: String) -> [String] {
        var words: [String] = [], word = "", inWord = false, quoted = false, escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == "\"" {
                quoted.toggle()
                inWord = true
            } else if character == " " && !quoted {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
