#if canImport(Glibc)
import Glibc
#endif

/// Splits CSV bytes (RFC 4180) into records of fields, with the line each record starts on.
///
/// Accepts `,`, `;` or tab delimiters, quoted fields with embedded delimiters, doubled quotes and
/// line breaks, LF or CRLF line ends, a UTF-8 byte-order mark and a missing final newline; blank
/// lines are skipped, as pandas does. Fields stay byte ranges into the input until a column asks
/// for numbers (parsed in place) or text (decoded once).
struct CSVParser {
    /// One field: a range of the input, and whether it holds doubled quotes to undo.
    struct Field {
        var start: Int
        var end: Int
        var hasEscapedQuotes: Bool
    }

    /// One record and the 1-based line it starts on.
    struct Record {
        var fields: [Field]
        var line: Int
    }

    let source: String
    let delimiter: UInt8
    /// The input with a terminating NUL, so `strtod` can never read past it.
    private(set) var bytes: [UInt8]

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    init(source: String, bytes input: some Collection<UInt8>, delimiter: UInt8?) {
        self.source = source
        var bytes = [UInt8]()
        bytes.reserveCapacity(input.count + 1)
        bytes.append(contentsOf: input)
        bytes.append(0)
        self.bytes = bytes
        self.delimiter = delimiter ?? Self.detectDelimiter(in: bytes.prefix(64 * 1024))
    }

    /// The delimiter among `,`, `;` and tab that occurs most often outside quotes in the first line.
    static func detectDelimiter(in bytes: some Collection<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in bytes {
            if byte == quote { quoted.toggle() } else if !quoted && (byte == newline || byte == carriageReturn) { break }
            else if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }!.key
    }

    /// Every record, header included.
    ///
    /// - Throws: `FrameError.unterminatedQuote`, `.unexpectedCharacterAfterQuote`.
    func records() throws -> [Record] {
        try bytes.withUnsafeBufferPointer { bytes in
            var records: [Record] = []
            let end = bytes.count - 1   // the terminating NUL is not input
            var position = 0
            if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
            var line = 1, lineStart = position, recordLine = 1
            var fields: [Field] = []
            while position < end {
                if bytes[position] == Self.quote {
                    let quoteLine = line, quoteColumn = position - lineStart + 1
                    let start = position + 1
                    var escaped = false, closedAt: Int?
                    position += 1
                    while position < end {
                        let byte = bytes[position]
                        if byte == Self.quote {
                            if position + 1 < end, bytes[position + 1] == Self.quote {
                                escaped = true
                                position += 2
                                continue
                            }
                            closedAt = position
                            position += 1
                            break
                        }
                        if byte == Self.newline { line += 1; lineStart = position + 1 }
                        position += 1
                    }
                    guard let closedAt else {
                        throw FrameError.unterminatedQuote(source: source, line: quoteLine, column: quoteColumn)
                    }
                    if position < end, bytes[position] != delimiter, bytes[position] != Self.newline,
                       bytes[position] != Self.carriageReturn {
                        throw FrameError.unexpectedCharacterAfterQuote(
                            source: source, line: line, column: position - lineStart + 1,
                            character: "'\(Character(Unicode.Scalar(bytes[position])))'")
                    }
                    fields.append(Field(start: start, end: closedAt, hasEscapedQuotes: escaped))
                } else {
                    let start = position
                    while position < end, bytes[position] != delimiter, bytes[position] != Self.newline,
                          bytes[position] != Self.carriageReturn {
                        position += 1
                    }
                    fields.append(Field(start: start, end: position, hasEscapedQuotes: false))
                }
                // What ends the field: a delimiter, a line end, or the end of the input.
                if position < end, bytes[position] == delimiter {
                    position += 1
                    if position == end { fields.append(Field(start: end, end: end, hasEscapedQuotes: false)) }
                    continue
                }
                if position < end, bytes[position] == Self.carriageReturn { position += 1 }
                if position < end, bytes[position] == Self.newline { position += 1 }
                line += 1
                lineStart = position
                if !(fields.count == 1 && fields[0].start == fields[0].end) {   // skip blank lines
                    records.append(Record(fields: fields, line: recordLine))
                }
                fields.removeAll(keepingCapacity: true)
                recordLine = line
            }
            if !fields.isEmpty { records.append(Record(fields: fields, line: recordLine)) }
            return records
        }
    }

    /// The field's text, with doubled quotes undone.
    func text(of field: Field) -> String {
        let raw = String(decoding: bytes[field.start..<field.end], as: UTF8.self)
        return field.hasEscapedQuotes ? raw.replacing("\"\"", with: "\"") : raw
    }

    /// The field as a number if the whole field (spaces around it allowed) is one, else nil.
    func number(of field: Field) -> Double? {
        guard field.start < field.end, !field.hasEscapedQuotes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Double? in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let first = base + field.start
            var parsedEnd: UnsafeMutablePointer<CChar>?
            let value = strtod(first, &parsedEnd)
            guard let parsed = parsedEnd, UnsafePointer(parsed) != first else { return nil }
            var stop = UnsafePointer(parsed)
            let fieldEnd = base + field.end
            while stop < fieldEnd, stop.pointee == 0x20 || stop.pointee == 0x09 { stop += 1 }
            return stop == fieldEnd ? value : nil
        }
    }
}
