import NotebookDisplay

extension Chart {
    /// The chart as a standalone SVG 1.1 document: no scripts, no external fonts or links.
    public var svg: String { SVGRenderer(chart: self).render() }
}

/// Lays a chart out and writes its SVG. Every number goes through `appendCoordinate`, so the same
/// chart always gives the same bytes.
struct SVGRenderer {
    let chart: Chart

    private static let fontSize = 12.0
    private static let characterWidth = 7.0   // average glyph width of a 12 px sans-serif font

    /// The plot area, in pixels.
    private struct Frame {
        let left: Double, top: Double, right: Double, bottom: Double
    }

    func render() -> String {
        let width = Double(chart.width), height = Double(chart.height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(chart.width)\" height=\"\(chart.height)\""
        out += " viewBox=\"0 0 \(chart.width) \(chart.height)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"\(chart.width)\" height=\"\(chart.height)\" fill=\"#ffffff\"/>\n"
        if let title = chart.title {
            out += "<text x=\"\(coordinate(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" fill=\"#222222\" xml:space=\"preserve\">\(escapeHTML(title))</text>\n"
        }
        let finite = chart.series.flatMap { series in
            zip(series.x, series.y).filter { $0.0.isFinite && $0.1.isFinite }
        } + (chart.heatmap.map(HeatmapLayer.corners) ?? [])
        guard let xData = Self.span(finite.map(\.0)), let yData = Self.span(finite.map(\.1)) else {
            let frame = Frame(left: 16, top: chart.title == nil ? 14 : 36, right: width - 16, bottom: height - 16)
            out += frameRect(frame)
            out += "<text x=\"\(coordinate(width / 2))\" y=\"\(coordinate((frame.top + frame.bottom) / 2))\" text-anchor=\"middle\" fill=\"#666666\">No data</text>\n"
            out += problemLines(frame)
            return out + "</svg>\n"
        }
        let xTicks = chart.xCategories.map(Ticks.init(names:)) ?? Ticks(covering: chart.xLimits ?? xData, fixed: chart.xLimits != nil)
        let yTicks = chart.yCategories.map(Ticks.init(names:))
            ?? Ticks(covering: chart.yLimits ?? yData, targetCount: 5, fixed: chart.yLimits != nil)
        let yLabelWidth = yTicks.values.map { Double(yTicks.label($0).count) * Self.characterWidth }.max() ?? 0
        let frame = Frame(left: 12 + (chart.yLabel == nil ? 0 : 20) + yLabelWidth + 6,
                          top: chart.title == nil ? 14 : 36,
                          right: width - 18,
                          bottom: height - (chart.xLabel == nil ? 26 : 46))
        let mapX = { (x: Double) in frame.left + (x - xTicks.range.lowerBound) / (xTicks.range.upperBound - xTicks.range.lowerBound) * (frame.right - frame.left) }
        let mapY = { (y: Double) in frame.bottom - (y - yTicks.range.lowerBound) / (yTicks.range.upperBound - yTicks.range.lowerBound) * (frame.bottom - frame.top) }

        out += axes(frame, xTicks: xTicks, yTicks: yTicks, mapX: mapX, mapY: mapY)
        let clipID = "plot-" + Self.fingerprint(of: chart)
        out += "<clipPath id=\"\(clipID)\"><rect x=\"\(coordinate(frame.left))\" y=\"\(coordinate(frame.top))\" width=\"\(coordinate(frame.right - frame.left))\" height=\"\(coordinate(frame.bottom - frame.top))\"/></clipPath>\n"
        out += "<g clip-path=\"url(#\(clipID))\">\n"
        if let heatmap = chart.heatmap { out += HeatmapLayer(heatmap: heatmap).cells(mapX: mapX, mapY: mapY) }
        for (index, series) in chart.series.enumerated() {
            let color = escapeHTML(series.color ?? Palette.color(at: index))
            let points = Self.downsampled(series, columns: Int(frame.right - frame.left), mapX: mapX)
            switch series.style {
            case .line, .step:
                out += "<path fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" d=\""
                out += Self.pathData(points, stepped: series.style == .step, mapX: mapX, mapY: mapY)
                out += "\"/>\n"
            case .scatter:
                out += "<g fill=\"\(color)\">"
                var drawn = Set<Int>()
                for (x, y) in points where x.isFinite && y.isFinite {
                    let px = mapX(x), py = mapY(y)
                    guard drawn.insert(Int(px.rounded()) &* 100_003 &+ Int(py.rounded())).inserted else { continue }
                    out += "<circle cx=\""; appendCoordinate(px, to: &out)
                    out += "\" cy=\""; appendCoordinate(py, to: &out)
                    out += "\" r=\"3\"/>"
                }
                out += "</g>\n"
            }
        }
        out += "</g>\n"
        out += legend(frame)
        out += problemLines(frame)
        return out + "</svg>\n"
    }

    private func frameRect(_ frame: Frame) -> String {
        "<rect x=\"\(coordinate(frame.left))\" y=\"\(coordinate(frame.top))\" width=\"\(coordinate(frame.right - frame.left))\" height=\"\(coordinate(frame.bottom - frame.top))\" fill=\"none\" stroke=\"#444444\"/>\n"
    }

    private func axes(_ frame: Frame, xTicks: Ticks, yTicks: Ticks,
                      mapX: (Double) -> Double, mapY: (Double) -> Double) -> String {
        var out = ""
        if chart.showsGrid {
            out += "<g stroke=\"#e6e6e6\">"
            for x in xTicks.values { out += "<line x1=\"\(coordinate(mapX(x)))\" y1=\"\(coordinate(frame.top))\" x2=\"\(coordinate(mapX(x)))\" y2=\"\(coordinate(frame.bottom))\"/>" }
            for y in yTicks.values { out += "<line x1=\"\(coordinate(frame.left))\" y1=\"\(coordinate(mapY(y)))\" x2=\"\(coordinate(frame.right))\" y2=\"\(coordinate(mapY(y)))\"/>" }
            out += "</g>\n"
        }
        out += frameRect(frame)
        out += "<g fill=\"#333333\">"
        for x in xTicks.values {
            out += "<text x=\"\(coordinate(mapX(x)))\" y=\"\(coordinate(frame.bottom + 16))\" text-anchor=\"middle\">\(escapeHTML(xTicks.label(x)))</text>"
        }
        for y in yTicks.values {
            out += "<text x=\"\(coordinate(frame.left - 6))\" y=\"\(coordinate(mapY(y) + 4))\" text-anchor=\"end\">\(escapeHTML(yTicks.label(y)))</text>"
        }
        out += "</g>\n"
        if let xLabel = chart.xLabel {
            out += "<text x=\"\(coordinate((frame.left + frame.right) / 2))\" y=\"\(coordinate(Double(chart.height) - 10))\" text-anchor=\"middle\" fill=\"#222222\">\(escapeHTML(xLabel))</text>\n"
        }
        if let yLabel = chart.yLabel {
            let y = (frame.top + frame.bottom) / 2
            out += "<text x=\"16\" y=\"\(coordinate(y))\" text-anchor=\"middle\" fill=\"#222222\" transform=\"rotate(-90 16 \(coordinate(y)))\">\(escapeHTML(yLabel))</text>\n"
        }
        return out
    }

    /// A legend box in the top-right corner when any series has a label.
    private func legend(_ frame: Frame) -> String {
        let entries = chart.series.enumerated().compactMap { index, series in
            series.label.map { (label: $0, color: series.color ?? Palette.color(at: index), style: series.style) }
        }
        // A grid that writes its values in its cells needs no colour scale.
        let scale = chart.heatmap.flatMap { $0.showsValues ? nil : HeatmapLayer(heatmap: $0) }
        let scaleText = scale?.legendText
        guard !entries.isEmpty || scale != nil else { return "" }
        let longest = (entries.map(\.label.count) + [scaleText?.count ?? 0]).max() ?? 0
        let boxWidth = 36 + Double(longest) * Self.characterWidth
        let boxHeight = Double(entries.count + (scale == nil ? 0 : 1)) * 18 + 8
        let left = frame.right - boxWidth - 8, top = frame.top + 8
        var out = "<g><rect x=\"\(coordinate(left))\" y=\"\(coordinate(top))\" width=\"\(coordinate(boxWidth))\" height=\"\(coordinate(boxHeight))\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>"
        for (row, entry) in entries.enumerated() {
            let y = top + 14 + Double(row) * 18
            let color = escapeHTML(entry.color)
            if entry.style == .scatter {
                out += "<circle cx=\"\(coordinate(left + 18))\" cy=\"\(coordinate(y - 4))\" r=\"3\" fill=\"\(color)\"/>"
            } else {
                out += "<line x1=\"\(coordinate(left + 8))\" y1=\"\(coordinate(y - 4))\" x2=\"\(coordinate(left + 28))\" y2=\"\(coordinate(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            }
            out += "<text x=\"\(coordinate(left + 34))\" y=\"\(coordinate(y))\" fill=\"#222222\">\(escapeHTML(entry.label))</text>"
        }
        if let scale, let scaleText {
            let y = top + 14 + Double(entries.count) * 18
            out += scale.swatch(x: left + 8, y: y - 9, id: "scale-" + Self.fingerprint(of: chart))
            out += "<text x=\"\(coordinate(left + 34))\" y=\"\(coordinate(y))\" fill=\"#222222\">\(escapeHTML(scaleText))</text>"
        }
        return out + "</g>\n"
    }

    private func problemLines(_ frame: Frame) -> String {
        chart.problems.enumerated().map { index, problem in
            "<text x=\"\(coordinate(frame.left + 6))\" y=\"\(coordinate(frame.top + 16 + Double(index) * 16))\" fill=\"#C00000\">\(escapeHTML(problem))</text>\n"
        }.joined()
    }

    /// `M x y L x y ...`, starting a new segment after every non-finite point.
    private static func pathData(_ points: [(Double, Double)], stepped: Bool,
                                 mapX: (Double) -> Double, mapY: (Double) -> Double) -> String {
        var d = ""
        d.reserveCapacity(points.count * 14)
        var penDown = false
        var previousY = 0.0
        for (x, y) in points {
            guard x.isFinite, y.isFinite else { penDown = false; continue }
            let px = mapX(x), py = mapY(y)
            if penDown {
                if stepped {
                    d += " L"; appendCoordinate(px, to: &d); d += " "; appendCoordinate(previousY, to: &d)
                }
                d += " L"
            } else {
                d += d.isEmpty ? "M" : " M"
            }
            appendCoordinate(px, to: &d); d += " "; appendCoordinate(py, to: &d)
            penDown = true
            previousY = py
        }
        return d
    }

    /// For series with ascending x and many more points than pixel columns: per column, the first,
    /// lowest, highest and last point, in x order. Other series come back unchanged.
    static func downsampled(_ series: Chart.Series, columns: Int, mapX: (Double) -> Double) -> [(Double, Double)] {
        let points = Array(zip(series.x, series.y))
        guard points.count > 4 * max(columns, 1),
              zip(series.x, series.x.dropFirst()).allSatisfy({ !($0.isFinite && $1.isFinite) || $0 <= $1 }) else {
            return points
        }
        var result: [(Double, Double)] = []
        var bucket: [(Double, Double)] = []
        var bucketColumn = Int.min
        func flush() {
            guard let first = bucket.first, let last = bucket.last else { return }
            let low = bucket.min { $0.1 < $1.1 }!, high = bucket.max { $0.1 < $1.1 }!
            var kept = [first]
            for point in [low, high].sorted(by: { $0.0 < $1.0 }) where point != kept.last! { kept.append(point) }
            if last != kept.last! { kept.append(last) }
            result += kept
            bucket.removeAll(keepingCapacity: true)
        }
        for point in points {
            guard point.0.isFinite, point.1.isFinite else {
                flush()
                result.append(point)   // keeps the gap
                continue
            }
            let column = Int(mapX(point.0).rounded(.down))
            if column != bucketColumn { flush(); bucketColumn = column }
            bucket.append(point)
        }
        flush()
        return result
    }

    /// The range of the values, or nil when there are none.
    private static func span(_ values: [Double]) -> ClosedRange<Double>? {
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }

    /// A short hash of the chart's content (FNV-1a), so clip-path ids stay unique when several
    /// charts share one HTML page, and stay the same for the same chart.
    private static func fingerprint(of chart: Chart) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x100_0000_01b3 }
        mix(UInt64(chart.width)); mix(UInt64(chart.height))
        for series in chart.series {
            for value in series.x + series.y { mix(value.bitPattern) }
            for byte in (series.label ?? "").utf8 { mix(UInt64(byte)) }
        }
        for text in [chart.title ?? ""] + (chart.xCategories ?? []) + (chart.yCategories ?? []) {
            for byte in text.utf8 { mix(UInt64(byte)) }
        }
        if let heatmap = chart.heatmap {
            for value in heatmap.x + heatmap.y + heatmap.values.flatMap({ $0 }) { mix(value.bitPattern) }
        }
        return String(hash, radix: 16)
    }
}
