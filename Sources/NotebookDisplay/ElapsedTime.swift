import Foundation

/// Durations as IPython's `%time` and `%timeit` print them: three significant digits in the unit
/// that suits (`s`, `ms`, `µs`, `ns`).
public enum ElapsedTime {
    /// `seconds` as text: `1.23 s`, `45.6 ms`, `789 µs`, `12 ns`.
    public static func text(_ seconds: Double) -> String {
        let units: [(String, Double)] = [("s", 1), ("ms", 1e3), ("µs", 1e6), ("ns", 1e9)]
        // IPython's _format_time: the order of magnitude in thousands, at most nanoseconds.
        let order = seconds > 0 ? min(max(-Int((log10(seconds).rounded(.down) / 3).rounded(.down)), 0), 3) : 3
        let (unit, scale) = units[order]
        return String(format: "%.3g", seconds * scale) + " " + unit
    }
}
