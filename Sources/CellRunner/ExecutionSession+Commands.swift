import CellCompiler
import Foundation
import NotebookDisplay

/// The `%` commands that act on the session (`KernelCommand.actsOnSession`); the others are
/// rewritten into the cell's code by `CellGenerator`.
extension ExecutionSession {
    /// Runs a cell with `%` lines: fails it for a line that is no command, shows `%help`, resets
    /// for `%reset`, takes `%install-location`'s folder, installs the `%install` packages (a
    /// failure leaves the session as it was), then runs the cell's code, timed for `%time`.
    func executeCommands(_ commands: [KernelCommandLine], of source: String, input: InputProvider?,
                         onEvent: (CellEvent) -> Void) -> CellOutcome {
        if let unknown = commands.first(where: { $0.command == nil }) {
            return .failure(CellError(.command, value: unknown.unknownCommandMessage))
        }
        for help in commands where help.command == .help {
            guard let text = Self.help(for: help.arguments) else {
                return .failure(CellError(.command, value: "%help \(help.arguments): no such command. The commands are:\n" + KernelCommand.overview))
            }
            onEvent(.stdout(text + "\n"))
        }
        if commands.contains(where: { $0.command == .reset }) { reset() }
        if let failure = takeInstallLocation(from: commands) { return .failure(failure) }
        let requests: [PackageRequest]
        do {
            requests = try commands.filter { $0.command == .install }.map { line throws(PackageRequestError) in
                try PackageRequest(arguments: line.arguments, relativeTo: configuration.workingDirectory)
            }
        } catch {
            return .failure(CellError(.command, value: error.description))
        }
        if !requests.isEmpty, let failure = install(requests, onEvent: onEvent) { return .failure(failure) }
        let started = Date()
        let outcome = compileAndRun(source, keepingState: true, input: input, onEvent: onEvent)
        if commands.contains(where: { $0.command == .time }) {
            let (compile, run) = lastCellSeconds
            onEvent(.stdout("Wall time: \(ElapsedTime.text(Date().timeIntervalSince(started))) "
                + "(compile \(ElapsedTime.text(compile)), run \(ElapsedTime.text(run)))\n"))
        }
        return outcome
    }

    /// `%help`'s text for `argument`: every command, or the one named (`timeit`, `%timeit`); nil for no such command.
    static func help(for argument: String) -> String? {
        guard !argument.isEmpty else { return KernelCommand.overview }
        return KernelCommand(rawValue: String(argument.drop { $0 == "%" }))?.help
    }

    /// `%reset`: forgets every cell and stops the runner (the next cell starts a fresh one with the
    /// installed packages loaded).
    func reset() {
        shutdown()
        successfulCells = []
        scope = SessionScope()
        adoptCheckpoint(nil)
    }

    // MARK: - Packages

    /// Where this session's packages are built: the folder of `%install-location`, else the one
    /// every session shares.
    var packageStore: PackageStore {
        PackageStore(folder: packageLocation ?? configuration.packageFolder, swiftc: configuration.compiler.swiftc)
    }

    /// Makes the folder of the last `%install-location` line among `commands` (if any) where the
    /// session's packages are built; the cell's error when the line names no folder.
    func takeInstallLocation(from commands: [KernelCommandLine]) -> CellError? {
        guard let line = commands.last(where: { $0.command == .installLocation }) else { return nil }
        guard !line.arguments.isEmpty else {
            return CellError(.command, value: "%install-location on line \(line.line) names no folder: \(KernelCommand.installLocation.usage)")
        }
        let folder = configuration.workingDirectory
        packageLocation = PackageRequest.absolutePath(PackageRequest.expandingCurrentFolder(in: line.arguments, folder: folder), relativeTo: folder)
        return nil
    }

    /// Installs `requests` beside the packages installed already, building the set with SwiftPM
    /// (its output streamed as the cell's) unless a session built it before, and loads it into
    /// the runner: the running one when it has no packages yet, else a new one that restores
    /// the session's state (a checkpoint, then the cells after it replayed).
    ///
    /// - Returns: The cell's error when the set cannot be built or loaded (the session is then as it was).
    ///
    /// SwiftPM's output shows in a display that the end replaces with what was installed (the
    /// same on every machine and run, so notebooks that install packages reproduce).
    func install(_ requests: [PackageRequest], onEvent: (CellEvent) -> Void) -> CellError? {
        let merged = PackageRequest.merged((packages?.requests ?? []) + requests)
        let displayID = "swift-install-\(cellCount + 1)"
        var log = ""
        let installed: InstalledPackages
        do {
            defer { interrupter.helperEnded() }
            installed = try packageStore.install(merged, onStart: interrupter.helperStarted) { line in
                log += line + "\n"
                let bundle = MIMEBundle(["text/plain": log])
                onEvent(.display(log == line + "\n" ? .display(bundle, id: displayID) : .update(bundle, id: displayID)))
            }
        } catch {
            if interrupter.stoppedHelper {
                return CellError(.interrupted, value: "The packages' build was interrupted; the session is as it was.")
            }
            return CellError(.package, value: error.description)
        }
        let summary = MIMEBundle(["text/plain": installed.summary(of: requests)])
        onEvent(.display(log.isEmpty ? .display(summary, id: displayID) : .update(summary, id: displayID)))
        let previous = packages
        guard installed != previous else { return nil }
        adoptPackages(installed)
        guard let process = runner else { return nil }
        if previous == nil {
            guard let problem = load(installed, into: process, onEvent: onEvent) else { return nil }
            adoptPackages(previous)
            return CellError(.package, value: EngineError.packagesNotLoaded(library: installed.library, reason: problem).description)
        }
        // Another set is loaded, and two copies of a package in one process do not mix: a new
        // runner with the new set takes the state over.
        if !successfulCells.isEmpty { _ = saveCheckpoint(onEvent: onEvent) }
        shutdown()
        recover(onEvent: onEvent, opening: "The installed packages changed, so the runner was restarted")
        return nil
    }

    /// Makes `installed` the session's packages: what runners load and what cells compile against.
    func adoptPackages(_ installed: InstalledPackages?) {
        packages = installed
        compiler.packageArguments = installed?.compileArguments ?? []
    }

    /// The installed packages of a cell that a session adopts without running it (its `%install`
    /// lines), built or reused as `install` does; the runner is not running yet.
    ///
    /// - Throws: `AdoptionError` when the cell resets the session or its packages cannot be installed.
    func adoptCommands(of source: String, cell: Int) throws(AdoptionError) {
        let commands = KernelCommandLine.lines(in: source)
        if commands.contains(where: { $0.command == .reset }) {
            throw AdoptionError(cell: cell, reason: "it resets the session (%reset)")
        }
        if let failure = takeInstallLocation(from: commands) { throw AdoptionError(cell: cell, reason: failure.value) }
        let requests = PackageRequest.requests(in: source, relativeTo: configuration.workingDirectory)
        guard !requests.isEmpty else { return }
        if let error = install(requests, onEvent: { _ in }) { throw AdoptionError(cell: cell, reason: error.value) }
    }

    /// Loads the packages' library into `process`; nil when it loaded, else why not.
    func load(_ packages: InstalledPackages, into process: RunnerProcess, onEvent: (CellEvent) -> Void) -> String? {
        switch drive(process, .load(library: packages.library), onEvent: onEvent, showing: false, input: { _, _ in nil }) {
        case .ended(.success): return nil
        case let .ended(.failure(error)): return error.value
        case let .runnerExited(reason, _):
            runner = nil
            return "the runner exited (\(reason))"
        }
    }
}
