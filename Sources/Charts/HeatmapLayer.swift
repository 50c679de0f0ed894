/// Draws a chart's heat map: a rectangle per grid point reaching halfway to its neighbours,
/// coloured on the viridis scale from the smallest value (dark) to the largest (light).
struct HeatmapLayer {
    let heatmap: Chart.Heatmap

    /// Viridis, five stops: perceptually uniform, colour-blind safe, monotone in lightness.
    static let stops: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]

    /// The grid's outer corners (cell edges), for fitting the axes.
    static func corners(of heatmap: Chart.Heatmap) -> [(Double, Double)] {
        let x = edges(heatmap.x), y = edges(heatmap.y)
        return [(x.first!, y.first!), (x.last!, y.last!)]
    }

    /// The finite values' range.
    var range: ClosedRange<Double>? {
        let finite = heatmap.values.flatMap { $0 }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return low...high
    }

    /// `loss: 0.12 – 3.4` for the legend.
    var legendText: String? {
        guard let range else { return nil }
        let text = "\(Self.short(range.lowerBound)) – \(Self.short(range.upperBound))"
        return heatmap.label.map { "\($0): \(text)" } ?? text
    }

    func cells(mapX: (Double) -> Double, mapY: (Double) -> Double) -> String {
        guard let range else { return "" }
        let xEdges = Self.edges(heatmap.x).map(mapX), yEdges = Self.edges(heatmap.y).map(mapY)
        var out = "<g shape-rendering=\"crispEdges\">"
        for (row, values) in heatmap.values.enumerated() {
            for (column, value) in values.enumerated() where value.isFinite {
                let left = min(xEdges[column], xEdges[column + 1]), top = min(yEdges[row], yEdges[row + 1])
                out += "<rect x=\"\(coordinate(left))\" y=\"\(coordinate(top))\" width=\"\(coordinate(abs(xEdges[column + 1] - xEdges[column]) + 0.5))\""
                out += " height=\"\(coordinate(abs(yEdges[row + 1] - yEdges[row]) + 0.5))\" fill=\"\(Self.color(at: Self.position(of: value, in: range)))\"/>"
            }
        }
        out += "</g>\n"
        guard heatmap.showsValues else { return out }
        out += "<g text-anchor=\"middle\">"
        for (row, values) in heatmap.values.enumerated() {
            for (column, value) in values.enumerated() where value.isFinite {
                // Dark text on the light end of the scale, white on the dark end.
                let fill = Self.position(of: value, in: range) > 0.6 ? "#222222" : "#ffffff"
                out += "<text x=\"\(coordinate(mapX(heatmap.x[column])))\" y=\"\(coordinate(mapY(heatmap.y[row]) + 4))\" fill=\"\(fill)\">"
                out += Self.cellText(value) + "</text>"
            }
        }
        return out + "</g>\n"
    }

    /// A cell's value as text: whole numbers (counts) without decimals.
    private static func cellText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : short(value)
    }

    /// A small gradient bar for the legend.
    func swatch(x: Double, y: Double, id: String) -> String {
        var out = "<defs><linearGradient id=\"\(id)\">"
        for (index, _) in Self.stops.enumerated() {
            let offset = Double(index) / Double(Self.stops.count - 1)
            out += "<stop offset=\"\(coordinate(offset))\" stop-color=\"\(Self.color(at: offset))\"/>"
        }
        return out + "</linearGradient></defs><rect x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" width=\"20\" height=\"10\" fill=\"url(#\(id))\"/>"
    }

    /// Cell edges: halfway between centres, and half a step beyond the first and last.
    static func edges(_ centres: [Double]) -> [Double] {
        guard centres.count > 1 else { return [centres[0] - 0.5, centres[0] + 0.5] }
        let middles = zip(centres, centres.dropFirst()).map { ($0 + $1) / 2 }
        return [centres[0] - (middles[0] - centres[0])] + middles + [centres.last! + (centres.last! - middles.last!)]
    }

    private static func position(of value: Double, in range: ClosedRange<Double>) -> Double {
        range.upperBound > range.lowerBound ? (value - range.lowerBound) / (range.upperBound - range.lowerBound) : 0.5
    }

    /// `#rrggbb` at `position` (0...1) along the scale.
    static func color(at position: Double) -> String {
        let scaled = min(max(position, 0), 1) * Double(stops.count - 1)
        let index = min(Int(scaled), stops.count - 2), fraction = scaled - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        let channels = [a.0 + (b.0 - a.0) * fraction, a.1 + (b.1 - a.1) * fraction, a.2 + (b.2 - a.2) * fraction]
        return "#" + channels.map { channel in
            let hex = String(Int(channel.rounded()), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    private static func short(_ value: Double) -> String {
        let magnitude = abs(value)
        return magnitude != 0 && (magnitude >= 10_000 || magnitude < 0.01) ? String(format: "%.2g", value) : Ticks.fixed(value, decimals: magnitude >= 100 ? 0 : 2)
    }
}
