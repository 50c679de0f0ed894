internal import Foundation
// Powers of ten of our own: the same ticks on every CPU (glibc picks its pow per CPU).
internal import TrainingKernels

/// Evenly spaced axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten.
struct Ticks: Equatable {
    /// The tick values inside the axis range, ascending.
    let values: [Double]
    /// The axis range: the data with a 5% margin on each side, as matplotlib pads it (so points
    /// do not sit on the frame), or exactly the limits a user fixed.
    let range: ClosedRange<Double>
    /// Decimals needed to print every tick exactly.
    let decimals: Int
    /// Names for the ticks at 0, 1, ... (a categorical axis), or nil.
    let names: [String]?

    /// Ticks at 0 ..< names.count, each labelled by its name, over the range that centres them.
    init(names: [String]) {
        values = names.indices.map(Double.init)
        range = -0.5 ... Double(names.count) - 0.5
        decimals = 0
        self.names = names
    }

    /// Ticks for `data` with about `targetCount` intervals.
    ///
    /// A single value (or an empty range) is widened so the axis still has extent.
    init(covering data: ClosedRange<Double>, targetCount: Int = 6, fixed: Bool = false) {
        var lower = data.lowerBound, upper = data.upperBound
        if upper - lower <= Swift.max(abs(lower), abs(upper)) * 1e-12 {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        let rawStep = (upper - lower) / Double(Swift.max(targetCount, 1))
        let magnitude = reproducible_power_of_ten(reproducible_decimal_exponent(rawStep))
        let step = ([1.0, 2, 5, 10].first { $0 * magnitude >= rawStep * (1 - 1e-9) } ?? 10) * magnitude
        if !fixed {
            let margin = (upper - lower) * 0.05
            lower -= margin
            upper += margin
        }
        let first = (lower / step - 1e-9).rounded(.up), last = (upper / step + 1e-9).rounded(.down)
        values = first <= last ? (0...Int(last - first)).map { (first + Double($0)) * step } : []
        range = lower...upper
        decimals = Swift.max(0, -Int(reproducible_decimal_exponent(step * (1 + 1e-9))))
        names = nil
    }

    /// A tick value printed with the axis' decimals, never as `-0`; on a categorical axis, its name.
    func label(_ value: Double) -> String {
        if let names { return names[Int(value.rounded())] }
        return Self.fixed(value, decimals: decimals)
    }

    /// `value` with a fixed number of decimals (two by default), never as `-0`.
    static func fixed(_ value: Double, decimals: Int = 2) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
