import CellCompiler
import Foundation

/// Requests about code rather than for running it: completion, inspection and history.
extension Kernel {
    /// The completions at the cursor, from sourcekitd, or from the name lists when it cannot answer.
    func complete(_ code: String, cursor: Int) -> [String: Any] {
        let completion = sourceKit.complete(code, cursor: cursor, in: engine.scope)
            ?? NameCompleter.complete(code, cursor: cursor, names: engine.scope.names + runtimeSymbols.topLevelNames)
        let metadata: [String: Any] = completion.types.isEmpty ? [:] : ["_jupyter_types_experimental": completion.types]
        return ["status": "ok", "matches": completion.matches, "cursor_start": completion.start,
                "cursor_end": completion.end, "metadata": metadata]
    }

    /// The entries a history request asks for, as `[session, line, source]` triples, or with
    /// `output` `[session, line, [source, result text or null]]`.
    func historyEntries(_ query: HistoryQuery) -> [[Any]] {
        let entries = switch query.access {
        case let .tail(count): history.tail(count)
        case let .range(session, start, stop): history.range(session: session, start: start, stop: stop)
        case let .search(pattern, count, unique): history.search(pattern, count: count, unique: unique)
        }
        return entries.map { [$0.session, $0.line, query.output ? [$0.source, $0.output ?? NSNull()] as [Any] : $0.source] }
    }

    /// The declaration and doc comment of the symbol at the cursor, as sourcekitd resolves it; when
    /// it cannot, those of every declaration of that name in the session's cells and the runtime.
    func inspect(_ code: String, cursor: Int) -> [String: Any] {
        let entries: [DocumentationIndex.Entry]
        if let entry = sourceKit.inspect(code, cursor: cursor, in: engine.scope) {
            entries = [entry]
        } else {
            let name = NameCompleter.inspectedName(in: code, cursor: cursor)
            var index = DocumentationIndex()
            for source in engine.declaredSources { index.add(source: source, publicOnly: false) }
            entries = name.isEmpty ? [] : Array((index[name] + runtimeSymbols.documentation[name]).prefix(8))
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
}
