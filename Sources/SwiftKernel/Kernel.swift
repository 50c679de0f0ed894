import CellCompiler
import CellRunner
import Foundation
import JupyterWire
import NotebookDisplay
import Synchronization

/// A Jupyter kernel for Swift: binds the connection file's sockets, answers requests, and runs
/// cells through an `ExecutionSession`.
///
/// Threads: the main thread owns shell and stdin and runs cells; a control thread answers
/// control requests (so an interrupt or shutdown arrives while a cell runs); a heartbeat thread
/// echoes pings. IOPub is shared behind a lock.
public final class Kernel {
    let connection: ConnectionFile
    let signer: MessageSigner
    let sessionID = UUID().uuidString.lowercased()
    let shell = ZMQSocket(.router)
    let stdin = ZMQSocket(.router)
    let iopub: Publisher
    let engine: ExecutionSession
    var executionCount = 0
    let history = HistoryStore()
    private var signalSources: [any DispatchSourceSignal] = []

    /// Binds every socket of the connection file and prepares the cell engine.
    public init(connectionFile path: String) throws {
        connection = try ConnectionFile.load(path)
        signer = MessageSigner(key: connection.key)
        let publisher = ZMQSocket(.publisher)
        try publisher.bind(connection.endpoint(port: connection.iopubPort))
        iopub = Publisher(socket: publisher, signer: signer, session: sessionID)
        try shell.bind(connection.endpoint(port: connection.shellPort))
        try stdin.bind(connection.endpoint(port: connection.stdinPort))
        let control = ZMQSocket(.router)
        try control.bind(connection.endpoint(port: connection.controlPort))
        let heartbeat = ZMQSocket(.reply)
        try heartbeat.bind(connection.endpoint(port: connection.heartbeatPort))
        engine = try ExecutionSession(configuration: .forThisBuild(workingDirectory: FileManager.default.currentDirectoryPath))
        Self.startHeartbeat(heartbeat)
        startControl(control, interrupter: engine.interrupter)
        watchForExit()
    }

    /// Interrupts the running cell on SIGINT; ends the kernel (removing its temporary files) on
    /// SIGTERM or when the process that started it dies (it is then re-parented, so its parent
    /// process id changes); ignores SIGPIPE.
    private func watchForExit() {
        let parent = getppid()
        let workDirectory = engine.configuration.compiler.workDirectory
        let cleanUpAndExit: @Sendable () -> Void = { Self.exit(removing: workDirectory) }
        // A helper or runner that died must not kill the kernel through a write to its pipe.
        signal(SIGPIPE, SIG_IGN)
        // SIGINT is Jupyter's other interrupt mode (kernel.json `interrupt_mode: signal`).
        signal(SIGINT, SIG_IGN)
        let interrupter = engine.interrupter
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { interrupter.interrupt() }
        interrupt.resume()
        signalSources.append(interrupt)
        signal(SIGTERM, SIG_IGN)
        let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        terminate.setEventHandler(handler: cleanUpAndExit)
        terminate.resume()
        signalSources.append(terminate)
        Thread.detachNewThread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 1) }
            cleanUpAndExit()
        }
    }

    /// Serves shell requests until a shutdown request ends the process.
    public func run() throws -> Never {
        iopub.publish("status", content: ["execution_state": "starting"], parent: nil)
        while true {
            let frames = try shell.receive()
            let request: Request
            do {
                request = try Request(frames: frames, signer: signer)
            } catch {
                FileHandle.standardError.write(Data("swift-kernel: dropped a shell message: \(error)\n".utf8))
                continue
            }
            iopub.publish("status", content: ["execution_state": "busy"], parent: request)
            handleShell(request)
            iopub.publish("status", content: ["execution_state": "idle"], parent: request)
        }
    }

    private func handleShell(_ request: Request) {
        switch request.type {
        case "execute_request": execute(request)
        case "shutdown_request": shutdown(request, on: shell)
        case "inspect_request":
            reply(request, on: shell, content: inspect(request.content["code"] as? String ?? "",
                                                       cursor: request.content["cursor_pos"] as? Int ?? 0))
        case "history_request":
            reply(request, on: shell, content: ["status": "ok", "history": historyEntries(request.content)])
        case "complete_request":
            let code = request.content["code"] as? String ?? "", cursor = request.content["cursor_pos"] as? Int ?? 0
            let completion = sourceKit.complete(code, cursor: cursor, importing: engine.visibleModule)
                ?? Completer.complete(code, cursor: cursor, sessionNames: engine.declaredNames)
            let metadata: [String: Any] = completion.types.isEmpty ? [:] : ["_jupyter_types_experimental": completion.types]
            reply(request, on: shell, content: ["status": "ok", "matches": completion.matches,
                                                "cursor_start": completion.start, "cursor_end": completion.end,
                                                "metadata": metadata])
        case "comm_open":
            // No comm targets exist: close the comm so the front end does not wait on it (messaging spec).
            iopub.publish("comm_close", content: ["comm_id": request.content["comm_id"] ?? "", "data": [String: Any]()],
                          parent: request)
        case "comm_msg", "comm_close": break
        default:
            if let content = Self.commonReply(to: request) {
                reply(request, on: shell, content: content)
            } else {
                FileHandle.standardError.write(Data("swift-kernel: unknown request type \(request.type)\n".utf8))
            }
        }
    }

    /// Replies that need no engine: kernel_info, is_complete, complete, inspect, history, comm_info.
    static func commonReply(to request: Request) -> [String: Any]? {
        switch request.type {
        case "kernel_info_request": KernelInfo.content
        case "is_complete_request":
            switch Completeness.of(request.content["code"] as? String ?? "") {
            case .complete: ["status": "complete"]
            case let .incomplete(indent): ["status": "incomplete", "indent": indent]
            case .invalid: ["status": "invalid"]
            }
        case "complete_request":
            ["status": "ok", "matches": [String](), "cursor_start": request.content["cursor_pos"] ?? 0,
             "cursor_end": request.content["cursor_pos"] ?? 0, "metadata": [String: Any]()]
        case "inspect_request": ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()]
        case "history_request": ["status": "ok", "history": [Any]()]
        case "comm_info_request": ["status": "ok", "comms": [String: Any]()]
        default: nil
        }
    }

    private func execute(_ request: Request) {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        // Like IPython, blank code (a front end reading the counter) neither counts nor enters history.
        let storeHistory = (request.content["store_history"] as? Bool ?? !silent) && !code.allSatisfy(\.isWhitespace)
        if storeHistory && !silent {
            executionCount += 1
            history.append(line: executionCount, source: code)
        }
        let count = executionCount
        if !silent { iopub.publish("execute_input", content: ["code": code, "execution_count": count], parent: request) }
        if let subject = Self.helpSubject(of: code) {
            showHelp(on: subject, for: request, executionCount: count)
            return
        }
        let allowStdin = request.content["allow_stdin"] as? Bool ?? false
        let input: ExecutionSession.InputProvider? = allowStdin ? { prompt, isPassword in
            self.requestInput(prompt: prompt, password: isPassword, for: request)
        } : nil
        let engineStart = DispatchTime.now().uptimeNanoseconds
        let outcome = engine.execute(code, input: input) { event in
            if storeHistory, !silent, case let .display(.result(bundle)) = event, let text = bundle.plainText {
                history.setOutput(text, line: count)
            }
            guard !silent else { return }
            let (type, content) = Self.iopubMessage(for: event, executionCount: count)
            iopub.publish(type, content: content, parent: request)
        }
        // The engine's own time (compile and run), so clients can tell it from the protocol's.
        let metadata: [String: Any] = ["engine_seconds": Double(DispatchTime.now().uptimeNanoseconds - engineStart) / 1e9]
        switch outcome {
        case .success:
            let expressions = request.content["user_expressions"] as? [String: Any] ?? [:]
            reply(request, on: shell, content: ["status": "ok", "execution_count": count,
                                                 "user_expressions": evaluate(expressions), "payload": [Any]()],
                  metadata: metadata)
        case let .failure(error):
            let details: [String: Any] = ["ename": error.name, "evalue": error.value, "traceback": error.traceback]
            if !silent { iopub.publish("error", content: details, parent: request) }
            reply(request, on: shell, content: details.merging(["status": "error", "execution_count": count]) { $1 },
                  metadata: metadata)
            if request.content["stop_on_error"] as? Bool ?? true { abortQueuedExecutions() }
        }
    }

    /// The name a help cell asks about, IPython style: `?Dense`, `model.fit?` (neither is valid Swift).
    static func helpSubject(of code: String) -> String? {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let subject = trimmed.hasPrefix("?") ? trimmed.dropFirst() : trimmed.hasSuffix("?") ? trimmed.dropLast() : nil
        guard let subject, !subject.isEmpty, subject.unicodeScalars.allSatisfy({ Completer.isIdentifier($0) || $0 == "." })
        else { return nil }
        return String(subject)
    }

    /// Answers a help cell with the inspection of its subject as a pager payload (front ends show
    /// it below the cell or in a pager), or a line saying nothing was found.
    private func showHelp(on subject: String, for request: Request, executionCount: Int) {
        let inspection = inspect(subject, cursor: subject.unicodeScalars.count)
        var payload: [[String: Any]] = []
        if inspection["found"] as? Bool == true {
            payload.append(["source": "page", "data": inspection["data"] ?? [String: Any](), "start": 0])
        } else {
            iopub.publish("stream", content: ["name": "stdout", "text": "No documentation found for `\(subject)`.\n"], parent: request)
        }
        reply(request, on: shell, content: ["status": "ok", "execution_count": executionCount,
                                            "user_expressions": [String: Any](), "payload": payload])
    }

    /// Jupyter's `user_expressions`: each expression's value as a MIME bundle, or its error
    /// (an expression that is not a string is an error of its own; the others still run).
    private func evaluate(_ expressions: [String: Any]) -> [String: Any] {
        var results: [String: Any] = [:]
        for (name, expression) in expressions.sorted(by: { $0.key < $1.key }) {
            let outcome = (expression as? String).map(engine.evaluate)
                ?? .failure(CellError(name: "TypeError", value: "user expression \(name) is not a string"))
            switch outcome {
            case let .success(bundle):
                results[name] = ["status": "ok", "data": bundle.data, "metadata": [String: Any]()]
            case let .failure(error):
                results[name] = ["status": "error", "ename": error.name, "evalue": error.value, "traceback": error.traceback]
            }
        }
        return results
    }

    /// The IOPub message for an engine event.
    static func iopubMessage(for event: CellEvent, executionCount: Int) -> (String, [String: Any]) {
        switch event {
        case let .stdout(text): ("stream", ["name": "stdout", "text": text])
        case let .stderr(text): ("stream", ["name": "stderr", "text": text])
        case let .notice(text): ("stream", ["name": "stderr", "text": text + "\n"])
        case let .display(.display(bundle, id)):
            ("display_data", ["data": bundle.data, "metadata": [String: Any](),
                              "transient": id.map { ["display_id": $0] } ?? [String: Any]()])
        case let .display(.update(bundle, id)):
            ("update_display_data", ["data": bundle.data, "metadata": [String: Any](), "transient": ["display_id": id]])
        case let .display(.clear(wait)): ("clear_output", ["wait": wait])
        case let .display(.result(bundle)):
            ("execute_result", ["execution_count": executionCount, "data": bundle.data, "metadata": [String: Any]()])
        }
    }

    /// The entries a history request asks for, as `[session, line, source]` triples.
    private func historyEntries(_ content: [String: Any]) -> [[Any]] {
        let count = content["n"] as? Int ?? 10
        let entries: [HistoryEntry]
        switch content["hist_access_type"] as? String {
        case "range":
            entries = history.range(session: content["session"] as? Int ?? 0, start: content["start"] as? Int ?? 0,
                                    stop: content["stop"] as? Int ?? Int.max)
        case "search":
            entries = history.search(content["pattern"] as? String ?? "*", count: count, unique: content["unique"] as? Bool ?? false)
        default:
            entries = history.tail(count)
        }
        // With `output`, each input is paired with the text of its result (null when it had none).
        let withOutput = content["output"] as? Bool ?? false
        return entries.map { [$0.session, $0.line, withOutput ? [$0.source, $0.output ?? NSNull()] as [Any] : $0.source] }
    }

    /// Completion and inspection through a sourcekitd helper process (this executable, started on
    /// first use); the `Completer`'s name lists and the documentation index answer when sourcekitd
    /// cannot. `$SWIFT_KERNEL_SOURCEKITD` names another `libsourcekitdInProc.so` than the compiler's
    /// toolchain's.
    private lazy var sourceKit: SourceKitAssistant = {
        let compiler = engine.configuration.compiler
        let helper = SourceKitHelper(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
                                     library: ProcessInfo.processInfo.environment["SWIFT_KERNEL_SOURCEKITD"]
                                        ?? SourceKitService.library(besideCompiler: compiler.swiftc))
        return SourceKitAssistant(helper: helper, moduleSearchArguments: compiler.moduleSearchArguments,
                                  workDirectory: compiler.workDirectory)
    }()

    /// The runtime API's documentation, read from its sources on the first inspect.
    private lazy var runtimeDocumentation: DocumentationIndex = {
        let root = engine.configuration.compiler.runtimeDirectory.components(separatedBy: "/.build/").first ?? ""
        return DocumentationIndex.ofSources(in: ["Neural", "Frames", "Charts", "NotebookDisplay", "NotebookRuntime"]
            .map { root + "/Sources/" + $0 })
    }()

    /// The declaration and doc comment of the symbol at the cursor, as sourcekitd resolves it; when
    /// it cannot, those of every declaration of that name in the session's cells and the runtime.
    private func inspect(_ code: String, cursor: Int) -> [String: Any] {
        let entries: [DocumentationIndex.Entry]
        if let entry = sourceKit.inspect(code, cursor: cursor, importing: engine.visibleModule) {
            entries = [entry]
        } else {
            let name = Completer.inspectedName(in: code, cursor: cursor)
            var index = DocumentationIndex()
            for source in engine.declaredSources { index.add(source: source, publicOnly: false) }
            entries = name.isEmpty ? [] : Array((index[name] + runtimeDocumentation[name]).prefix(8))
        }
        guard !entries.isEmpty else {
            return ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()]
        }
        let text = entries.map { entry in
            entry.documentation.isEmpty ? entry.signature : entry.signature + "\n\n" + entry.documentation
        }.joined(separator: "\n\n---\n\n")
        // Doc comments are Markdown: front ends that render it (JupyterLab's contextual help) show it so.
        let markdown = entries.map { entry in
            "```swift\n\(entry.signature)\n```" + (entry.documentation.isEmpty ? "" : "\n\n" + entry.documentation)
        }.joined(separator: "\n\n---\n\n")
        return ["status": "ok", "found": true, "data": ["text/plain": text, "text/markdown": markdown],
                "metadata": [String: Any]()]
    }

    /// Answers `aborted` to the execute requests already waiting on shell (Jupyter's stop_on_error),
    /// so a notebook run stops at the first failing cell; other requests are answered as usual.
    private func abortQueuedExecutions() {
        while let ready = try? ZMQSocket.poll([shell], timeout: 0), !ready.isEmpty,
              let frames = try? shell.receive() {
            guard let queued = try? Request(frames: frames, signer: signer) else { continue }
            iopub.publish("status", content: ["execution_state": "busy"], parent: queued)
            if queued.type == "execute_request" {
                reply(queued, on: shell, content: ["status": "aborted", "execution_count": executionCount])
            } else {
                handleShell(queued)
            }
            iopub.publish("status", content: ["execution_state": "idle"], parent: queued)
        }
    }

    /// Asks the front end for a line (Jupyter's stdin channel) and waits for the answer.
    private func requestInput(prompt: String, password: Bool, for request: Request) -> String? {
        let message = Publisher.message(type: "input_request", content: ["prompt": prompt, "password": password],
                                        parent: request, session: sessionID, identities: request.identities)
        guard (try? stdin.send(message.frames(signedWith: signer))) != nil else { return nil }
        while let frames = try? stdin.receive() {
            guard let reply = try? Request(frames: frames, signer: signer), reply.type == "input_reply" else { continue }
            return reply.content["value"] as? String
        }
        return nil
    }

    func shutdown(_ request: Request, on socket: ZMQSocket) {
        let content: [String: Any] = ["status": "ok", "restart": request.content["restart"] as? Bool ?? false]
        reply(request, on: socket, content: content)
        Self.announceShutdownAndExit(request, reply: content, iopub: iopub,
                                     workDirectory: engine.configuration.compiler.workDirectory)
    }

    /// Broadcasts the shutdown reply on IOPub (as ipykernel does, for the other clients) and exits.
    static func announceShutdownAndExit(_ request: Request, reply content: [String: Any], iopub: Publisher,
                                        workDirectory: String) -> Never {
        iopub.publish("shutdown_reply", content: content, parent: request)
        exit(removing: workDirectory)
    }

    func reply(_ request: Request, on socket: ZMQSocket, content: [String: Any], metadata: [String: Any] = [:]) {
        let message = Publisher.reply(to: request, content: content, metadata: metadata, session: sessionID)
        try? socket.send(message.frames(signedWith: signer))
    }

    /// Ends the kernel after removing the session's generated files; the runner exits by itself
    /// when its command channel closes with this process.
    static func exit(removing workDirectory: String) -> Never {
        try? FileManager.default.removeItem(atPath: workDirectory)
        Foundation.exit(0)
    }

    // MARK: - Threads

    private static func startHeartbeat(_ socket: ZMQSocket) {
        Thread.detachNewThread {
            while let ping = try? socket.receive() { try? socket.send(ping) }
        }
    }

    private func startControl(_ socket: ZMQSocket, interrupter: Interrupter) {
        let signer = signer, iopub = iopub, session = sessionID
        let workDirectory = engine.configuration.compiler.workDirectory
        Thread.detachNewThread {
            while let frames = try? socket.receive() {
                guard let request = try? Request(frames: frames, signer: signer) else { continue }
                iopub.publish("status", content: ["execution_state": "busy"], parent: request)
                var content: [String: Any] = ["status": "ok"]
                switch request.type {
                case "interrupt_request": interrupter.interrupt()
                case "shutdown_request":
                    content["restart"] = request.content["restart"] as? Bool ?? false
                default: content = Self.commonReply(to: request) ?? ["status": "error", "ename": "UnknownRequest", "evalue": request.type, "traceback": [String]()]
                }
                try? socket.send(Publisher.reply(to: request, content: content, session: session).frames(signedWith: signer))
                iopub.publish("status", content: ["execution_state": "idle"], parent: request)
                if request.type == "shutdown_request" {
                    Self.announceShutdownAndExit(request, reply: content, iopub: iopub, workDirectory: workDirectory)
                }
            }
        }
    }
}
