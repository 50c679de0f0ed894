internal import Foundation
import Frames
import Neural
import NotebookDisplay

// What the kernel's `%timeit`, `%who`, `%whos`, `%env` and `%cd` lines become (CellCompiler's
// `CommandRewriter` writes the calls): they run in the runner, in order with the cell's code.

/// A `%` command that could not do what it was asked; the cell fails with it.
public struct KernelCommandError: Error, CustomStringConvertible {
    public let description: String
}

/// `%timeit`: runs `body` in a loop of 1, 2, 5, 10, 20, 50, … iterations until one loop takes at
/// least 0.2 s, then seven loops of that count, and prints the mean and standard deviation per
/// iteration as IPython does: `1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 100000 loops each)`.
public func _cellTimeIt<CellValue>(_ body: () throws -> CellValue) throws {
    func seconds(_ iterations: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { _ = try body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    var iterations = 1
    search: for power in 0..<10 {
        for base in [1, 2, 5] {
            iterations = base * Int(pow(10, Double(power)))
            if try seconds(iterations) >= 0.2 { break search }
        }
    }
    let runs = 7
    var perIteration: [Double] = []
    for _ in 0..<runs { perIteration.append(try seconds(iterations) / Double(iterations)) }
    print(TimeItSummary(perIteration: perIteration, iterations: iterations).description)
}

/// What `%timeit` prints for its runs.
public struct TimeItSummary: CustomStringConvertible, Sendable {
    /// Each run's time per iteration, in seconds.
    public let perIteration: [Double]
    /// The iterations of each run.
    public let iterations: Int

    public init(perIteration: [Double], iterations: Int) {
        self.perIteration = perIteration
        self.iterations = iterations
    }

    public var mean: Double { perIteration.reduce(0, +) / Double(perIteration.count) }
    /// The population standard deviation, as IPython computes it.
    public var standardDeviation: Double {
        (perIteration.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(perIteration.count)).squareRoot()
    }

    public var description: String {
        let runs = perIteration.count
        return "\(ElapsedTime.text(mean)) ± \(ElapsedTime.text(standardDeviation)) per loop (mean ± std. dev. of \(runs) run\(runs == 1 ? "" : "s"), "
            + "\(iterations) loop\(iterations == 1 ? "" : "s") each)"
    }
}

/// `%who` (the names) and `%whos` (a table of names, types and what the values hold).
public func _cellListVariables(_ variables: [(name: String, value: Any)], detailed: Bool) {
    guard !variables.isEmpty else { return print("Interactive namespace is empty.") }
    guard detailed else { return print(variables.map(\.name).joined(separator: "\t")) }
    let rows = variables.map { [$0.name, String(describing: type(of: $0.value)), variableInfo($0.value)] }
    let header = ["Variable", "Type", "Data/Info"]
    let widths = (0..<2).map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
        row[0].padding(toLength: widths[0] + 3, withPad: " ", startingAt: 0)
            + row[1].padding(toLength: widths[1] + 3, withPad: " ", startingAt: 0) + row[2]
    }
    let table = [line(header), String(repeating: "-", count: widths[0] + widths[1] + 6 + 9)] + rows.map(line)
    print(table.joined(separator: "\n"))
}

/// What `%whos` says a value holds: a tensor's shape, a frame's rows and columns, else its text
/// (its first line, cut at 60 characters).
func variableInfo(_ value: Any) -> String {
    switch value {
    case let tensor as Tensor: return "shape " + tensor.shape.description
    case let frame as DataFrame: return "\(frame.rowCount) rows × \(frame.shape.columns) columns"
    case let series as Series: return "\(series.count) values"
    default:
        let text = String(describing: value).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }
}

/// `%env`: with no argument, prints every variable; `NAME` prints one; `NAME=VALUE` (or
/// `NAME VALUE`) sets one for this session's cells.
public func _cellEnvironment(_ arguments: String) throws {
    let environment = ProcessInfo.processInfo.environment
    if arguments.isEmpty {
        return print(environment.keys.sorted().map { "\($0)=\(environment[$0] ?? "")" }.joined(separator: "\n"))
    }
    let separator = arguments.firstIndex { $0 == "=" || $0 == " " }
    guard let separator else {
        guard let value = environment[arguments] else { throw KernelCommandError(description: "%env: \(arguments) is not set") }
        return print(value)
    }
    let name = String(arguments[..<separator]).trimmingCharacters(in: .whitespaces)
    let value = String(arguments[arguments.index(after: separator)...]).trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, setenv(name, value, 1) == 0 else {
        throw KernelCommandError(description: "%env: cannot set \(name.isEmpty ? "a variable without a name" : name)")
    }
    print("env: \(name)=\(value)")
}

/// `%cd`: changes the current folder (to the home folder with no argument; `~` is expanded) and
/// prints the new one.
public func _cellChangeDirectory(_ path: String) throws {
    let target = path.isEmpty ? NSHomeDirectory() : (path as NSString).expandingTildeInPath
    guard chdir(target) == 0 else {
        throw KernelCommandError(description: "%cd: \(target): \(String(cString: strerror(errno)))")
    }
    print(FileManager.default.currentDirectoryPath)
}
