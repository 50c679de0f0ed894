import Foundation

/// A Jupyter notebook in nbformat 4: its cells and metadata, read from and written to the JSON
/// text Jupyter writes.
///
///     var notebook = try Notebook(contentsOf: "notebooks/01-single-neuron.ipynb")
///     notebook.cells[1].outputs = [.stream(name: "stdout", text: "110\n")]
///     try notebook.write(to: "out.ipynb")
///
/// Writing follows Jupyter's layout byte for byte (one-space indent, sorted keys, multi-line text
/// as lists of lines, a final newline), so a notebook Jupyter saved and this reads and writes
/// again comes out unchanged.
public struct Notebook: Sendable, Equatable {
    /// The format's minor version (the major is 4).
    public var formatMinor: Int
    /// Notebook metadata (`kernelspec`, `language_info`, ...).
    public var metadata: [String: JSONValue]
    public var cells: [NotebookCell]

    public init(cells: [NotebookCell], metadata: [String: JSONValue] = [:], formatMinor: Int = 5) {
        self.cells = cells
        self.metadata = metadata
        self.formatMinor = formatMinor
    }

    /// Reads notebook JSON text.
    ///
    /// - Throws: `NotebookError`: `invalidJSON` with the line and column, `unsupportedVersion`, or
    ///   `invalid` naming the cell and what is wrong with it.
    public init(json text: String) throws(NotebookError) {
        let root: JSONValue
        do {
            root = try JSONReader.parse(text)
        } catch {
            throw .invalidJSON(error)
        }
        guard case let .object(members) = root else { throw .invalid("the top level is \(root.typeDescription), not an object") }
        guard let major = members["nbformat"]?.intValue else { throw .invalid("it has no \"nbformat\" version number") }
        let minor = members["nbformat_minor"]?.intValue ?? 0
        guard major == 4 else { throw .unsupportedVersion(major: major, minor: minor) }
        guard let cells = members["cells"]?.arrayValue else { throw .invalid("it has no \"cells\" list") }
        formatMinor = minor
        metadata = members["metadata"]?.objectValue ?? [:]
        self.cells = []
        for (index, cell) in cells.enumerated() {
            self.cells.append(try NotebookCell(json: cell, index: index))
        }
    }

    /// Reads the notebook file at `path`.
    ///
    /// - Throws: `NotebookFileError` naming the file and the problem.
    public init(contentsOf path: String) throws(NotebookFileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotebookFileError(path: path, problem: FileManager.default.fileExists(atPath: path)
                                    ? "cannot be read" : "does not exist")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw NotebookFileError(path: path, problem: "is not UTF-8 text") }
        do {
            try self.init(json: text)
        } catch {
            throw NotebookFileError(path: path, problem: error.description)
        }
    }

    /// The notebook as Jupyter writes it.
    public var jsonText: String {
        let root: JSONValue = .object([
            "cells": .array(cells.map(\.json)), "metadata": .object(metadata),
            "nbformat": 4, "nbformat_minor": .integer(formatMinor),
        ])
        return JSONWriter.notebookText(root) + "\n"
    }

    /// Writes the notebook to `path` through a temporary file in the same folder, so a reader never
    /// sees half a file and a failed write leaves the old one.
    ///
    /// - Throws: `NotebookFileError` when the folder cannot be written.
    public func write(to path: String) throws(NotebookFileError) {
        try AtomicFile.write(Data(jsonText.utf8), to: path)
    }

    // MARK: - Cell ids

    /// Gives every cell an id (nbformat 4.5 requires them) and raises the version to 4.5: ids are
    /// derived from the cell's position and text, so the same notebook always gets the same ids.
    public mutating func addMissingCellIDs() {
        var used = Set(cells.compactMap(\.id))
        for index in cells.indices where cells[index].id == nil {
            var salt = 0
            var candidate: String
            repeat {
                candidate = Self.derivedID(index: index, source: cells[index].source, salt: salt)
                salt += 1
            } while used.contains(candidate)
            used.insert(candidate)
            cells[index].id = candidate
        }
        formatMinor = max(formatMinor, 5)
    }

    /// Eight hexadecimal digits of an FNV-1a hash of the position and the text (nbformat's own ids
    /// are eight random hexadecimal digits).
    private static func derivedID(index: Int, source: String, salt: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("\(index):\(salt):".utf8) + Array(source.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash & 0xffff_ffff, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// A notebook file that cannot be read or written: which file, and why.
public struct NotebookFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
