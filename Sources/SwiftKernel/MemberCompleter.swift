import Foundation

/// Completes members after a dot (`model.`, `Activation.`, `Dense(4, activation: .`) with
/// sourcekitd, which type-checks the cell against the session's modules and so knows the type of
/// every value the session declared. sourcekitd runs in a helper process (`SourceKitHelper`).
final class MemberCompleter {
    private let helper: SourceKitHelper
    private let compilerArguments: [String]
    private let sourceFile: String

    /// - Parameters:
    ///   - helper: The sourcekitd process.
    ///   - moduleSearchArguments: The flags cells compile with to find the runtime and earlier cells.
    ///   - workDirectory: The session's folder (the completed code is named as a file there).
    init(helper: SourceKitHelper, moduleSearchArguments: [String], workDirectory: String) {
        self.helper = helper
        sourceFile = workDirectory + "/completion.swift"
        compilerArguments = ["-swift-version", "5"] + moduleSearchArguments + [sourceFile]
    }

    /// The members that may follow the dot before the cursor, or nil when the cursor does not
    /// follow `.identifier-prefix` (other completions are `Completer`'s).
    ///
    /// - Parameters:
    ///   - module: The module that makes the session's names visible (`ExecutionSession.visibleModule`).
    ///   - timeout: How long sourcekitd may take (the first request loads the runtime's modules).
    func complete(_ code: String, cursor: Int, importing module: String, timeout: Double = 8) -> Completion? {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        var start = end
        while start > 0, Completer.isIdentifier(scalars[start - 1]) { start -= 1 }
        guard start > 0, scalars[start - 1] == "." else { return nil }
        let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
        let header = "import \(module)\n"
        let offset = header.utf8.count + String(String.UnicodeScalarView(scalars[..<start])).utf8.count
        let request = "{key.request: source.request.codecomplete, key.sourcefile: \(Self.quoted(sourceFile)), "
            + "key.offset: \(offset), key.sourcetext: \(Self.quoted(header + code)), "
            + "key.compilerargs: [\(compilerArguments.map(Self.quoted).joined(separator: ", "))]}"
        switch helper.send(request, timeout: timeout) {
        case let .success(json):
            return Self.completion(fromResponse: json, prefix: prefix, start: start, end: end)
        case let .failure(failure):
            FileHandle.standardError.write(Data("swift-kernel: member completion failed: \(failure)\n".utf8))
            return Completion(matches: [], start: start, end: end)
        }
    }

    /// The matches in a codecomplete response that start with `prefix`, sorted, one per name
    /// (overloads share one), underscored names only when the prefix asks for them.
    static func completion(fromResponse json: Data, prefix: String, start: Int, end: Int) -> Completion {
        let response = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
        let results = response?["key.results"] as? [[String: Any]] ?? []
        var entries: [String: [String: Any]] = [:]
        for result in results {
            guard let kind = result["key.kind"] as? String, kind != "source.lang.swift.keyword",
                  let fullName = result["key.name"] as? String else { continue }
            let name = String(fullName.prefix { $0 != "(" })
            guard !name.isEmpty, name.hasPrefix(prefix), entries[name] == nil,
                  !name.hasPrefix("_") || prefix.hasPrefix("_") else { continue }
            let description = result["key.description"] as? String ?? fullName
            // After a type name sourcekitd also offers its instance methods, unapplied (`relu(self: T)`).
            if description.hasPrefix(name + "(self: ") { continue }
            let type = result["key.typename"] as? String ?? ""
            entries[name] = ["start": start, "end": end, "text": name, "type": jupyterType(ofKind: kind),
                             "signature": type.isEmpty || type == "Void" ? description : "\(description) -> \(type)"]
        }
        let names = entries.keys.sorted { $0.lowercased() == $1.lowercased() ? $0 < $1 : $0.lowercased() < $1.lowercased() }
        return Completion(matches: names, start: start, end: end, types: names.compactMap { entries[$0] })
    }

    /// The kind JupyterLab shows beside a completion (`function`, `class`, `instance`).
    static func jupyterType(ofKind kind: String) -> String {
        if kind.contains(".decl.function") { return "function" }
        for typeKind in [".decl.struct", ".decl.class", ".decl.enum", ".decl.protocol", ".decl.typealias", ".decl.actor"]
        where kind.hasSuffix(typeKind) {
            return "class"
        }
        return "instance"
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
