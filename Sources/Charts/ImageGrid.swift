import Neural
import NotebookDisplay

/// Small images side by side, each pixel a crisp square, with an optional caption under each: a
/// few samples of a data set, or a model's mistakes.
///
/// Images are a tensor `[n, height, width]`, `[n, height, width, 1]` (grey: the smallest value of
/// the batch white, the largest black, as ink on paper) or `[n, height, width, 3]` (colour, values
/// in 0...1).
///
///     ImageGrid(xTrain.rows(0..<10), captions: yTrain.scalars.prefix(10).map { "\(Int($0))" })
public struct ImageGrid: Sendable, Equatable {
    public let images: Tensor
    public let captions: [String]
    public let columns: Int
    /// The side of one image pixel, in screen pixels.
    public let pixelSize: Int

    /// - Parameters:
    ///   - images: `[n, height, width]`, `[n, height, width, 1]` or `[n, height, width, 3]`.
    ///   - captions: One line under each image (fewer leave the rest without); defaults to none.
    ///   - columns: Images per row; defaults to 10.
    ///   - pixelSize: Screen pixels per image pixel; defaults to 4.
    public init(_ images: Tensor, captions: [String] = [], columns: Int = 10, pixelSize: Int = 4) {
        self.images = images
        self.captions = captions
        self.columns = max(1, columns)
        self.pixelSize = max(1, pixelSize)
    }

    /// Why the images cannot be drawn, or nil.
    var problem: String? {
        let shape = images.shape
        guard shape.count == 3 || (shape.count == 4 && [1, 3].contains(shape[3])), shape.allSatisfy({ $0 > 0 }) else {
            return "Images must be a tensor [n, height, width] or [n, height, width, 1 or 3], got \(shape)."
        }
        return nil
    }

    /// The grid as a standalone SVG document.
    public var svg: String {
        if let problem {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"480\" height=\"40\" font-family=\"sans-serif\" font-size=\"12\">"
                + "<text x=\"8\" y=\"24\" fill=\"#C00000\">\(escapeHTML(problem))</text></svg>\n"
        }
        let (count, height, width) = (images.shape[0], images.shape[1], images.shape[2])
        let channels = images.rank == 4 ? images.shape[3] : 1
        let captionHeight = captions.isEmpty ? 0 : 16
        let cellWidth = width * pixelSize + 8, cellHeight = height * pixelSize + 8 + captionHeight
        let rows = (count + columns - 1) / columns
        let totalWidth = min(count, columns) * cellWidth, totalHeight = rows * cellHeight
        let grey = channels == 1 ? (images.scalars.min() ?? 0) ... (images.scalars.max() ?? 1) : 0...1
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(totalWidth)\" height=\"\(totalHeight)\""
        out += " viewBox=\"0 0 \(totalWidth) \(totalHeight)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"\(totalWidth)\" height=\"\(totalHeight)\" fill=\"#ffffff\"/>\n<g shape-rendering=\"crispEdges\">"
        let imageSize = height * width * channels
        for index in 0..<count {
            let left = (index % columns) * cellWidth + 4, top = (index / columns) * cellHeight + 4
            out += "<rect x=\"\(left - 1)\" y=\"\(top - 1)\" width=\"\(width * pixelSize + 2)\" height=\"\(height * pixelSize + 2)\" fill=\"none\" stroke=\"#cccccc\"/>"
            for y in 0..<height {
                for x in 0..<width {
                    let start = index * imageSize + (y * width + x) * channels
                    let color = channels == 1 ? Self.grey(images.scalars[start], range: grey)
                                              : Self.hex(images.scalars[start..<start + 3].map { Double($0) })
                    guard color != "#ffffff" else { continue }
                    out += "<rect x=\"\(left + x * pixelSize)\" y=\"\(top + y * pixelSize)\" width=\"\(pixelSize)\" height=\"\(pixelSize)\" fill=\"\(color)\"/>"
                }
            }
        }
        out += "</g>\n"
        if !captions.isEmpty {
            out += "<g text-anchor=\"middle\" fill=\"#222222\">"
            for (index, caption) in captions.prefix(count).enumerated() {
                let x = (index % columns) * cellWidth + cellWidth / 2, y = (index / columns) * cellHeight + height * pixelSize + 8 + 12
                out += "<text x=\"\(x)\" y=\"\(y)\">\(escapeHTML(caption))</text>"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// White for the low end of `range`, black for the high end.
    private static func grey(_ value: Float, range: ClosedRange<Float>) -> String {
        let position = range.upperBound > range.lowerBound ? Double((value - range.lowerBound) / (range.upperBound - range.lowerBound)) : 0
        let level = 1 - min(max(position, 0), 1)
        return hex([level, level, level])
    }

    /// `#rrggbb` for channels in 0...1.
    private static func hex(_ channels: [Double]) -> String {
        "#" + channels.map { channel in
            let hex = String(Int((min(max(channel, 0), 1) * 255).rounded()), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}

extension ImageGrid: Displayable, CustomStringConvertible {
    /// The SVG image, with a one-line text description for text-only front ends.
    public var mimeBundle: MIMEBundle {
        MIMEBundle([MIMEType.svg: svg, MIMEType.plainText: description])
    }

    /// `10 images 8×8`.
    public var description: String {
        problem ?? "\(images.shape[0]) images \(images.shape[1])×\(images.shape[2])"
    }
}

/// Shows `images` in the notebook as a grid (`ImageGrid`), each captioned by its label.
///
///     show(images: xValid.rows(0..<20), labels: predicted.prefix(20).map { "\($0)" })
public func show(images: Tensor, labels: [String] = [], columns: Int = 10, pixelSize: Int = 4) {
    display(ImageGrid(images, captions: labels, columns: columns, pixelSize: pixelSize))
}
