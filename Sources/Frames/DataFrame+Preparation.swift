/// What a learner does to a table before a model sees it: classes to numbers, missing values
/// dropped, categories one-hot encoded, features standardised, a stratified split.
extension Series {
    /// Each value replaced by its number in `mapping`; a value `mapping` lacks becomes missing
    /// (NaN), as in pandas.
    ///
    /// pandas: `df["diagnosis"].map({"M": 1, "B": 0})`.
    ///
    ///     try cancer.setColumn("diagnosis", cancer["diagnosis"].map(["M": 1, "B": 0]).data)
    public func map(_ mapping: [String: Double]) -> Series {
        let values: [Double] = switch data {
        case let .text(texts): texts.map { $0.flatMap { mapping[$0] } ?? .nan }
        case let .numeric(numbers): numbers.map { mapping[formatNumber($0)] ?? .nan }
        }
        return Series(name: name, data: .numeric(values), index: index, sourceName: sourceName, sourceLines: sourceLines)
    }
}

extension DataFrame {
    /// The rows with no missing value in any column (NaN, or missing text).
    ///
    /// pandas: `df.dropna()`.
    public func droppingRowsWithMissingValues() -> DataFrame {
        rows(at: (0..<rowCount).filter { row in columns.allSatisfy { !$0.isMissing(at: row) } })
    }

    /// The columns with no missing value.
    ///
    /// pandas: `df.dropna(axis="columns")`.
    public func droppingColumnsWithMissingValues() -> DataFrame {
        let incomplete = columns.indices.filter { column in (0..<rowCount).contains { columns[column].isMissing(at: $0) } }
        // Every name is one of this frame's, so dropping them cannot fail.
        return (try? dropping(columns: incomplete.map { columnNames[$0] })) ?? self
    }

    /// The frame with the category column `name` replaced by one numeric column per category,
    /// 1 where the row has it and 0 elsewhere, named `name_category`, categories in sorted order,
    /// at the end of the frame; a missing value is 0 in every one.
    ///
    /// pandas: `pd.get_dummies(df, columns=[name], dtype=float)`.
    ///
    /// - Throws: `FrameError.unknownColumn`.
    public func oneHot(_ name: String) throws -> DataFrame {
        let position = try position(ofColumn: name)
        let values: [String?] = switch columns[position] {
        case let .text(texts): texts
        case let .numeric(numbers): numbers.map { $0.isNaN ? nil : formatNumber($0) }
        }
        let categories = Set(values.compactMap { $0 }).sorted { Self.categoryOrder($0, $1) }
        var result = try dropping(columns: [name])
        for category in categories {
            try result.setColumn("\(name)_\(category)", .numeric(values.map { $0 == category ? 1 : 0 }))
        }
        return result
    }

    /// Numbers in numeric order, text in text order (as pandas sorts a column's categories).
    private static func categoryOrder(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return x < y }
        return a < b
    }

    /// A split of the rows into a training part of about `fraction` and the rest, drawn with
    /// `seed` within each class of the column `stratifyingBy`, so both parts keep the classes'
    /// proportions (each class's share rounded down, the rows left over given to the classes
    /// whose share lost the most, on a tie the first in sorted order). Both parts keep the rows' index labels, in sampled order.
    ///
    /// scikit-learn: `train_test_split(df, train_size=fraction, stratify=df[column], random_state=seed)`
    /// (the same proportions; not the same rows).
    ///
    /// - Throws: `FrameError.unknownColumn`, `.invalidArgument` for a fraction outside `0...1` or
    ///   a seed outside `0..<2³²`.
    public func stratifiedSplit(fraction: Double, by column: String, seed: Int) throws -> (train: DataFrame, test: DataFrame) {
        let total = try rowCount(for: fraction)
        var generator = try Self.generator(seed: seed)
        let labels = columns[try position(ofColumn: column)]
        var classes: [String: [Int]] = [:]
        for row in 0..<rowCount { classes[labels.text(at: row), default: []].append(row) }
        let ordered = classes.keys.sorted { Self.categoryOrder($0, $1) }
        // Largest remainders: every class its whole share, then one more row to the classes whose
        // share lost the most, in class order on a tie.
        let shares = ordered.map { fraction * Double(classes[$0]!.count) }
        var counts = shares.map { Int($0.rounded(.down)) }
        let extra = ordered.indices.sorted { a, b in
            let (lostA, lostB) = (shares[a] - Double(counts[a]), shares[b] - Double(counts[b]))
            return lostA != lostB ? lostA > lostB : a < b
        }
        for index in extra.prefix(Swift.max(0, total - counts.reduce(0, +))) { counts[index] += 1 }
        var train: [Int] = [], test: [Int] = []
        for (label, count) in zip(ordered, counts) {
            let rows = classes[label]!
            let order = generator.permutation(rows.count).map { rows[$0] }
            train += order.prefix(count)
            test += order.dropFirst(count)
        }
        let trainOrder = generator.permutation(train.count).map { train[$0] }
        return (rows(at: trainOrder), rows(at: test.sorted()))
    }
}

/// Features standardised to mean 0 and standard deviation 1 with the statistics of the frame it
/// was fitted on (the training rows), so the validation rows are scaled as the model saw in training.
///
/// scikit-learn: `StandardScaler().fit(train)` (population standard deviation; a constant
/// column is only centred).
///
///     let scaler = try StandardScaler(fitting: train, columns: features)
///     let xTrain = try scaler.transform(train).tensor(), xValid = try scaler.transform(valid).tensor()
public struct StandardScaler: Sendable, Equatable {
    /// The columns scaled, in order.
    public let columns: [String]
    /// Each column's mean in the fitted frame.
    public let means: [Double]
    /// Each column's population standard deviation there (1 for a constant column).
    public let scales: [Double]

    /// Learns the mean and standard deviation of `columns` (every numeric column by default) of `frame`,
    /// ignoring missing values.
    ///
    /// - Throws: `FrameError.unknownColumn`, `.nonNumeric` for a text column.
    public init(fitting frame: DataFrame, columns: [String]? = nil) throws {
        let names = columns ?? frame.columnNames.indices.filter { frame.columns[$0].isNumeric }.map { frame.columnNames[$0] }
        var means: [Double] = [], scales: [Double] = []
        for name in names {
            let present = try frame[name].numbers().filter { !$0.isNaN }
            let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
            let variance = present.isEmpty ? 0 : present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)
            means.append(mean)
            scales.append(variance > 0 ? variance.squareRoot() : 1)
        }
        self.columns = names
        self.means = means
        self.scales = scales
    }

    /// `frame` with each fitted column replaced by `(value − mean) / scale`; other columns unchanged.
    ///
    /// - Throws: `FrameError.unknownColumn` when `frame` lacks a fitted column, `.nonNumeric`.
    public func transform(_ frame: DataFrame) throws -> DataFrame {
        var result = frame
        for (index, name) in columns.enumerated() {
            let (mean, scale) = (means[index], scales[index])
            try result.setColumn(name, .numeric(try frame[name].numbers().map { ($0 - mean) / scale }))
        }
        return result
    }
}
