import CellCompiler
import CellOutputs
import CellRunner
import Foundation
import NotebookFormat

/// The Swift answers of the kernel: cells run through an `ExecutionSession`, completion and
/// inspection through sourcekitd (with the runtime's names and docs when it cannot answer),
/// `?name` help cells.
///
/// `KernelServer` calls `execute`, `evaluate`, `complete` and `inspect` from its serving thread
/// only; `kernelInfo`, `isComplete`, `interrupt` and `shutdown` are safe from any thread.
final class SwiftEngineHandler: KernelHandler, @unchecked Sendable {
    let engine: ExecutionSession

    init(engine: ExecutionSession) {
        self.engine = engine
        sourceKit = SourceKitAssistant(helper: SourceKitHelper(
            executable: RuntimeLayout.runningExecutable,
            library: ProcessInfo.processInfo.environment["SWIFT_KERNEL_SOURCEKITD"]
                ?? SourceKitService.library(besideCompiler: engine.completionContext.compiler)))
    }

    /// The Swift kernel's `kernel_info_reply`.
    static let kernelInfo = KernelInfoReply(
        implementation: "swift-kernel", implementationVersion: ProjectVersion.current, languageInfo: SwiftLanguage.languageInfo,
        banner: "Swift notebooks for deep learning: Neural, Frames and Charts are imported in every cell.",
        helpLinks: [.init(text: "Swift", url: "https://www.swift.org/documentation/")])

    var kernelInfo: KernelInfoReply { Self.kernelInfo }

    func execute(_ code: String, context: ExecutionContext) -> ExecutionResult {
        if let subject = Self.helpSubject(of: code) { return help(on: subject, context: context) }
        let input = context.input.map { ask in { (prompt: String, isPassword: Bool) in ask(prompt, isPassword) } }
        let outcome = engine.execute(code, input: input) { event in
            if case let .warning(text) = event { Kernel.log(text) }
            if let message = OutputMessage(event, executionCount: context.executionCount) { context.publish(message) }
        }
        switch outcome {
        case .success: return .ok()
        case let .failure(error): return .error(error)
        }
    }

    func evaluate(_ expression: String) -> UserExpressionResult {
        switch engine.evaluate(expression) {
        case let .success(bundle): .value(bundle.jsonData)
        case let .failure(error): .error(name: error.name, value: error.value, traceback: error.traceback)
        }
    }

    func isComplete(_ code: String) -> IsCompleteReply {
        switch Completeness.of(code) {
        case .complete: IsCompleteReply(status: "complete")
        case let .incomplete(indent): IsCompleteReply(status: "incomplete", indent: indent)
        case .invalid: IsCompleteReply(status: "invalid")
        }
    }

    func interrupt() {
        engine.interrupter.interrupt()
    }

    func shutdown(restart: Bool) {
        Kernel.exit(removing: engine.configuration.compiler.workDirectory)
    }

    // MARK: - Help cells

    /// The name a help cell asks about, IPython style: `?Dense`, `model.fit?`, `%timeit?` (none is valid Swift).
    static func helpSubject(of code: String) -> String? {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let subject = trimmed.hasPrefix("?") ? trimmed.dropFirst() : trimmed.hasSuffix("?") ? trimmed.dropLast() : nil
        guard let subject, !subject.isEmpty,
              subject.unicodeScalars.drop(while: { $0 == "%" }).allSatisfy({ NameCompleter.isIdentifier($0) || $0 == "." })
        else { return nil }
        return String(subject)
    }

    /// Answers a help cell with the inspection of its subject as a pager payload (front ends show
    /// it below the cell or in a pager), or a line saying nothing was found.
    private func help(on subject: String, context: ExecutionContext) -> ExecutionResult {
        let inspection = inspect(subject, cursor: subject.unicodeScalars.count)
        guard inspection.found else {
            context.publish(.stream(name: "stdout", text: "No documentation found for `\(subject)`.\n"))
            return .ok()
        }
        return .ok(payload: [PagePayload(data: inspection.data)])
    }

    // MARK: - Completion and inspection

    /// Completion and inspection through a sourcekitd helper process (this executable, started by
    /// `warmUp()` or on first use); the `NameCompleter`'s name lists and the documentation index
    /// answer when sourcekitd cannot. `$SWIFT_KERNEL_SOURCEKITD` names another
    /// `libsourcekitdInProc.so` than the compiler's toolchain's.
    let sourceKit: SourceKitAssistant

    /// Starts sourcekitd and has it load the session's modules on a thread of its own, while the
    /// kernel waits for its first request: the first completion then does not wait for them (a
    /// request that comes sooner waits for the warm-up to end, through the helper's lock). Call it
    /// before the server serves: it reads the engine.
    func warmUp() {
        let (sourceKit, context) = (sourceKit, engine.completionContext)
        Thread.detachNewThread {
            if !Self.warmUp(sourceKit, context) { Kernel.log("sourcekitd did not warm up; the first completion will start it") }
        }
    }

    /// Has sourcekitd load the session's modules now, building what the module cache lacks (what
    /// an installation does, so that its kernels find sourcekitd's modules built too); false when
    /// sourcekitd gave no answer.
    func warmUpNow() -> Bool {
        Self.warmUp(sourceKit, engine.completionContext)
    }

    /// What takes the first requests' time: a name completion, which loads the cell's imports and
    /// lists each imported module's names once (sourcekitd keeps the lists), then a member
    /// completion, which type-checks an expression against them.
    private static func warmUp(_ sourceKit: SourceKitAssistant, _ context: CompletionContext) -> Bool {
        sourceKit.complete("S", cursor: 1, in: context, timeout: 60) != nil && sourceKit.complete("0.", cursor: 2, in: context, timeout: 60) != nil
    }

    /// The runtime's public API (names and documentation), read from its built modules on first
    /// use: the answers when sourcekitd cannot give any.
    lazy var runtimeSymbols: RuntimeSymbols = {
        let symbols = RuntimeSymbols.load(modules: engine.configuration.runtimeModules, configuration: engine.configuration.compiler)
        symbols.problems.forEach { Kernel.log($0) }
        return symbols
    }()

    /// The completions at the cursor: the command names after a line's `%`, else from sourcekitd
    /// (on the code with its `%` lines blanked), or from the name lists when it cannot answer.
    func complete(_ code: String, cursor: Int) -> CompleteReply {
        let context = engine.completionContext
        let swift = KernelCommandLine.masked(code)
        let completion = CommandAssistant.complete(code, cursor: cursor)
            ?? sourceKit.complete(swift, cursor: cursor, in: context)
            ?? NameCompleter.complete(swift, cursor: cursor, names: context.names + runtimeSymbols.topLevelNames)
        return CompleteReply(matches: completion.matches, cursorStart: completion.start, cursorEnd: completion.end,
                             details: completion.details)
    }

    /// The help of the `%` command at the cursor; else the declaration and doc comment of the
    /// symbol at the cursor, as sourcekitd resolves it; when it cannot, those of every declaration
    /// of that name in the session's cells and the runtime.
    func inspect(_ code: String, cursor: Int) -> InspectReply {
        if let command = CommandAssistant.inspect(code, cursor: cursor) { return command }
        let code = KernelCommandLine.masked(code)
        let entries: [DocumentationIndex.Entry]
        if let entry = sourceKit.inspect(code, cursor: cursor, in: engine.completionContext) {
            entries = [entry]
        } else {
            let name = NameCompleter.inspectedName(in: code, cursor: cursor)
            var index = DocumentationIndex()
            for source in engine.declaredSources { index.add(source: source, publicOnly: false) }
            entries = name.isEmpty ? [] : Array((index[name] + runtimeSymbols.documentation[name]).prefix(8))
        }
        guard !entries.isEmpty else { return .notFound }
        let text = entries.map { entry in
            entry.documentation.isEmpty ? entry.signature : entry.signature + "\n\n" + entry.documentation
        }.joined(separator: "\n\n---\n\n")
        // Doc comments are Markdown: front ends that render it (JupyterLab's contextual help) show it so.
        let markdown = entries.map { entry in
            "```swift\n\(entry.signature)\n```" + (entry.documentation.isEmpty ? "" : "\n\n" + entry.documentation)
        }.joined(separator: "\n\n---\n\n")
        return .found(text: text, markdown: markdown)
    }
}
