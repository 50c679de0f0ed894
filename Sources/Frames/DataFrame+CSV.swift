internal import Foundation

extension DataFrame {
    /// Reads a CSV file with a header row (RFC 4180).
    ///
    /// Columns whose present values are all numbers become numeric (missing values NaN); the others
    /// stay text (missing values nil). Missing means empty or a pandas marker such as `NA`.
    ///
    ///     let redWine = try DataFrame(csv: "winequality-red.csv")
    ///
    /// - Parameters:
    ///   - path: The file, relative to the current directory (a notebook's own folder) or absolute.
    ///   - delimiter: `,`, `;` or tab; nil detects it from the header line.
    /// - Throws: `FrameError.io`, `.emptyInput`, `.raggedRow`, `.unterminatedQuote`,
    ///   `.unexpectedCharacterAfterQuote`, `.duplicateColumn`, each naming the file and line.
    public init(csv path: String, delimiter: Character? = nil) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw FrameError.io(path: path, reason: reason + " (current directory: \(FileManager.default.currentDirectoryPath))")
        }
        try self.init(csvData: data, sourceName: path, delimiter: delimiter)
    }

    /// Parses CSV text with a header row; see `init(csv:delimiter:)`.
    public init(csvText text: String, delimiter: Character? = nil) throws {
        try self.init(csvData: Data(text.utf8), sourceName: "<csv text>", delimiter: delimiter)
    }

    private init(csvData data: Data, sourceName: String, delimiter: Character?) throws {
        let parser = CSVParser(source: sourceName, bytes: data, delimiter: delimiter?.asciiValue)
        let records = try parser.records()
        guard let header = records.first else { throw FrameError.emptyInput(source: sourceName) }
        let body = records.dropFirst()
        var fieldsByColumn = [[CSVParser.Field]](repeating: [], count: header.fields.count)
        for column in fieldsByColumn.indices { fieldsByColumn[column].reserveCapacity(body.count) }
        for record in body {
            guard record.fields.count == header.fields.count else {
                throw FrameError.raggedRow(source: sourceName, line: record.line,
                                           expected: header.fields.count, actual: record.fields.count)
            }
            for (column, field) in record.fields.enumerated() { fieldsByColumn[column].append(field) }
        }
        try self.init(columnNames: header.fields.map(parser.text(of:)),
                      columns: fieldsByColumn.map { ColumnData.inferred(from: $0, parser: parser) },
                      index: Array(0..<body.count), sourceName: sourceName, sourceLines: body.map(\.line))
    }

    /// The frame as CSV text: a header, then one line per row, fields quoted where needed.
    ///
    /// Missing numbers and text are written as empty fields; whole numbers without a fraction.
    public func csvText(delimiter: Character = ",") -> String {
        func quoted(_ field: String) -> String {
            let needsQuotes = field.contains(delimiter) || field.contains("\"") || field.contains("\n")
                || field.contains("\r") || field.hasPrefix(" ") || field.hasSuffix(" ")
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var lines = [columnNames.map(quoted).joined(separator: String(delimiter))]
        for row in 0..<rowCount {
            lines.append(columns.map { column in
                switch column {
                case let .numeric(values): values[row].isNaN ? "" : csvNumber(values[row])
                case let .text(values): quoted(values[row] ?? "")
                }
            }.joined(separator: String(delimiter)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `csvText(delimiter:)` to a file, replacing it.
    ///
    /// - Throws: `FrameError.io` when the file cannot be written.
    public func writeCSV(to path: String, delimiter: Character = ",") throws {
        do {
            try csvText(delimiter: delimiter).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw FrameError.io(path: path, reason: "cannot be written: \(error.localizedDescription)")
        }
    }
}

/// A number for CSV: whole numbers without `.0`, others with Swift's shortest round-trip digits.
private func csvNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(describing: value)
}
