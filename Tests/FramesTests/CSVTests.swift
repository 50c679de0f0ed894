import Testing
@testable import Frames

@Suite struct CSVTests {
    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let frame = try DataFrame(csvText: "name,notes\n\"Smith, J\",\"said \"\"hi\"\"\"\nplain,\"two\nlines\"\n")
        #expect(frame.shape == (rows: 2, columns: 2))
        #expect(try frame["name"].data == .text(["Smith, J", "plain"]))
        #expect(try frame["notes"].data == .text(["said \"hi\"", "two\nlines"]))
    }

    @Test func semicolonsAreDetectedAndCanBeForced() throws {
        let text = "\"a\";\"b\"\n1,5;2\n"
        let detected = try DataFrame(csvText: text)
        #expect(detected.columnNames == ["a", "b"])
        #expect(try detected["a"].data == .text(["1,5"]))
        let forced = try DataFrame(csvText: "a;b\n1;5\n", delimiter: ",")
        #expect(forced.columnNames == ["a;b"])
        #expect(try forced["a;b"].data == .text(["1;5"]))
    }

    @Test func crlfLineEndsAByteOrderMarkAndNoFinalNewline() throws {
        let frame = try DataFrame(csvText: "\u{FEFF}x,y\r\n1,2\r\n3,4")
        #expect(frame.columnNames == ["x", "y"])
        #expect(try frame["y"].numbers() == [2, 4])
    }

    @Test func missingValuesBecomeNaNOrNil() throws {
        let frame = try DataFrame(csvText: "n,t\n1,a\n,NA\nNaN,b\n")
        let numbers = try frame["n"].numbers()
        #expect(numbers[0] == 1 && numbers[1].isNaN && numbers[2].isNaN)
        #expect(try frame["t"].data == .text(["a", nil, "b"]))
    }

    @Test func blankLinesAreSkippedAndLineNumbersStayTrue() throws {
        let frame = try DataFrame(csvText: "a\n1\n\n2\n")
        #expect(try frame["a"].numbers() == [1, 2])
        let error = #expect(throws: FrameError.self) { try DataFrame(csvText: "a,b\n1,2\n\n3\n") }
        #expect(error == .raggedRow(source: "<csv text>", line: 4, expected: 2, actual: 1))
    }

    @Test func raggedRowNamesTheLine() {
        let error = #expect(throws: FrameError.self) { try DataFrame(csvText: "a,b\n1,2\n3,4,5\n") }
        #expect(error == .raggedRow(source: "<csv text>", line: 3, expected: 2, actual: 3))
        #expect(error?.description == "<csv text>:3: row has 3 fields but the header has 2.")
    }

    @Test func unterminatedQuoteNamesLineAndColumn() {
        #expect(throws: FrameError.unterminatedQuote(source: "<csv text>", line: 2, column: 3)) {
            try DataFrame(csvText: "a,b\n1,\"open\n2,3\n")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        #expect(throws: FrameError.unexpectedCharacterAfterQuote(source: "<csv text>", line: 2, column: 5, character: "'x'")) {
            try DataFrame(csvText: "a\n\"ab\"x\n")
        }
    }

    @Test func emptyInputAndDuplicateColumns() {
        #expect(throws: FrameError.emptyInput(source: "<csv text>")) { try DataFrame(csvText: "") }
        #expect(throws: FrameError.duplicateColumn(source: "<csv text>", name: "a")) { try DataFrame(csvText: "a,a\n1,2\n") }
    }

    @Test func aMissingFileSaysSo() {
        let error = #expect(throws: FrameError.self) { try DataFrame(csv: "/nonexistent/wine.csv") }
        #expect(error?.description.hasPrefix("/nonexistent/wine.csv: no such file") == true)
    }

    @Test func writingAndReadingBackGivesTheSameFrame() throws {
        let original = try DataFrame(csvText: "name,score\n\"Smith, J\",1.5\n\"say \"\"x\"\"\",2\n\" padded\",\n")
        let text = original.csvText()
        #expect(text == "name,score\n\"Smith, J\",1.5\n\"say \"\"x\"\"\",2\n\" padded\",\n")
        let reread = try DataFrame(csvText: text)
        #expect(reread.columnNames == original.columnNames)
        #expect(try reread["name"].data == original["name"].data)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frames-roundtrip-\(getpid()).csv").path
        try original.writeCSV(to: path, delimiter: ";")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try DataFrame(csv: path).csvText() == text)
    }
}

import Foundation
