import Foundation
import NotebookFormat
@testable import Reports
import Testing

/// Hostile outputs and Markdown: nothing in a report may run script or load anything.
@Suite struct SafetyTests {
    private func content(_ outputs: [NotebookOutput], markdown: String = "", trusting: Bool = false) -> String {
        Report(Notebook(cells: [NotebookCell(kind: .markdown, source: markdown),
                                NotebookCell(kind: .code, source: "x", outputs: outputs, executionCount: 1)]),
               fileName: "h.ipynb", trustsHTML: trusting).content
    }

    @Test func printedMarkupIsText() {
        let page = content([.stream(name: "stdout", text: "<script>alert(1)</script>\n"),
                            .executeResult(executionCount: 1, data: ["text/plain": "\"<img src=x onerror=alert(1)>\""], metadata: [:]),
                            .error(name: "<b>E</b>", value: "<i>v</i>", traceback: ["<script>"])])
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("<span class=\"ename\">&lt;b&gt;E&lt;/b&gt;</span>: &lt;i&gt;v&lt;/i&gt;\n&lt;script&gt;"))
        #expect(!page.contains("<script") && !page.contains("<img src=x"))
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        let html: String
        let kept: String
        var testDescription: String { html }
    }

    static let hostile: [Hostile] = [
        Hostile(html: "<p>ok<script>alert(1)</script></p>", kept: "<p>ok</p>"),
        Hostile(html: "<SCRIPT src=//evil></SCRIPT ><b>b</b>", kept: "<b>b</b>"),
        Hostile(html: "<img src=\"x.png\" onerror=\"alert(1)\" alt=\"a\">", kept: HTMLSanitizer.link(toImage: "x.png", alt: "a")),
        Hostile(html: "<img src=\"data:image/png;base64,AA==\" onerror=\"alert(1)\" alt=\"a\">",
                kept: "<img src=\"data:image/png;base64,AA==\" alt=\"a\">"),
        Hostile(html: "<a href=\" JaVaScRiPt:alert(1)\">x</a>", kept: "<a>x</a>"),
        Hostile(html: "<a href=\"jav&#x61;script:alert(1)\">x</a>", kept: "<a>x</a>"),
        Hostile(html: "<a href=\"javascript&#58alert(1)\">x</a>", kept: "<a href=\"javascript&amp;#58alert(1)\">x</a>"),
        Hostile(html: "<a href=\"https://keras.io/?a=1&amp;b=2\" target=\"_blank\">k</a>", kept: "<a href=\"https://keras.io/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">k</a>"),
        Hostile(html: "<iframe src=\"https://evil\"></iframe><p>after</p>", kept: "<p>after</p>"),
        Hostile(html: "<div style=\"background:url(https://evil/t.png)\">d</div>", kept: "<div>d</div>"),
        Hostile(html: "<svg><script>alert(1)</script><a href=\"javascript:x\"><rect onclick=\"x\"/></a></svg>",
                kept: "<svg><a><rect/></a></svg>"),
        Hostile(html: "<svg><foreignObject><img src=x onerror=1></foreignObject><use href=\"https://evil#a\"/></svg>", kept: "<svg><use/></svg>"),
        Hostile(html: "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\">", kept: "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\">"),
        Hostile(html: "<img src=\"data:text/html,<script>alert(1)</script>\">", kept: "<img>"),
        Hostile(html: "<form action=\"https://evil\"><input type=\"text\" name=\"p\"><button>go</button></form>", kept: "<input name=\"p\">go"),
        Hostile(html: "<!-- <script>x</script> --><p>c</p><style>body{}</style>", kept: "<p>c</p>"),
        Hostile(html: "<table class=\"dataframe\"><tr><td style=\"text-align: right\">1</td></tr></table>",
                kept: "<table class=\"dataframe\"><tr><td style=\"text-align: right\">1</td></tr></table>"),
        Hostile(html: "<b>unclosed <i>tags", kept: "<b>unclosed <i>tags</i></b>"),
        Hostile(html: "<svg viewBox=\"0 0 9 9\"><g stroke=\"#e6e6e6\"><line x1=\"1\" y2=\"2\" stroke-width=\"1.5\"/></g><text xml:space=\"preserve\">t</text></svg>",
                kept: "<svg viewbox=\"0 0 9 9\"><g stroke=\"#e6e6e6\"><line x1=\"1\" y2=\"2\" stroke-width=\"1.5\"/></g><text xml:space=\"preserve\">t</text></svg>"),
        Hostile(html: "1 < 2 > 0", kept: "1 &lt; 2 &gt; 0"),
    ]

    /// Everything that would make a browser fetch something when the page opens.
    static let remote: [Hostile] = [
        Hostile(html: "<table background=\"https://t/p.png\"><tr><td>1</td></tr></table>", kept: "<table><tr><td>1</td></tr></table>"),
        Hostile(html: "<div style=\"background:u\\72l(https://t/p.png)\">d</div>", kept: "<div>d</div>"),
        Hostile(html: "<div style=\"background:u\\000072 l(https://t/p.png)\">d</div>", kept: "<div>d</div>"),
        Hostile(html: "<div style=\"background-image: image-set('https://t/p.png' 1x)\">d</div>", kept: "<div>d</div>"),
        Hostile(html: "<div style=\"color: red; background: -webkit-image-set(url(https://t/p) 1x); font-weight: bold\">d</div>",
                kept: "<div style=\"color: red; font-weight: bold\">d</div>"),
        Hostile(html: "<div style=\"color: red /* ; background: url(https://t/p) */; width: 2em\">d</div>",
                kept: "<div style=\"color: red; width: 2em\">d</div>"),
        Hostile(html: "<div style=\"@import 'https://t/x.css'; color: RGB(1, 2, 3)\">d</div>", kept: "<div style=\"color: RGB(1, 2, 3)\">d</div>"),
        Hostile(html: "<div style=\"color: red\\3b background: url(https://t/p)\">d</div>", kept: "<div>d</div>"),
        Hostile(html: "<span style=\"list-style-image: url(x.png); cursor: url(c.cur), auto; position: fixed\">s</span>", kept: "<span>s</span>"),
        Hostile(html: "<span style=\"background: var(--panel) linear-gradient(red, blue); margin-left: calc(1em + 2px)\">s</span>",
                kept: "<span style=\"background: var(--panel) linear-gradient(red, blue); margin-left: calc(1em + 2px)\">s</span>"),
        Hostile(html: "<svg><rect filter=\"url(https://t/f.svg#f)\" fill=\"url(#g)\"/></svg>", kept: "<svg><rect fill=\"url(#g)\"/></svg>"),
        Hostile(html: "<svg><rect fill=\"u\\72l(https://t/p)\" mask=\"url( 'https://t/m' )\"/></svg>", kept: "<svg><rect/></svg>"),
        Hostile(html: "<svg><image href=\"https://t/p.png\"/><use xlink:href=\"https://t/s.svg#a\"/></svg>", kept: "<svg><use/></svg>"),
        Hostile(html: "<img srcset=\"https://t/p.png 2x\" src=\"data:image/png;base64,AA==\">", kept: "<img src=\"data:image/png;base64,AA==\">"),
        Hostile(html: "<img src=\"https://t/pixel.png\" alt=\"a <b>\">", kept: HTMLSanitizer.link(toImage: "https://t/pixel.png", alt: "a <b>")),
        Hostile(html: "<video poster=\"https://t/p.png\"><source src=\"https://t/v.mp4\"></video><object data=\"https://t/x\"></object>", kept: ""),
        Hostile(html: "<link rel=\"stylesheet\" href=\"https://t/x.css\"><base href=\"https://t/\"><p>p</p>", kept: "<p>p</p>"),
        Hostile(html: "<a href=\"//t/x\" rel=\"opener\" ping=\"https://t/p\">x</a><a href=\"notes.html#b\">n</a>",
                kept: "<a href=\"//t/x\" rel=\"noopener noreferrer\">x</a><a href=\"notes.html#b\">n</a>"),
        Hostile(html: "<input type=\"image\" src=\"https://t/p.png\"><body background=\"https://t/b\">", kept: "<input>"),
        Hostile(html: "<a href=\"https://t/a\" href=\"javascript:alert(1)\">a</a>", kept: "<a href=\"https://t/a\" rel=\"noopener noreferrer\">a</a>"),
    ]

    @Test func aRemoteMarkdownImageIsALinkAndThePageForbidsLoadingAnything() {
        let page = content([], markdown: "See ![the pixel](https://host/pixel.png \"t\") and ![local](plot.png).")
        #expect(page.contains(HTMLSanitizer.link(toImage: "https://host/pixel.png", alt: "the pixel")))
        #expect(page.contains(HTMLSanitizer.link(toImage: "plot.png", alt: "local")))
        #expect(!page.contains("<img"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"))
        #expect(!content([], markdown: "x", trusting: true).contains("Content-Security-Policy"))
    }

    @Test func aTrustedReportSaysSoInItsFooter() {
        let facts = RunFacts(date: Date(timeIntervalSince1970: 0), totalSeconds: 1, cells: [], toolchain: "t", generator: "g",
                             parameters: [], trustsHTML: true)
        #expect(facts.footer(links: nil).contains("<code>--trust-html</code>: the notebook's HTML outputs were not sanitized"))
        #expect(!RunFacts(date: Date(), totalSeconds: 1, cells: [], toolchain: "t", generator: "g", parameters: []).footer(links: nil)
            .contains("trust"))
    }

    @Test(arguments: hostile + remote)
    func htmlOutputsAreSanitized(_ case: Hostile) {
        #expect(HTMLSanitizer.sanitize(`case`.html) == `case`.kept)
    }

    @Test func htmlIsSanitizedByDefaultAndKeptWhenTrusted() {
        let output = NotebookOutput.displayData(data: ["text/html": "<b onclick=\"x()\">b</b><script>s()</script>"], metadata: [:])
        #expect(content([output]).contains("<div class=\"html\"><b>b</b></div>"))
        #expect(content([output], trusting: true).contains("<b onclick=\"x()\">b</b><script>s()</script>"))
    }

    @Test func svgIsAnImageThatCannotRunScript() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
        let page = content([.displayData(data: ["image/svg+xml": .string(svg), "text/plain": "c"], metadata: [:])])
        #expect(page.contains("<img class=\"chart\" alt=\"c\" src=\"data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())\">"))
        #expect(!page.contains("<script"))
    }

    @Test func rawHTMLInMarkdownIsSanitizedToo() {
        let page = content([], markdown: "Hi <script>alert(1)</script><img src=x onerror=alert(2)> **bold**")
        #expect(!page.contains("<script") && !page.contains("onerror"))
        #expect(page.contains("<strong>bold</strong>"))
    }
}
