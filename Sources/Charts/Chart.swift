/// A line, scatter or step chart of one or more series, rendered as standalone SVG.
///
/// Build one with chained calls; as a cell's last expression it shows as an image:
///
///     Chart(title: "Loss", xLabel: "Epoch", yLabel: "MAE")
///         .line(x: [1, 2, 3], y: [0.30, 0.15, 0.12], label: "loss")
///         .line(x: [1, 2, 3], y: [0.12, 0.11, 0.10], label: "val_loss")
///
/// Output is deterministic: the same chart gives the same bytes. NaN and infinite points are
/// left out (the line breaks there); a chart without finite points says "No data".
public struct Chart: Sendable, Equatable {
    /// How a series is drawn.
    public enum Style: String, Sendable, Equatable {
        /// Points joined by straight segments.
        case line
        /// Unjoined markers.
        case scatter
        /// A staircase that holds each value until the next x.
        case step
    }

    /// One named sequence of points.
    public struct Series: Sendable, Equatable {
        /// The legend label, if any.
        public var label: String?
        /// The x coordinates.
        public var x: [Double]
        /// The y coordinates, one per x.
        public var y: [Double]
        /// How the series is drawn.
        public var style: Style
        /// A CSS colour; nil takes the next colour of the palette.
        public var color: String?
    }

    /// The title above the plot.
    public var title: String?
    /// The label under the x axis.
    public var xLabel: String?
    /// The label beside the y axis.
    public var yLabel: String?
    /// A fixed x range; nil fits the data.
    public var xLimits: ClosedRange<Double>?
    /// A fixed y range; nil fits the data.
    public var yLimits: ClosedRange<Double>?
    /// The image width in pixels.
    public var width: Int
    /// The image height in pixels.
    public var height: Int
    /// Whether to draw grid lines at the ticks.
    public var showsGrid: Bool
    /// The series, drawn in order.
    public private(set) var series: [Series] = []
    /// A grid of values drawn as coloured cells under the series, if any.
    public private(set) var heatmap: Heatmap?
    /// Problems found while adding series (mismatched lengths), shown in the chart instead of crashing.
    public private(set) var problems: [String] = []

    /// Creates an empty chart.
    ///
    /// - Parameters:
    ///   - title: Shown above the plot.
    ///   - xLabel: Shown under the x axis.
    ///   - yLabel: Shown beside the y axis.
    ///   - width: Pixels; defaults to 640.
    ///   - height: Pixels; defaults to 400.
    ///   - showsGrid: Defaults to true.
    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                xLimits: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil,
                width: Int = 640, height: Int = 400, showsGrid: Bool = true) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xLimits = xLimits
        self.yLimits = yLimits
        self.width = max(width, 120)
        self.height = max(height, 90)
        self.showsGrid = showsGrid
    }

    /// The chart with a series added.
    ///
    /// If `x` and `y` differ in length the series is left out and the chart shows why.
    public func adding(x: [Double], y: [Double], style: Style, label: String? = nil, color: String? = nil) -> Chart {
        guard x.count == y.count else {
            return noting("Series '\(label ?? "unnamed")' has \(x.count) x values but \(y.count) y values; it is not drawn.")
        }
        var copy = self
        copy.series.append(Series(label: label, x: x, y: y, style: style, color: color))
        return copy
    }

    /// A grid of values over the plane: `values[row][column]` belongs at `(x[column], y[row])`.
    public struct Heatmap: Sendable, Equatable {
        public var x: [Double]
        public var y: [Double]
        public var values: [[Double]]
        /// What the colours stand for, shown in the legend with their range.
        public var label: String?
        /// Whether each cell shows its value (a labelled grid's counts).
        public var showsValues = false
    }

    /// Names for the x and y axes' integer positions (a labelled grid's columns and rows), in place
    /// of numbers; nil for numeric axes.
    public private(set) var xCategories: [String]?
    public private(set) var yCategories: [String]?

    /// The chart with a heat map under its series: each grid point a cell coloured from dark
    /// (the smallest value) to light (the largest), on the viridis scale, which reads in grey too.
    ///
    ///     let w = linspace(-2, 2, count: 41)
    ///     Chart(title: "Loss surface", xLabel: "w₀", yLabel: "w₁")
    ///         .heatmap(x: w, y: w, values: w.map { b in w.map { a in a * a + 2 * b * b } }, label: "loss")
    ///
    /// If `values` is not `y.count` rows of `x.count` values, the heat map is left out and the chart says why.
    public func heatmap(x: [Double], y: [Double], values: [[Double]], label: String? = nil) -> Chart {
        guard values.count == y.count, values.allSatisfy({ $0.count == x.count }), !x.isEmpty, !y.isEmpty else {
            return noting("The heat map needs \(y.count) rows of \(x.count) values; it is not drawn.")
        }
        var copy = self
        copy.heatmap = Heatmap(x: x, y: y, values: values, label: label)
        return copy
    }

    /// The chart as a grid of named cells, `values[row][column]`, the first row at the top, each
    /// cell coloured by its value and showing it: a confusion matrix, a correlation table.
    ///
    ///     Chart(title: "Confusion matrix", xLabel: "predicted", yLabel: "true")
    ///         .grid([[50, 3], [4, 57]], rows: ["benign", "malignant"], columns: ["benign", "malignant"])
    ///
    /// If `values` is not `rows.count` rows of `columns.count` values, the grid is left out and the chart says why.
    public func grid(_ values: [[Double]], rows: [String], columns: [String], label: String? = nil) -> Chart {
        guard !rows.isEmpty, !columns.isEmpty, values.count == rows.count, values.allSatisfy({ $0.count == columns.count }) else {
            return noting("The grid needs \(rows.count) rows of \(columns.count) values; it is not drawn.")
        }
        var copy = self
        // Row 0 at the top: the y axis counts upwards, so the rows go in from the last.
        copy.heatmap = Heatmap(x: columns.indices.map(Double.init), y: rows.indices.map(Double.init), values: values.reversed(),
                               label: label, showsValues: true)
        copy.xCategories = columns
        copy.yCategories = rows.reversed()
        copy.xLimits = -0.5 ... Double(columns.count) - 0.5
        copy.yLimits = -0.5 ... Double(rows.count) - 0.5
        copy.showsGrid = false
        return copy
    }

    /// The chart with a problem to show in place of a crash.
    func noting(_ problem: String) -> Chart {
        var copy = self
        copy.problems.append(problem)
        return copy
    }

    /// The chart with a line through the points `(x[i], y[i])`.
    public func line<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(x: [X], y: [Y], label: String? = nil,
                                                                     color: String? = nil) -> Chart {
        adding(x: x.map { Double($0) }, y: y.map { Double($0) }, style: .line, label: label, color: color)
    }

    /// The chart with a line through `y` at x = 0, 1, 2, ...
    public func line<Y: BinaryFloatingPoint>(_ y: [Y], label: String? = nil, color: String? = nil) -> Chart {
        line(x: y.indices.map(Double.init), y: y, label: label, color: color)
    }

    /// The chart with unjoined markers at the points `(x[i], y[i])`.
    public func scatter<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(x: [X], y: [Y], label: String? = nil,
                                                                        color: String? = nil) -> Chart {
        adding(x: x.map { Double($0) }, y: y.map { Double($0) }, style: .scatter, label: label, color: color)
    }

    /// The chart with a staircase through the points, each value held until the next x.
    public func step<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(x: [X], y: [Y], label: String? = nil,
                                                                     color: String? = nil) -> Chart {
        adding(x: x.map { Double($0) }, y: y.map { Double($0) }, style: .step, label: label, color: color)
    }
}

extension Chart: Codable {}
extension Chart.Style: Codable {}
extension Chart.Series: Codable {}
extension Chart.Heatmap: Codable {}
