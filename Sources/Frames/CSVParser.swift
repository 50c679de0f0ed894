/// The fields of a CSV text (RFC 4180), record by record, with the line each record starts on.
///
/// Accepts `,`, `;` or tab delimiters, quoted fields with embedded delimiters, doubled quotes and
/// line breaks, LF or CRLF line ends, a UTF-8 byte-order mark and a missing final newline.
struct CSVParser {
    /// One record and the 1-based line it starts on.
    struct Record {
        var fields: [String]
        var line: Int
    }

    let source: String
    let delimiter: UInt8

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

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

    /// Every record of `bytes`, header included.
    ///
    /// - Throws: `FrameError.unterminatedQuote`, `.unexpectedCharacterAfterQuote`.
    func records(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [Record] {
        var records: [Record] = []
        var position = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        var line = 1
        var lineStart = position
        var fields: [String] = []
        var recordLine = 1
        let end = bytes.count
        while position < end {
            // One field.
            var field: String
            if bytes[position] == Self.quote {
                let quoteLine = line, quoteColumn = position - lineStart + 1
                var content: [UInt8] = []
                position += 1
                var closed = false
                while position < end {
                    let byte = bytes[position]
                    if byte == Self.quote {
                        if position + 1 < end, bytes[position + 1] == Self.quote {
                            content.append(Self.quote)
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if byte == Self.newline { line += 1; lineStart = position + 1 }
                    content.append(byte)
                    position += 1
                }
                guard closed else { throw FrameError.unterminatedQuote(source: source, line: quoteLine, column: quoteColumn) }
                if position < end, bytes[position] != delimiter, bytes[position] != Self.newline,
                   !(bytes[position] == Self.carriageReturn) {
                    throw FrameError.unexpectedCharacterAfterQuote(
                        source: source, line: line, column: position - lineStart + 1,
                        character: "'\(Character(Unicode.Scalar(bytes[position])))'")
                }
                field = String(decoding: content, as: UTF8.self)
            } else {
                let start = position
                while position < end, bytes[position] != delimiter, bytes[position] != Self.newline,
                      bytes[position] != Self.carriageReturn {
                    position += 1
                }
                field = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            fields.append(field)
            // What ends the field: a delimiter, a line end, or the input's end.
            if position < end, bytes[position] == delimiter {
                position += 1
                if position == end { fields.append("") }
                continue
            }
            if position < end, bytes[position] == Self.carriageReturn { position += 1 }
            if position < end, bytes[position] == Self.newline { position += 1 }
            line += 1
            lineStart = position
            if !(fields.count == 1 && fields[0].isEmpty) {   // skip blank lines
                records.append(Record(fields: fields, line: recordLine))
            }
            fields = []
            recordLine = line
        }
        if !fields.isEmpty { records.append(Record(fields: fields, line: recordLine)) }
        return records
    }
}
