import CellOutputs
import CellRunner
import NotebookDisplay
import NotebookFormat
import Synchronization
@testable import SwiftKernel

/// A kernel language that echoes: `execute` prints the code and returns it as the result; code
/// `fail` fails, code `ask` asks for a line of input and prints it. Records interrupts and
/// shutdowns.
final class EchoHandler: KernelHandler, Sendable {
    let interrupts = Atomic<Int>(0)
    let shutdowns = Mutex<[Bool]>([])

    var kernelInfo: KernelInfoReply { SwiftEngineHandler.kernelInfo }

    func execute(_ code: String, context: ExecutionContext) -> ExecutionResult {
        switch code {
        case "fail":
            return .error(CellError(.thrown(type: "EchoError"), value: "asked to fail", traceback: ["line 1"]))
        case "ask":
            let answer = context.input?("Name?", false)
            context.publish(.stream(name: "stdout", text: "got \(answer ?? "nothing")\n"))
            return .ok()
        default:
            context.publish(.stream(name: "stdout", text: code + "\n"))
            context.publish(.executeResult(MIMEBundle(["text/plain": code]), executionCount: context.executionCount))
            return .ok()
        }
    }

    func evaluate(_ expression: String) -> UserExpressionResult {
        .value(["text/plain": .string(expression.uppercased())])
    }

    func complete(_ code: String, cursor: Int) -> CompleteReply {
        CompleteReply(matches: [code + "1", code + "2"], cursorStart: 0, cursorEnd: cursor,
                      details: [CompletionDetail(start: 0, end: cursor, text: code + "1", type: "function", signature: "f()")])
    }

    func inspect(_ code: String, cursor: Int) -> InspectReply {
        code.isEmpty ? .notFound : .found(text: "about \(code)", markdown: "*\(code)*")
    }

    func isComplete(_ code: String) -> IsCompleteReply {
        code.hasSuffix("{") ? IsCompleteReply(status: "incomplete", indent: "    ") : IsCompleteReply(status: "complete")
    }

    func interrupt() { interrupts.add(1, ordering: .relaxed) }

    func shutdown(restart: Bool) { shutdowns.withLock { $0.append(restart) } }
}
