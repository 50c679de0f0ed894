/// A table of named columns, numeric or text, with a row index: pandas' DataFrame for Swift notebooks.
///
///     let redWine = try DataFrame(csv: "winequality-red.csv")
///     redWine.shape                                  // (rows: 1599, columns: 12)
///     let train = redWine.sample(fraction: 0.7, seed: 5)
///     let valid = redWine.dropping(rows: train.index)
///     let (lo, hi) = (train.min(), train.max())
///     let xTrain = try ((train - lo) / (hi - lo)).dropping(columns: ["quality"]).tensor()
///
/// The index holds each row's original position and survives selection and sampling, so
/// `dropping(rows:)` can remove exactly the rows another frame took.
public struct DataFrame: Sendable, Equatable {
    /// The column names, in order.
    public private(set) var columnNames: [String]
    /// The columns' values, in the order of `columnNames`.
    public internal(set) var columns: [ColumnData]
    /// Each row's label: its position in the frame it was first read or built as.
    public private(set) var index: [Int]
    /// Where the rows came from (a file name), for error messages.
    public private(set) var sourceName: String
    /// The source line of each row, when read from CSV.
    private(set) var sourceLines: [Int]?

    /// Creates a frame from named columns of equal length, with index `0..<rows`.
    ///
    /// - Throws: `FrameError.columnLengthMismatch`, `.duplicateColumn`.
    public init(_ namedColumns: [(name: String, data: ColumnData)]) throws {
        let rows = namedColumns.first?.data.count ?? 0
        for column in namedColumns where column.data.count != rows {
            throw FrameError.columnLengthMismatch(column: column.name, expected: rows, actual: column.data.count)
        }
        try self.init(columnNames: namedColumns.map(\.name), columns: namedColumns.map(\.data),
                      index: Array(0..<rows), sourceName: "DataFrame", sourceLines: nil)
    }

    /// Creates a frame of numeric columns: `DataFrame(["x": [1, 2], "y": [3, 4]])`.
    public init(_ numericColumns: KeyValuePairs<String, [Double]>) throws {
        try self.init(numericColumns.map { (name: $0.key, data: ColumnData.numeric($0.value)) })
    }

    init(columnNames: [String], columns: [ColumnData], index: [Int], sourceName: String, sourceLines: [Int]?) throws {
        var seen = Set<String>()
        for name in columnNames where !seen.insert(name).inserted {
            throw FrameError.duplicateColumn(source: sourceName, name: name)
        }
        self.columnNames = columnNames
        self.columns = columns
        self.index = index
        self.sourceName = sourceName
        self.sourceLines = sourceLines
    }

    /// The number of rows and columns.
    public var shape: (rows: Int, columns: Int) { (index.count, columnNames.count) }
    /// The number of rows.
    public var rowCount: Int { index.count }
    /// Whether the frame has no rows.
    public var isEmpty: Bool { index.isEmpty }

    /// The position of column `name`.
    ///
    /// - Throws: `FrameError.unknownColumn` with the closest existing name as a suggestion.
    func position(ofColumn name: String) throws -> Int {
        if let position = columnNames.firstIndex(of: name) { return position }
        throw FrameError.unknownColumn(name: name, suggestion: closestName(to: name, among: columnNames))
    }

    /// The column `name` as a `Series`.
    ///
    /// - Throws: `FrameError.unknownColumn`, suggesting the closest name.
    public subscript(name: String) -> Series {
        get throws {
            let position = try position(ofColumn: name)
            return Series(name: name, data: columns[position], index: index, sourceName: sourceName,
                          sourceLines: sourceLines)
        }
    }

    /// A frame of the named columns, in the order given.
    ///
    /// - Throws: `FrameError.unknownColumn`.
    public subscript(names: [String]) -> DataFrame {
        get throws {
            let positions = try names.map(position(ofColumn:))
            var copy = self
            copy.columnNames = positions.map { columnNames[$0] }
            copy.columns = positions.map { columns[$0] }
            return copy
        }
    }

    /// A frame of the rows at `positions` (0-based, in this frame), in that order, keeping their index labels.
    public func rows(at positions: [Int]) -> DataFrame {
        var copy = self
        copy.columns = columns.map { $0.gathering(positions) }
        copy.index = positions.map { index[$0] }
        copy.sourceLines = sourceLines.map { lines in positions.map { lines[$0] } }
        return copy
    }

    /// Replaces or appends a column.
    ///
    /// - Throws: `FrameError.columnLengthMismatch` if its length differs from `rowCount`.
    public mutating func setColumn(_ name: String, _ data: ColumnData) throws {
        guard data.count == rowCount || columns.isEmpty else {
            throw FrameError.columnLengthMismatch(column: name, expected: rowCount, actual: data.count)
        }
        if columns.isEmpty { index = Array(0..<data.count) }
        if let position = columnNames.firstIndex(of: name) {
            columns[position] = data
        } else {
            columnNames.append(name)
            columns.append(data)
        }
    }

    public static func == (lhs: DataFrame, rhs: DataFrame) -> Bool {
        lhs.columnNames == rhs.columnNames && lhs.columns == rhs.columns && lhs.index == rhs.index
    }
}

/// The name in `candidates` closest to `name` by edit distance, if it is reasonably close.
func closestName(to name: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, name.count / 2) ? best.0 : nil
}

/// The Levenshtein distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

extension DataFrame: Codable {}
