import Foundation
import Spawning

/// The jobs `swiftc` runs to build a cell library (the frontend, autolink extraction, the link),
/// planned once with `swiftc -###` for a placeholder module and replayed for each cell with its
/// names: the driver's own planning costs about 60 ms a cell, a quarter of a trivial cell's time.
struct CompilePlan: Sendable {
    /// Each job: the executable, then its arguments, with `placeholder` where a cell's module name goes.
    let jobs: [[String]]

    /// The module name the plan is made for; every occurrence in the jobs is replaced by the cell's.
    static let placeholder = "NotebookCellPlaceholder"

    /// Plans the jobs for `driverArguments` (built with `placeholder` as the module name), writing
    /// the intermediate files into `workDirectory` instead of the driver's temporary folder.
    ///
    /// - Returns: nil when `swiftc -###` fails or prints something other than the jobs expected;
    ///   cells are then compiled by `swiftc` itself.
    static func make(swiftc: String, driverArguments: [String], workDirectory: String) -> CompilePlan? {
        guard let (status, text) = try? ChildProcess.run([swiftc] + driverArguments + ["-###"]), status == .exited(0) else {
            return nil
        }
        let jobs = text.split(separator: "\n").map { line in
            splitCommandLine(String(line)).map { relocatingTemporaryFiles($0, into: workDirectory) }
        }
        guard jobs.count >= 2, jobs.allSatisfy({ !$0.isEmpty }),
              jobs[0][0].hasSuffix("swift-frontend"), jobs.last?.contains(where: { $0.contains(placeholder) }) == true
        else { return nil }
        return CompilePlan(jobs: jobs)
    }

    /// The jobs for `moduleName`, linking `extraLinkArguments` too (the previous cell's library).
    func jobs(for moduleName: String, extraLinkArguments: [String]) -> [[String]] {
        var jobs = self.jobs.map { job in job.map { $0.replacingOccurrences(of: Self.placeholder, with: moduleName) } }
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
