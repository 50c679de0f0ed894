/// The table `model.summary()` prints: each layer's name and type, output shape and parameter count,
/// then the totals. Laid out like Keras 3's summary.
public struct ModelSummary: Sendable, Equatable {
    /// One layer's line.
    public struct Row: Sendable, Equatable {
        /// `dense (Dense)`.
        public let layer: String
        /// `(None, 512)`, or `?` before the model is built.
        public let outputShape: String
        /// Scalars in the layer's weights.
        public let parameterCount: Int
    }

    /// The model's name.
    public let modelName: String
    /// One row per layer, in order.
    public let rows: [Row]
    /// Scalars in all weights.
    public let totalParameters: Int
    /// Scalars an optimizer updates.
    public let trainableParameters: Int
    /// Why the model, which knows its input shape, cannot be built (a layer given the wrong
    /// shape, `Dense(0)`): shown under the table; nil when it is built or waits for its input.
    public var buildProblem: String? = nil

    /// Scalars no optimizer updates (batch normalisation's moving statistics).
    public var nonTrainableParameters: Int { totalParameters - trainableParameters }

    static let columnWidths = [38, 29, 17]
}

extension ModelSummary: CustomStringConvertible {
    /// The Keras-style box-drawn table.
    public var description: String {
        let widths = Self.columnWidths
        func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0) }.joined(separator: middle) + right
        }
        func line(_ cells: [String], _ edge: String, rightAlignLast: Bool) -> String {
            let padded = zip(cells, widths).enumerated().map { index, pair in
                let (text, width) = pair
                let room = max(0, width - 2 - text.count)
                let fill = String(repeating: " ", count: room)
                return " " + (rightAlignLast && index == cells.count - 1 ? fill + text : text + fill) + " "
            }
            return edge + padded.joined(separator: edge) + edge
        }
        var lines = ["Model: \"\(modelName)\""]
        lines.append(rule("┏", "━", "┳", "┓"))
        lines.append(line(["Layer (type)", "Output Shape", "Param #"], "┃", rightAlignLast: true))
        lines.append(rule("┡", "━", "╇", "┩"))
        for (index, row) in rows.enumerated() {
            lines.append(line([row.layer, row.outputShape, groupedThousands(row.parameterCount)], "│", rightAlignLast: true))
            lines.append(index == rows.count - 1 ? rule("└", "─", "┴", "┘") : rule("├", "─", "┼", "┤"))
        }
        if rows.isEmpty { lines.append(rule("└", "─", "┴", "┘")) }
        lines.append(" Total params: \(Self.countAndSize(totalParameters))")
        lines.append(" Trainable params: \(Self.countAndSize(trainableParameters))")
        lines.append(" Non-trainable params: \(Self.countAndSize(nonTrainableParameters))")
        if let buildProblem { lines.append(" The model cannot be built: \(buildProblem)") }
        return lines.joined(separator: "\n")
    }

    /// `531,969 (2.03 MB)`: the count and its size as Float32, in 1024-steps with two decimals.
    package static func countAndSize(_ count: Int) -> String {
        var size = Double(count * 4)
        var unit = 0
        let units = ["B", "KB", "MB", "GB", "TB"]
        while size >= 1024, unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        let hundredths = Int((size * 100).rounded())
        let decimals = String(hundredths % 100)
        return "\(groupedThousands(count)) (\(hundredths / 100).\(decimals.count == 1 ? "0" + decimals : decimals) \(units[unit]))"
    }
}

/// `1234567` as `1,234,567`.
package func groupedThousands(_ value: Int) -> String {
    let digits = String(abs(value))
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
        let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
        groups.insert(digits[start..<end], at: 0)
        end = start
    }
    return (value < 0 ? "-" : "") + groups.joined(separator: ",")
}

extension Sequential {
    /// The summary table as a value (shown as a table when it is a cell's result).
    public var summaryTable: ModelSummary {
        var buildProblem: String?
        if !isBuilt, let shape = inputShape {
            do { try build(inputShape: shape) } catch { buildProblem = "\(error)" }
        }
        let rows = layers.map { layer in
            ModelSummary.Row(layer: "\(layer.name) (\(layer.typeName))",
                             outputShape: layer.outputShape.map(NeuralError.batchShape) ?? "?",
                             parameterCount: layer.parameterCount)
        }
        return ModelSummary(modelName: name, rows: rows,
                            totalParameters: layers.reduce(0) { $0 + $1.parameterCount },
                            trainableParameters: layers.reduce(0) { $0 + $1.trainableParameterCount },
                            buildProblem: buildProblem)
    }

    /// Prints the Keras-style table of layers, output shapes and parameter counts.
    ///
    /// Keras: `model.summary()`.
    public func summary() {
        print(summaryTable)
    }
}
