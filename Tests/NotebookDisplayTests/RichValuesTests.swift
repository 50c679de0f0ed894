import Foundation
import NotebookDisplay
import Testing

@Suite struct RichValuesTests {
    @Test func eachValueShowsItsKindWithATextFallback() throws {
        #expect(HTML("<b>x</b> &amp; y").mimeBundle == MIMEBundle(["text/html": "<b>x</b> &amp; y", "text/plain": "x &amp; y"]))
        #expect(Markdown("**m**").mimeBundle == MIMEBundle(["text/markdown": "**m**", "text/plain": "**m**"]))
        #expect(SVG("<svg/>").mimeBundle == MIMEBundle(["image/svg+xml": "<svg/>", "text/plain": "SVG image (6 bytes)"]))
        #expect(Latex("$x^2$").mimeBundle == MIMEBundle(["text/latex": "$x^2$", "text/plain": "$x^2$"]))
        struct Point: Encodable { let x = 1, y = [2.5] }
        #expect(try JSON(Point()).mimeBundle.data["application/json"] == "{\n  \"x\" : 1,\n  \"y\" : [\n    2.5\n  ]\n}")
        let png = Data([0x89, 0x50, 0x4E, 0x47])
        #expect(Image(data: png, format: .png).mimeBundle == MIMEBundle(["image/png": "iVBORw==", "text/plain": "PNG image (4 bytes)"]))
    }

    @Test func imagesAreReadFromFilesByTheirExtension() throws {
        let folder = NSTemporaryDirectory() + "images-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder + "/plot.JPG"))
        #expect(try Image(filename: folder + "/plot.JPG").format == .jpeg)
        #expect(throws: DisplayError.unreadableFile(folder + "/missing.png")) { try Image(filename: folder + "/missing.png") }
        #expect(throws: DisplayError.unknownImageFormat(filename: "notes.txt", fileExtension: "txt")) { try Image(filename: "notes.txt") }
    }
}
