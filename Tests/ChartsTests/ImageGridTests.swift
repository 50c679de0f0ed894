import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import Charts
import Neural

/// Images as crisp pixel squares: grey from white (lowest) to black (highest), colour as given.
@Suite struct ImageGridTests {
    /// Two 3×3 images: a diagonal stroke and a bar, values 0...16 like the digits data.
    static let strokes = try! Tensor(shape: [2, 3, 3, 1], scalars: [16, 0, 0, 0, 8, 0, 0, 0, 16,
                                                                         0, 16, 0, 0, 16, 0, 0, 16, 0])

    @Test func aGridOfGreyImagesMatchesItsSnapshotAndIsWellFormed() throws {
        let grid = ImageGrid(Self.strokes, captions: ["\\", "<1>"], pixelSize: 10)
        try assertSnapshot(grid.svg, named: "image-grid.svg")
        _ = try XMLDocument(xmlString: grid.svg, options: [])
        // Ink only: 3 + 3 dark squares, one of them mid-grey; white pixels are left out.
        #expect(grid.svg.components(separatedBy: "fill=\"#000000\"").count - 1 == 5)
        #expect(grid.svg.contains("fill=\"#808080\"") && grid.svg.contains(">&lt;1&gt;</text>"))
        #expect(grid.description == "2 images 3×3")
    }

    @Test func colourImagesKeepTheirColours() {
        let red = try! Tensor(shape: [1, 1, 2, 3], scalars: [1, 0, 0, 0, 0, 1])
        let svg = ImageGrid(red).svg
        #expect(svg.contains("fill=\"#ff0000\"") && svg.contains("fill=\"#0000ff\""))
    }

    @Test func aTensorThatIsNotImagesSaysSo() {
        let grid = ImageGrid(Tensor([[1, 2], [3, 4]]))
        #expect(grid.description == "Images must be a tensor [n, height, width] or [n, height, width, 1 or 3], got [2, 2].")
        #expect(grid.svg.contains("Images must be a tensor"))
    }
}
