import BLAS
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
    /// Signatures seen, shared by the shell and control threads: a replayed message is dropped.
    let replays = ReplayGuard()
    let sessionID = UUID().uuidString.lowercased()
    let shell = ZMQSocket(.router)
    let stdin = ZMQSocket(.router)
    let iopub: Publisher
    let engine: ExecutionSession
    var executionCount = 0
    /// Opened on first use, so start-up does not wait for SQLite.
    lazy var history = HistoryStore()
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
        engine = try ExecutionSession(configuration: SessionConfiguration(workingDirectory: FileManager.default.currentDirectoryPath))
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
        Self.logMachine()
        iopub.publish("status", content: ["execution_state": "starting"], parent: nil)
        while true {
            let frames = try shell.receive()
            let request: ReceivedMessage
            do {
                request = try ReceivedMessage(frames: frames, signer: signer, replays: replays)
            } catch {
                Self.log("dropped a shell message: \(error)")
                continue
            }
            iopub.publish("status", content: ["execution_state": "busy"], parent: request)
            handleShell(request)
            iopub.publish("status", content: ["execution_state": "idle"], parent: request)
        }
    }

    /// Writes a line to the kernel's log (stderr, which Jupyter shows in its own log).
    static func log(_ message: String) {
        FileHandle.standardError.write(Data("swift-kernel: \(message)\n".utf8))
    }

    /// Logs the CPU and the BLAS kernels the cells' runtime will choose for it (see `BLASCore`).
    private static func logMachine() {
        let core = BLASCore.chosen(in: ProcessInfo.processInfo.environment)
        let blas = core.map { "OpenBLAS core \($0)" } ?? "OpenBLAS's own choice of core"
        log("CPU \(CPU.current.summary); cells use \(blas)")
    }

    func handleShell(_ request: ReceivedMessage) {
        switch request.kind {
        case let .execute(execution): execute(execution, for: request)
        case let .shutdown(restart): shutdown(request, restart: restart, on: shell)
        case let .inspect(code, cursor): reply(request, on: shell, content: inspect(code, cursor: cursor))
        case let .history(query): reply(request, on: shell, content: ["status": "ok", "history": historyEntries(query)])
        case let .complete(code, cursor): reply(request, on: shell, content: complete(code, cursor: cursor))
        case let .commOpen(id):
            // No comm targets exist: close the comm so the front end does not wait on it (messaging spec).
            iopub.publish("comm_close", content: ["comm_id": id, "data": [String: Any]()], parent: request)
        case .commMessage: break
        default:
            if let content = Self.commonReply(to: request.kind) {
                reply(request, on: shell, content: content)
            } else {
                Self.log("ignored a shell message of unknown type \(request.type)")   // as the messaging spec asks
            }
        }
    }

    /// Replies that need no engine (so the control thread gives them too): kernel_info, is_complete,
    /// comm_info, and empty complete, inspect and history replies.
    static func commonReply(to request: KernelRequest) -> [String: Any]? {
        switch request {
        case .kernelInfo: KernelInfo.content
        case let .isComplete(code):
            switch Completeness.of(code) {
            case .complete: ["status": "complete"]
            case let .incomplete(indent): ["status": "incomplete", "indent": indent]
            case .invalid: ["status": "invalid"]
            }
        case let .complete(_, cursor):
            ["status": "ok", "matches": [String](), "cursor_start": cursor, "cursor_end": cursor, "metadata": [String: Any]()]
        case .inspect: ["status": "ok", "found": false, "data": [String: Any](), "metadata": [String: Any]()]
        case .history: ["status": "ok", "history": [Any]()]
        case .commInfo: ["status": "ok", "comms": [String: Any]()]
        default: nil
        }
    }

    /// Completion and inspection through a sourcekitd helper process (this executable, started on
    /// first use); the `NameCompleter`'s name lists and the documentation index answer when sourcekitd
    /// cannot. `$SWIFT_KERNEL_SOURCEKITD` names another `libsourcekitdInProc.so` than the compiler's
    /// toolchain's.
    lazy var sourceKit: SourceKitAssistant = {
        let compiler = engine.configuration.compiler
        let helper = SourceKitHelper(executable: RuntimeLayout.runningExecutable,
                                     library: ProcessInfo.processInfo.environment["SWIFT_KERNEL_SOURCEKITD"]
                                        ?? SourceKitService.library(besideCompiler: compiler.swiftc))
        return SourceKitAssistant(helper: helper, moduleSearchArguments: compiler.moduleSearchArguments,
                                  workDirectory: compiler.workDirectory)
    }()

    /// The runtime's public API (names and documentation), read from its built modules on first
    /// use: the answers when sourcekitd cannot give any.
    lazy var runtimeSymbols: RuntimeSymbols = RuntimeSymbols.load(modules: engine.configuration.runtimeModules,
                                                                  configuration: engine.configuration.compiler)

    func shutdown(_ request: ReceivedMessage, restart: Bool, on socket: ZMQSocket) {
        let content: [String: Any] = ["status": "ok", "restart": restart]
        reply(request, on: socket, content: content)
        Self.announceShutdownAndExit(request, reply: content, iopub: iopub,
                                     workDirectory: engine.configuration.compiler.workDirectory)
    }

    /// Broadcasts the shutdown reply on IOPub (as ipykernel does, for the other clients) and exits.
    static func announceShutdownAndExit(_ request: ReceivedMessage, reply content: [String: Any], iopub: Publisher,
                                        workDirectory: String) -> Never {
        iopub.publish("shutdown_reply", content: content, parent: request)
        exit(removing: workDirectory)
    }

    func reply(_ request: ReceivedMessage, on socket: ZMQSocket, content: [String: Any], metadata: [String: Any] = [:]) {
        let message = Publisher.reply(to: request, content: content, metadata: metadata, session: sessionID)
        try? socket.send(message.frames(signedWith: signer))
    }

    /// Ends the kernel after removing the session's generated files. ZeroMQ's I/O thread gets
    /// 0.1 s to send the last replies (queued messages die with the process; ipykernel waits as
    /// long); the runner exits by itself when its command channel closes with this process.
    static func exit(removing workDirectory: String) -> Never {
        try? FileManager.default.removeItem(atPath: workDirectory)
        Thread.sleep(forTimeInterval: 0.1)
        Foundation.exit(0)
    }

    // MARK: - Threads

    private static func startHeartbeat(_ socket: ZMQSocket) {
        Thread.detachNewThread {
            while let ping = try? socket.receive() { try? socket.send(ping) }
        }
    }

    private func startControl(_ socket: ZMQSocket, interrupter: Interrupter) {
        let signer = signer, iopub = iopub, session = sessionID, replays = replays
        let workDirectory = engine.configuration.compiler.workDirectory
        Thread.detachNewThread {
            while let frames = try? socket.receive() {
                let request: ReceivedMessage
                do {
                    request = try ReceivedMessage(frames: frames, signer: signer, replays: replays)
                } catch {
                    Self.log("dropped a control message: \(error)")
                    continue
                }
                iopub.publish("status", content: ["execution_state": "busy"], parent: request)
                var content: [String: Any]? = ["status": "ok"]
                switch request.kind {
                case .interrupt: interrupter.interrupt()
                case let .shutdown(restart): content?["restart"] = restart
                default:
                    content = Self.commonReply(to: request.kind)
                    if content == nil { Self.log("ignored a control message of unknown type \(request.type)") }
                }
                if let content {
                    try? socket.send(Publisher.reply(to: request, content: content, session: session).frames(signedWith: signer))
                }
                iopub.publish("status", content: ["execution_state": "idle"], parent: request)
                if case .shutdown = request.kind, let content {
                    Self.announceShutdownAndExit(request, reply: content, iopub: iopub, workDirectory: workDirectory)
                }
            }
        }
    }
}
