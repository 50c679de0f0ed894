import NotebookDisplay

/// Stream text as a terminal shows it, as HTML: carriage returns and backspaces move the cursor
/// (so a progress bar redrawn in place shows its final state), ANSI colour and weight codes
/// become spans (the 16 colours as classes the style sheet defines for light and dark), other
/// escape sequences vanish, and everything is escaped.
enum TerminalText {
    struct Style: Equatable {
        var foreground: Color?
        var background: Color?
        var bold = false
        var italic = false
        var underline = false

        var isPlain: Bool { self == Style() }
    }

    enum Color: Equatable {
        /// One of the 16 named colours: 0-7 normal, 8-15 bright.
        case named(Int)
        case rgb(Int, Int, Int)
    }

    private struct Cell {
        var character: Character
        var style: Style
    }

    static func html(_ text: String) -> String {
        var lines: [[Cell]] = [[]]
        var cursor = 0
        var style = Style()
        let characters = Array(text)
        var index = 0
        func put(_ character: Character) {
            let line = lines.count - 1
            if cursor < lines[line].count { lines[line][cursor] = Cell(character: character, style: style) }
            else { lines[line].append(Cell(character: character, style: style)) }
            cursor += 1
        }
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "\n", "\r\n":
                lines.append([])
                cursor = 0
            case "\r":
                cursor = 0
            case "\u{8}":
                cursor = max(0, cursor - 1)
            case "\u{1B}":
                guard index < characters.count, characters[index] == "[" else { continue }
                var parameters = ""
                index += 1
                while index < characters.count, let ascii = characters[index].asciiValue, (0x30...0x3F).contains(ascii) {
                    parameters.append(characters[index])
                    index += 1
                }
                guard index < characters.count else { break }
                let command = characters[index]
                index += 1
                if command == "m" { apply(parameters, to: &style) }
                if command == "K" {   // erase in line: from the cursor (0), to it (1), all of it (2)
                    let line = lines.count - 1
                    switch parameters {
                    case "", "0": lines[line].removeSubrange(min(cursor, lines[line].count)...)
                    case "2": lines[line] = []
                    default: break
                    }
                }
            case "\t":
                repeat { put(" ") } while cursor % 8 != 0
            default:
                put(character)
            }
        }
        return lines.map(render).joined(separator: "\n")
    }

    private static func render(_ line: [Cell]) -> String {
        var html = "", index = 0
        while index < line.count {
            let style = line[index].style
            var run = ""
            while index < line.count, line[index].style == style {
                run.append(line[index].character)
                index += 1
            }
            html += style.isPlain ? escapeHTML(run) : "<span\(attributes(of: style))>\(escapeHTML(run))</span>"
        }
        return html
    }

    private static func attributes(of style: Style) -> String {
        var classes: [String] = [], css: [String] = []
        if style.bold { classes.append("ansi-bold") }
        if style.italic { classes.append("ansi-italic") }
        if style.underline { classes.append("ansi-underline") }
        for (color, prefix, property) in [(style.foreground, "ansi-fg", "color"), (style.background, "ansi-bg", "background-color")] {
            switch color {
            case let .named(number)?: classes.append("\(prefix)-\(number)")
            case let .rgb(red, green, blue)?: css.append("\(property): rgb(\(red), \(green), \(blue))")
            case nil: break
            }
        }
        return (classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"") + (css.isEmpty ? "" : " style=\"\(css.joined(separator: "; "))\"")
    }

    /// Select Graphic Rendition: 0 reset, 1 bold, 3 italic, 4 underline, 22/23/24 their ends,
    /// 30-37/90-97 and 40-47/100-107 named colours, 38/48 `;5;n` (256) and `;2;r;g;b`, 39/49 default.
    private static func apply(_ parameters: String, to style: inout Style) {
        let codes = parameters.isEmpty ? [0] : parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var index = 0
        while index < codes.count {
            let code = codes[index]
            index += 1
            switch code {
            case 0: style = Style()
            case 1: style.bold = true
            case 3: style.italic = true
            case 4: style.underline = true
            case 22: style.bold = false
            case 23: style.italic = false
            case 24: style.underline = false
            case 30...37: style.foreground = .named(code - 30)
            case 90...97: style.foreground = .named(code - 90 + 8)
            case 39: style.foreground = nil
            case 40...47: style.background = .named(code - 40)
            case 100...107: style.background = .named(code - 100 + 8)
            case 49: style.background = nil
            case 38, 48:
                var color: Color?
                if index < codes.count, codes[index] == 5, index + 1 < codes.count {
                    color = color256(codes[index + 1])
                    index += 2
                } else if index < codes.count, codes[index] == 2, index + 3 < codes.count {
                    color = .rgb(codes[index + 1], codes[index + 2], codes[index + 3])
                    index += 4
                }
                if code == 38 { style.foreground = color } else { style.background = color }
            default: break
            }
        }
    }

    /// xterm's 256 colours: the 16 named, a 6×6×6 cube, 24 greys.
    private static func color256(_ number: Int) -> Color {
        switch number {
        case 0..<16: return .named(number)
        case 16..<232:
            let cube = number - 16, steps = [0, 95, 135, 175, 215, 255]
            return .rgb(steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
        default:
            let grey = 8 + (min(number, 255) - 232) * 10
            return .rgb(grey, grey, grey)
        }
    }
}
