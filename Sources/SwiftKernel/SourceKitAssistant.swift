import CellCompiler
import CellRunner
import Foundation
import Synchronization

/// Answers complete and inspect requests with sourcekitd, which type-checks the cell against the
/// session's modules. Completion offers the names in scope (the cell's own, earlier cells', the
/// runtime's, the standard library's, keywords) and, after a dot (`model.`, `Activation.`,
/// `Dense(4, activation: .`), the members of the value's type; inspection shows the declaration
/// and doc comment of the symbol at the cursor. sourcekitd runs in a helper process (`SourceKitHelper`).
final class SourceKitAssistant: Sendable {
    private let helper: SourceKitHelper

    /// - Parameter helper: The sourcekitd process.
    init(helper: SourceKitHelper) {
        self.helper = helper
    }

    /// The completions of the identifier before the cursor, or nil when sourcekitd gave no answer
    /// (it could not be started, failed, or took longer than `timeout`).
    ///
    /// - Parameters:
    ///   - context: What the session's next cell sees (`ExecutionSession.completionContext`).
    ///   - timeout: How long sourcekitd may take (the first request loads the runtime's modules).
    ///
    /// With something typed, or after a dot, sourcekitd filters the names itself (a completion
    /// session opened and closed at once, `codecomplete.open` with the typed prefix): a name
    /// typed at the top level would otherwise send back every name of every imported module
    /// (about 9,000 with Foundation, 5 MB of JSON, 10 times the time). With nothing typed at the
    /// top level, the session would leave out most of them, so the plain request answers.
    func complete(_ code: String, cursor: Int, in context: CompletionContext, timeout: Double = 8) -> Completion? {
        let scalars = Array(code.unicodeScalars)
        let typed = NameCompleter.typedRange(in: scalars, cursor: cursor)
        let prefix = String(String.UnicodeScalarView(scalars[typed]))
        let afterDot = typed.lowerBound > 0 && scalars[typed.lowerBound - 1] == "."
        let response: Data?
        if prefix.isEmpty && !afterDot {
            response = send("codecomplete", code: code, at: typed.lowerBound, in: context, timeout: timeout)
        } else {
            let session = "\(context.scratchFile)#\(sessions.add(1, ordering: .relaxed).newValue)"
            // Prefix matching, as `completion(fromResponse:)` does, and nothing hidden that the plain request offers.
            let options = "key.name: \(Self.quoted(session)), key.codecomplete.options: {key.codecomplete.filtertext: \(Self.quoted(prefix)), "
                + "key.codecomplete.fuzzymatching: 0, key.codecomplete.hideunderscores: 0, key.codecomplete.hidelowpriority: 0}"
            response = send("codecomplete.open", code: code, at: typed.lowerBound, in: context, timeout: timeout, options: options)
            closeSession(session, at: typed.lowerBound, of: code, in: context)
        }
        guard let response else { return nil }
        return Self.completion(fromResponse: response, prefix: prefix, afterDot: afterDot, start: typed.lowerBound,
                               end: typed.upperBound, sessionNames: context.names)
    }

    /// Numbers the completion sessions, so that two never share a name.
    private let sessions = Atomic<Int>(0)

    /// Ends a completion session that `codecomplete.open` started (sourcekitd keeps its results until then).
    private func closeSession(_ session: String, at scalarOffset: Int, of code: String, in context: CompletionContext) {
        let offset = Self.utf8Offset(of: scalarOffset, in: code, after: context)
        if case let .failure(failure) = helper.send("{key.request: source.request.codecomplete.close, key.name: \(Self.quoted(session)), "
                                                    + "key.offset: \(offset)}", timeout: 2) {
            Kernel.log("closing a completion session of sourcekitd failed: \(failure)")
        }
    }

    /// The declaration and doc comment of the symbol at the cursor (or, right after a call's
    /// `(`, of the function called), or nil when sourcekitd gave no answer or found no symbol.
    func inspect(_ code: String, cursor: Int, in context: CompletionContext, timeout: Double = 8) -> DocumentationIndex.Entry? {
        guard let range = NameCompleter.inspectedRange(in: code, cursor: cursor) else { return nil }
        // A call being typed (`model.fit(`) does not type-check, and then the symbol is not
        // resolved; the code up to the name (`model.fit`) names the same symbol.
        let upToName = String(String.UnicodeScalarView(code.unicodeScalars.prefix(range.upperBound)))
        for candidate in code == upToName ? [code] : [code, upToName] {
            guard let json = send("cursorinfo", code: candidate, at: range.lowerBound, in: context, timeout: timeout)
            else { return nil }
            // The helper's answer is JSON it encoded itself; anything else reads as no symbol found.
            if let info = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any],
               let declaration = info["key.annotated_decl"] as? String {
                return DocumentationIndex.Entry(signature: Self.plainText(ofMarkup: declaration),
                                                documentation: info["key.doc_comment"] as? String ?? "")
            }
        }
        return nil
    }

    /// Sends a request about `code` at a code-point offset, as the next cell would see it (with
    /// the session's imports); the response's JSON, or nil after logging why there is none.
    ///
    /// sourcekitd reuses its compiler context while the arguments stay the same, and a reused
    /// context does not look for modules that appeared since (the cells compiled after it): the
    /// context's module name, new with each successful cell, makes each new cell start a fresh one.
    ///
    /// - Parameter options: More keys for the request, written as YAML.
    private func send(_ request: String, code: String, at scalarOffset: Int, in context: CompletionContext,
                      timeout: Double, options: String? = nil) -> Data? {
        let sourceFile = context.scratchFile
        let source = Self.sourceText(of: code, in: context)
        let offset = Self.utf8Offset(of: scalarOffset, in: code, after: context)
        // Cursor info reads the file itself; completion works from the text alone.
        if request == "cursorinfo" {
            do {
                try source.write(toFile: sourceFile, atomically: true, encoding: .utf8)
            } catch {
                Kernel.log("sourcekitd \(request): the scratch file was not written: \(error)")
                return nil
            }
        }
        let yaml = "{key.request: source.request.\(request), key.sourcefile: \(Self.quoted(sourceFile)), "
            + "key.offset: \(offset), key.sourcetext: \(Self.quoted(source)), "
            + "key.compilerargs: [\((["-module-name", context.moduleName] + context.compilerArguments + [sourceFile]).map(Self.quoted).joined(separator: ", "))]"
            + (options.map { ", " + $0 } ?? "") + "}"
        switch helper.send(yaml, timeout: timeout) {
        case let .success(json):
            return json
        case let .failure(failure):
            Kernel.log("\(request) through sourcekitd failed: \(failure)")
            return nil
        }
    }

    /// What sourcekitd reads for the cell's `code`: the session's imports, then the code.
    private static func sourceText(of code: String, in context: CompletionContext) -> String {
        context.importLines.joined(separator: "\n") + "\n" + code
    }

    /// The UTF-8 offset in `sourceText(of: code, in: context)` of the code point at `scalarOffset` in `code`.
    private static func utf8Offset(of scalarOffset: Int, in code: String, after context: CompletionContext) -> Int {
        let headerLength = sourceText(of: "", in: context).utf8.count
        return headerLength + String(String.UnicodeScalarView(code.unicodeScalars.prefix(scalarOffset))).utf8.count
    }

    /// The matches in a codecomplete response that start with `prefix`, sorted, one per name
    /// (overloads share one), and, before a dot, the session's names that do: the engine knows
    /// those for certain, where sourcekitd now and then answers without the cells' modules (about
    /// one fresh kernel in ten, cause unknown). Left out: underscored names unless the prefix asks
    /// for them, the names the cell generator made up, and keywords after a dot (`self`).
    static func completion(fromResponse json: Data, prefix: String, afterDot: Bool, start: Int, end: Int,
                           sessionNames: [String] = []) -> Completion {
        // As in `inspect`: an answer that is not JSON offers only the session's names.
        let response = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
        let results = response?["key.results"] as? [[String: Any]] ?? []
        var entries: [String: CompletionDetail] = [:]
        func isOffered(_ name: String) -> Bool {
            !name.isEmpty && name.hasPrefix(prefix) && (!name.hasPrefix("_") || prefix.hasPrefix("_"))
                && !CompletionContext.isGenerated(name)
        }
        for result in results {
            guard let kind = result["key.kind"] as? String, !(afterDot && kind.hasSuffix(".keyword")),
                  let fullName = result["key.name"] as? String else { continue }
            let name = String(fullName.prefix { $0 != "(" })
            guard isOffered(name), entries[name] == nil else { continue }
            let description = result["key.description"] as? String ?? fullName
            // After a type name sourcekitd also offers its instance methods, unapplied (`relu(self: T)`).
            if description.hasPrefix(name + "(self: ") { continue }
            let type = result["key.typename"] as? String ?? ""
            entries[name] = CompletionDetail(start: start, end: end, text: name, type: jupyterType(ofKind: kind),
                                             signature: type.isEmpty || type == "Void" ? description : "\(description) -> \(type)")
        }
        let offered = Set(entries.keys).union(afterDot ? [] : sessionNames.filter(isOffered))
        let names = offered.sorted { $0.lowercased() == $1.lowercased() ? $0 < $1 : $0.lowercased() < $1.lowercased() }
        return Completion(matches: names, start: start, end: end, details: names.compactMap { entries[$0] })
    }

    /// The kind JupyterLab shows beside a completion (`function`, `class`, `instance`, `keyword`, `module`).
    static func jupyterType(ofKind kind: String) -> String {
        if kind.contains(".decl.function") { return "function" }
        if kind.hasSuffix(".keyword") { return "keyword" }
        if kind.hasSuffix(".decl.module") { return "module" }
        for typeKind in [".decl.struct", ".decl.class", ".decl.enum", ".decl.protocol", ".decl.typealias", ".decl.actor"]
        where kind.hasSuffix(typeKind) {
            return "class"
        }
        return "instance"
    }

    /// The text of sourcekitd's XML-marked-up declaration: `func f(x: <Type ...>Int</Type>)` -> `func f(x: Int)`.
    static func plainText(ofMarkup markup: String) -> String {
        var text = ""
        var inTag = false
        for character in markup {
            switch character {
            case "<": inTag = true
            case ">" where inTag: inTag = false
            default: if !inTag { text.append(character) }
            }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// A YAML double-quoted string (sourcekitd requests are YAML; unquoted words would be UIDs).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20: result += String(format: "\\x%02X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
