internal import Foundation

/// The values of one column: numbers (missing values are NaN) or text (missing values are nil).
public enum ColumnData: Sendable, Equatable {
    /// A numeric column.
    case numeric([Double])
    /// A text column.
    case text([String?])

    /// The number of values.
    public var count: Int {
        switch self {
        case let .numeric(values): values.count
        case let .text(values): values.count
        }
    }

    /// Whether the column holds numbers.
    public var isNumeric: Bool {
        if case .numeric = self { return true }
        return false
    }

    /// The numbers of a numeric column, or nil for text.
    public var numbers: [Double]? {
        if case let .numeric(values) = self { return values }
        return nil
    }

    /// Whether the value at `position` is missing (NaN, or missing text).
    func isMissing(at position: Int) -> Bool {
        switch self {
        case let .numeric(values): values[position].isNaN
        case let .text(values): values[position] == nil
        }
    }

    /// The values at `positions`, in that order.
    func gathering(_ positions: [Int]) -> ColumnData {
        switch self {
        case let .numeric(values): .numeric(positions.map { values[$0] })
        case let .text(values): .text(positions.map { values[$0] })
        }
    }

    /// The value at `position` as display text (`NaN` for a missing number, empty for missing text).
    func text(at position: Int) -> String {
        switch self {
        case let .numeric(values): formatNumber(values[position])
        case let .text(values): values[position] ?? ""
        }
    }

    /// The missing-value spellings pandas recognises by default.
    static let missingMarkers: Set<String> = ["", "NA", "N/A", "NaN", "nan", "-NaN", "-nan", "null", "NULL",
                                               "None", "n/a", "#N/A", "#NA", "<NA>", "1.#QNAN", "-1.#QNAN"]

    /// A column from CSV fields: numeric when every present value parses as a number, else text.
    static func inferred(from fields: [CSVParser.Field], parser: CSVParser) -> ColumnData {
        var numbers: [Double] = []
        numbers.reserveCapacity(fields.count)
        for field in fields {
            if let number = parser.number(of: field) {
                numbers.append(number)
            } else if field.start == field.end || missingMarkers.contains(parser.text(of: field)) {
                numbers.append(.nan)
            } else {
                return .text(fields.map { field in
                    let text = parser.text(of: field)
                    return missingMarkers.contains(text) ? nil : text
                })
            }
        }
        return .numeric(numbers)
    }
}

/// A number as pandas shows it in a table: integers without a fraction, others to six significant digits.
func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.6g", value)
}

extension ColumnData: Codable {
    private enum CodingKeys: String, CodingKey { case numeric, text }

    /// Writes numbers as their bytes (`encodeBytes(of:forKey:)`), text as strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .numeric(values): try container.encodeBytes(of: values, forKey: .numeric)
        case let .text(values): try container.encode(values, forKey: .text)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.numeric) {
            self = .numeric(try container.decodeBytes(of: Double.self, forKey: .numeric))
        } else {
            self = .text(try container.decode([String?].self, forKey: .text))
        }
    }
}
