/// How often each class was predicted as each other: row *i*, column *j* counts the rows of true
/// class *i* that the model called *j*, so the diagonal holds the right answers.
///
/// Keras and TensorFlow: `tf.math.confusion_matrix(labels, predictions)`; scikit-learn:
/// `confusion_matrix(y_true, y_pred)`, with the same layout.
///
///     let matrix = try ConfusionMatrix(predictions: model.predict(xValid), targets: yValid,
///                                      labels: ["benign", "malignant"])
///     print(matrix.accuracy)
public struct ConfusionMatrix: Sendable, Equatable {
    /// The classes' names, in class-index order.
    public let labels: [String]
    /// `counts[trueClass][predictedClass]`.
    public let counts: [[Int]]

    /// Counts the classes of `predictions` against those of `targets`.
    ///
    /// - Parameters:
    ///   - predictions: A model's output: one column of probabilities (class 1 above 0.5), or one
    ///     column per class (the largest is the class).
    ///   - targets: Class indices (`[n]` or `[n, 1]`), or one-hot rows like the predictions.
    ///   - labels: The classes' names; defaults to `0`, `1`, ...
    /// - Throws: `NeuralError.targetShapeMismatch` when the targets do not fit the predictions,
    ///   `.invalidArgument` for a class index outside the classes or a wrong number of labels.
    public init(predictions: Tensor, targets: Tensor, labels: [String]? = nil) throws {
        let p = predictions.asMatrix
        let width = p.columnCount
        let classes = max(width, 2)
        let predicted = width == 1 ? p.scalars.map { $0 > 0.5 ? 1 : 0 } : p.argmaxRows()
        let expected: [Int]
        if targets.count == p.rowCount {
            expected = targets.scalars.map { Int($0.rounded()) }
        } else if width > 1, targets.count == p.count {
            expected = Tensor(uncheckedShape: p.shape, scalars: targets.scalars).argmaxRows()
        } else {
            throw NeuralError.targetShapeMismatch(loss: "confusion matrix", predictions: p.shape, targets: targets.shape)
        }
        if let outside = expected.first(where: { !(0..<classes).contains($0) }) {
            throw NeuralError.invalidArgument(name: "a target class", value: "\(outside)", expected: "in 0..<\(classes)")
        }
        if let labels, labels.count != classes {
            throw NeuralError.invalidArgument(name: "ConfusionMatrix labels", value: "\(labels.count) names",
                                              expected: "one name for each of the \(classes) classes")
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (truth, guess) in zip(expected, predicted) { counts[truth][guess] += 1 }
        self.labels = labels ?? (0..<classes).map(String.init)
        self.counts = counts
    }

    /// The number of rows counted.
    public var total: Int { counts.joined().reduce(0, +) }

    /// The fraction on the diagonal: rows whose class was predicted right.
    public var accuracy: Double {
        total == 0 ? .nan : Double(counts.indices.map { counts[$0][$0] }.reduce(0, +)) / Double(total)
    }

    /// Of the rows of class `index`, the fraction predicted as it (its recall, or sensitivity).
    public func recall(ofClass index: Int) -> Double {
        let row = counts[index].reduce(0, +)
        return row == 0 ? .nan : Double(counts[index][index]) / Double(row)
    }

    /// Of the rows predicted as class `index`, the fraction that are of it (its precision).
    public func precision(ofClass index: Int) -> Double {
        let column = counts.map { $0[index] }.reduce(0, +)
        return column == 0 ? .nan : Double(counts[index][index]) / Double(column)
    }
}

extension ConfusionMatrix: CustomStringConvertible {
    /// A text table: the true classes down, the predicted ones across.
    public var description: String {
        let corner = "true \\ predicted"
        let firstWidth = max(corner.count, labels.map(\.count).max() ?? 0)
        let widths = labels.indices.map { column in max(labels[column].count, counts.map { String($0[column]).count }.max() ?? 1) }
        func padded(_ text: String, _ width: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return right ? fill + text : text + fill
        }
        var lines = [([padded(corner, firstWidth, right: false)] + labels.indices.map { padded(labels[$0], widths[$0], right: true) })
            .joined(separator: "  ")]
        for (index, row) in counts.enumerated() {
            lines.append(([padded(labels[index], firstWidth, right: false)] + row.indices.map { padded(String(row[$0]), widths[$0], right: true) })
                .joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
