extension DataFrame {
    /// The first `count` rows (5 by default).
    public func head(_ count: Int = 5) -> DataFrame {
        rows(at: Array(0..<Swift.min(Swift.max(count, 0), rowCount)))
    }

    /// The last `count` rows (5 by default).
    public func tail(_ count: Int = 5) -> DataFrame {
        rows(at: Array(Swift.max(0, rowCount - Swift.max(count, 0))..<rowCount))
    }

    /// A frame without the rows whose index labels are in `labels`, in the original order.
    ///
    /// pandas: `df.drop(other.index)`, e.g. the validation rows after sampling the training rows.
    public func dropping(rows labels: [Int]) -> DataFrame {
        let removed = Set(labels)
        return rows(at: index.indices.filter { !removed.contains(index[$0]) })
    }

    /// A frame without the named columns.
    ///
    /// - Throws: `FrameError.unknownColumn` for a name that does not exist.
    public func dropping(columns names: [String]) throws -> DataFrame {
        let removed = Set(try names.map(position(ofColumn:)))
        return try self[columnNames.indices.filter { !removed.contains($0) }.map { columnNames[$0] }]
    }

    /// A random fraction of the rows, chosen exactly as pandas' `df.sample(frac=fraction, random_state=seed)`.
    ///
    /// The rows come in sampled order and keep their index labels.
    ///
    /// - Parameters:
    ///   - fraction: In `0...1`; the row count is `fraction × rows`, rounded half to even as Python does.
    ///   - seed: The NumPy `RandomState` seed.
    /// - Throws: `FrameError.invalidArgument` for a fraction outside `0...1` or a negative seed.
    public func sample(fraction: Double, seed: Int) throws -> DataFrame {
        try sample(count: rowCount(for: fraction), seed: seed)
    }

    /// `count` random rows, chosen exactly as pandas' `df.sample(n=count, random_state=seed)`.
    ///
    /// - Throws: `FrameError.invalidArgument` for a count outside `0...rows` or a seed outside `0..<2³²`.
    public func sample(count: Int, seed: Int) throws -> DataFrame {
        guard (0...rowCount).contains(count) else {
            throw FrameError.invalidArgument(name: "count", value: "\(count)", expected: "in 0...\(rowCount)")
        }
        var generator = try Self.generator(seed: seed)
        return rows(at: Array(generator.permutation(rowCount).prefix(count)))
    }

    /// `fraction × rows`, rounded half to even as Python does (pandas' `frac=`).
    ///
    /// - Throws: `FrameError.invalidArgument` for a fraction outside `0...1`.
    func rowCount(for fraction: Double) throws -> Int {
        guard (0...1).contains(fraction) else {
            throw FrameError.invalidArgument(name: "fraction", value: "\(fraction)", expected: "in 0...1")
        }
        return Int((fraction * Double(rowCount)).rounded(.toNearestOrEven))
    }

    /// NumPy's `RandomState(seed)`.
    ///
    /// - Throws: `FrameError.invalidArgument` for a seed outside `0..<2³²`.
    static func generator(seed: Int) throws -> MersenneTwister {
        guard let seed32 = UInt32(exactly: seed) else {
            throw FrameError.invalidArgument(name: "seed", value: "\(seed)", expected: "in 0..<4294967296")
        }
        return MersenneTwister(seed: seed32)
    }
}
