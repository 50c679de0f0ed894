import BLAS
import CellRunner
import Foundation
import JupyterWire
import Spawning
import Synchronization

/// The Swift Jupyter kernel process: a `KernelServer` on the connection file's ZeroMQ sockets,
/// answering through a `SwiftEngineHandler` whose cells run in an `ExecutionSession`.
public final class Kernel {
    private let server: KernelServer
    private let engine: ExecutionSession
    private var signalSources: [any DispatchSourceSignal] = []

    /// Binds every socket of the connection file and prepares the cell engine.
    public init(connectionFile path: String) throws {
        let connection = try ConnectionFile.load(path)
        let transport = try ZeroMQTransport(connection)
        engine = try ExecutionSession(configuration: SessionConfiguration(workingDirectory: FileManager.default.currentDirectoryPath))
        let handler = SwiftEngineHandler(engine: engine)
        handler.warmUp()
        server = KernelServer(transport: transport, key: connection.key, handler: handler)
        watchForExit()
    }

    /// Serves requests until a shutdown request ends the process.
    public func run() -> Never {
        Self.logMachine()
        server.serve()
        Self.exit(removing: engine.configuration.compiler.workDirectory)
    }

    /// Interrupts the running cell on SIGINT; ends the kernel (removing its temporary files) on
    /// SIGTERM or when the process that started it dies (it is then re-parented, so its parent
    /// process id changes); ignores SIGPIPE.
    private func watchForExit() {
        let parent = getppid()
        let workDirectory = engine.configuration.compiler.workDirectory
        let cleanUpAndExit: @Sendable () -> Void = { Self.exit(removing: workDirectory) }
        // A helper or runner that died must not kill the kernel through a write to its pipe.
        ChildProcess.ignoreBrokenPipes()
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

    /// Writes a line to the kernel's log (stderr, which Jupyter shows in its own log).
    static func log(_ message: String) {
        FileHandle.standardError.write(Data("swift-kernel: \(message)\n".utf8))
    }

    /// Logs the CPU and the matrix products the cells' runtime will use on it (its own reproducible
    /// kernels unless `SWIFT_NOTEBOOKS_MATMUL=openblas`; see `NumericKernels` and `BLASCore`).
    private static func logMachine() {
        let environment = ProcessInfo.processInfo.environment
        let (kernels, problems) = NumericKernels.configuration(from: environment, cpu: .current,
                                                               cores: ProcessInfo.processInfo.activeProcessorCount)
        var products = "kernels \(kernels)"
        if kernels.matrixProducts == .openBLAS {
            products += "; OpenBLAS core " + (BLASCore.chosen(in: environment).map { "\($0)" } ?? "of its own choice")
        }
        log("CPU \(CPU.current.summary); cells use \(products)" + problems.map { "; \($0)" }.joined())
    }

    /// Ends the kernel after removing the session's generated files: the one way it ends, whichever
    /// thread asks first (a shutdown request, SIGTERM, the parent's death); a thread that asks
    /// later waits for that one to end the process. ZeroMQ's I/O thread gets 0.1 s to send the
    /// last replies (queued messages die with the process; ipykernel waits as long); the runner
    /// is killed with this process (`ChildProcess.endWithParent`).
    static func exit(removing workDirectory: String) -> Never {
        guard !exiting.exchange(true, ordering: .acquiringAndReleasing) else {
            while true { pause() }
        }
        do {
            try FileManager.default.removeItem(atPath: workDirectory)
        } catch {
            log("the session's files in \(workDirectory) were not removed: \(error)")
        }
        Thread.sleep(forTimeInterval: 0.1)
        Foundation.exit(0)
    }

    /// Whether a thread has begun to end the kernel.
    private static let exiting = Atomic(false)
}
