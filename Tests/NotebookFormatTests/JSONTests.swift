import NotebookFormat
import Testing

@Suite struct JSONTests {
    @Test func textIsWrittenAsPythonsJSONModuleWritesIt() throws {
        // Expected text from Python: json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False).
        let value = try JSONReader.parse(#"{"b": [1, 2.50, {}], "a": "é\u0001\"\\\/\t\u2028", "B": [], "é": null, "Z": true}"#)
        #expect(JSONWriter.notebookText(value) == """
            {
             "B": [],
             "Z": true,
             "a": "é\\u0001\\"\\\\/\\t\u{2028}",
             "b": [
              1,
              2.50,
              {}
             ],
             "é": null
            }
            """)
        #expect(JSONWriter.compactText(["k": [1, "x"]]) == #"{"k": [1, "x"]}"#)
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        #expect(try JSONReader.parse(#""\ud83d\ude00 \u00e9\n""#) == .string("😀 é\n"))
        #expect(throws: JSONSyntaxError(line: 1, column: 2, reason: "unknown escape '\\x' in a string")) {
            try JSONReader.parse(#""\x""#)
        }
        #expect(throws: JSONSyntaxError(line: 1, column: 3, reason: "a control character (U+A) must be escaped in a string")) {
            try JSONReader.parse("\"a\nb\"")
        }
        #expect(throws: JSONSyntaxError(line: 1, column: 2, reason: "expected a digit")) { try JSONReader.parse("-x") }
    }
}
