import CellOutputs
import CellRunner
import Foundation
import JupyterWire

/// Execute requests: running a cell with its outputs on IOPub, user expressions, `?name` help,
/// stdin for `readLine()`, and aborting the queue after an error.
extension Kernel {
    func execute(_ execution: ExecuteRequest, for request: ReceivedMessage) {
        let code = execution.code, silent = execution.silent, storeHistory = execution.storeHistory
        if storeHistory {
            executionCount += 1
            history.append(line: executionCount, source: code)
        }
        let count = executionCount
        if !silent { iopub.publish("execute_input", content: ["code": code, "execution_count": count], parent: request) }
        if let subject = Self.helpSubject(of: code) {
            showHelp(on: subject, for: request, executionCount: count)
            return
        }
        let input: ExecutionSession.InputProvider? = execution.allowStdin ? { prompt, isPassword in
            self.requestInput(prompt: prompt, password: isPassword, for: request)
        } : nil
        let engineStart = DispatchTime.now().uptimeNanoseconds
        let outcome = engine.execute(code, input: input) { event in
            if storeHistory, case let .display(.result(bundle)) = event, let text = bundle.plainText {
                history.setOutput(text, line: count)
            }
            guard !silent else { return }
            iopub.publish(OutputMessage(event, executionCount: count), parent: request)
        }
        // The engine's own time (compile and run), so clients can tell it from the protocol's.
        let metadata: [String: Any] = ["engine_seconds": Double(DispatchTime.now().uptimeNanoseconds - engineStart) / 1e9]
        switch outcome {
        case .success:
            reply(request, on: shell, content: ["status": "ok", "execution_count": count,
                                                 "user_expressions": evaluate(execution.userExpressions), "payload": [Any]()],
                  metadata: metadata)
        case let .failure(error):
            let details: [String: Any] = ["ename": error.name, "evalue": error.value, "traceback": error.traceback]
            if !silent { iopub.publish(.error(error), parent: request) }
            reply(request, on: shell, content: details.merging(["status": "error", "execution_count": count]) { $1 },
                  metadata: metadata)
            if execution.stopOnError { abortQueuedExecutions() }
        }
    }

    /// The name a help cell asks about, IPython style: `?Dense`, `model.fit?` (neither is valid Swift).
    static func helpSubject(of code: String) -> String? {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let subject = trimmed.hasPrefix("?") ? trimmed.dropFirst() : trimmed.hasSuffix("?") ? trimmed.dropLast() : nil
        guard let subject, !subject.isEmpty, subject.unicodeScalars.allSatisfy({ NameCompleter.isIdentifier($0) || $0 == "." })
        else { return nil }
        return String(subject)
    }

    /// Answers a help cell with the inspection of its subject as a pager payload (front ends show
    /// it below the cell or in a pager), or a line saying nothing was found.
    func showHelp(on subject: String, for request: ReceivedMessage, executionCount: Int) {
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
    func evaluate(_ expressions: [String: Any]) -> [String: Any] {
        var results: [String: Any] = [:]
        for (name, expression) in expressions.sorted(by: { $0.key < $1.key }) {
            let outcome = (expression as? String).map(engine.evaluate)
                ?? .failure(CellError(.thrown(type: "TypeError"), value: "user expression \(name) is not a string"))
            switch outcome {
            case let .success(bundle):
                results[name] = ["status": "ok", "data": bundle.data, "metadata": [String: Any]()]
            case let .failure(error):
                results[name] = ["status": "error", "ename": error.name, "evalue": error.value, "traceback": error.traceback]
            }
        }
        return results
    }

    /// Answers `aborted` to the execute requests already waiting on shell (Jupyter's stop_on_error),
    /// so a notebook run stops at the first failing cell; other requests are answered as usual.
    func abortQueuedExecutions() {
        while let ready = try? ZMQSocket.poll([shell], timeout: 0), !ready.isEmpty,
              let frames = try? shell.receive() {
            guard let queued = try? ReceivedMessage(frames: frames, signer: signer, replays: replays) else { continue }
            iopub.publish("status", content: ["execution_state": "busy"], parent: queued)
            if case .execute = queued.kind {
                reply(queued, on: shell, content: ["status": "aborted", "execution_count": executionCount])
            } else {
                handleShell(queued)
            }
            iopub.publish("status", content: ["execution_state": "idle"], parent: queued)
        }
    }

    /// Asks the front end for a line (Jupyter's stdin channel) and waits for the answer.
    func requestInput(prompt: String, password: Bool, for request: ReceivedMessage) -> String? {
        let message = Publisher.message(type: "input_request", content: ["prompt": prompt, "password": password],
                                        parent: request, session: sessionID, identities: request.identities)
        guard (try? stdin.send(message.frames(signedWith: signer))) != nil else { return nil }
        while let frames = try? stdin.receive() {
            guard let reply = try? ReceivedMessage(frames: frames, signer: signer, replays: replays), case let .inputReply(value) = reply.kind else { continue }
            return value
        }
        return nil
    }
}
